// The AppSync stand-in's /graphql endpoint: authorisation as AppSync applies it (requestAuth: the
// request's mode and credentials; authDirectives: each field's modes), the
// schema's root fields resolved by invoking the mapped direct Lambda resolvers, and errors in
// AppSync's shape ({path, data, errorType, errorInfo, locations, message}).
import type { IncomingMessage } from "node:http";
import {
  type DocumentNode,
  execute,
  type GraphQLError,
  type GraphQLFieldResolver,
  type GraphQLSchema,
  defaultFieldResolver,
  parse,
  validate,
} from "graphql";
import { plainHeaders } from "../http/requestHeaders";
import { resolverKey } from "../lambda/functionCatalog";
import type { LocalFunction } from "../lambda/localFunction";
import { FieldAuthorization } from "./authDirectives";
import { directResolverEvent } from "./directResolverEvent";
import type { AuthenticatedCaller, RequestAuthenticator } from "./requestAuth";

export interface GraphqlResponse {
  status: number;
  body: unknown;
}

interface ResolverContext {
  headers: Record<string, string>;
  caller: AuthenticatedCaller;
}

export class GraphqlEndpoint {
  private readonly documents = new Map<string, DocumentNode | readonly GraphQLError[]>();
  private readonly fieldAuthorization: FieldAuthorization;

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly resolvers: Map<string, LocalFunction>,
    private readonly auth: RequestAuthenticator,
  ) {
    this.fieldAuthorization = new FieldAuthorization(schema, auth.defaultMode);
  }

  async handle(request: IncomingMessage, bodyText: string): Promise<GraphqlResponse> {
    const authenticated = await this.auth.authenticate(request, bodyText);
    if ("refusal" in authenticated) return authenticated.refusal;
    let body: { query?: unknown; variables?: unknown; operationName?: unknown };
    try {
      body = JSON.parse(bodyText) as typeof body;
    } catch {
      return { status: 400, body: { errors: [{ errorType: "MalformedHttpRequestException", message: "The request body is not valid JSON." }] } };
    }
    if (typeof body?.query !== "string") {
      return { status: 400, body: { errors: [{ errorType: "MalformedHttpRequestException", message: "The request has no query." }] } };
    }
    const document = this.document(body.query);
    if (!("kind" in document)) return { status: 200, body: { data: null, errors: document.map(documentError) } };
    const result = await execute({
      schema: this.schema,
      document,
      variableValues: (body.variables ?? undefined) as Record<string, unknown> | undefined,
      operationName: typeof body.operationName === "string" ? body.operationName : undefined,
      contextValue: { headers: plainHeaders(request), caller: authenticated.caller } satisfies ResolverContext,
      fieldResolver: this.fieldResolver,
    });
    const errors = result.errors?.map(fieldError);
    return { status: 200, body: { data: result.data ?? null, ...(errors ? { errors } : {}) } };
  }

  /** Root fields with a mapped resolver invoke its function; every other field reads the parent's property, as AppSync does without a resolver. */
  private readonly fieldResolver: GraphQLFieldResolver<unknown, ResolverContext> = async (source, args, context, info) => {
    this.fieldAuthorization.check(info.parentType.name, info.fieldName, context.caller);
    const fn = this.resolvers.get(resolverKey(info.parentType.name, info.fieldName));
    if (!fn) return defaultFieldResolver(source, args, context, info);
    return fn.invoke(directResolverEvent(args, info, context.headers, source ?? null, context.caller.identity));
  };

  private document(query: string): DocumentNode | readonly GraphQLError[] {
    let document = this.documents.get(query);
    if (!document) {
      try {
        const parsed = parse(query);
        const errors = validate(this.schema, parsed);
        document = errors.length > 0 ? errors : parsed;
      } catch (error) {
        document = [error as GraphQLError];
      }
      if (this.documents.size > 500) this.documents.clear();
      this.documents.set(query, document);
    }
    return document;
  }
}

function documentError(error: GraphQLError) {
  return { path: null, locations: (error.locations ?? []).map((location) => ({ ...location, sourceName: null })), message: error.message };
}

function fieldError(error: GraphQLError) {
  return {
    path: error.path ?? null,
    data: null,
    // A FunctionError's name is the Lambda payload's errorType.
    errorType: error.originalError?.name ?? null,
    errorInfo: null,
    locations: (error.locations ?? []).map((location) => ({ ...location, sourceName: null })),
    message: error.message,
  };
}

// The AppSync stand-in's /graphql endpoint: authorisation as AppSync applies it (requestAuth: the
// request's mode and credentials; authDirectives: each field's modes), the schema's root fields
// resolved by running the Lambda resolver code around the mapped functions (lambdaResolverCode.ts),
// and errors in AppSync's shape ({path, data, errorType, errorInfo, locations, message}).
// AppSync's limits (query depth, resolver count, introspection, request size) come from the API's
// one limits configuration, the one the stack deploys.
import type { IncomingMessage } from "node:http";
import {
  execute,
  type GraphQLError,
  type GraphQLFieldResolver,
  type GraphQLSchema,
  defaultFieldResolver,
  NoSchemaIntrospectionCustomRule,
  parse,
  specifiedRules,
  validate,
} from "graphql";
import { plainHeaders } from "../http/requestHeaders";
import { API_LIMITS, apiIntrospectionEnabled } from "@pizza-orders/functions/api/apiLimits";
import { resolverKey } from "../lambda/functionCatalog";
import type { LocalFunction } from "../lambda/localFunction";
import { FieldAuthorization } from "./authDirectives";
import { directResolverEvent } from "./directResolverEvent";
import { AppSyncResolverError, resolveWithLambda } from "./lambdaResolverCode";
import type { AuthenticatedCaller, RequestAuthenticator } from "./requestAuth";
import { type CachedDocument, DocumentCache } from "./documentCache";
import { ExecutionBudget, type ExecutionLimits } from "./executionLimits";
import { MalformedGraphqlRequest, parseGraphqlRequest } from "./graphqlRequest";
import { MAX_PARSE_NESTING, scanQuery } from "./queryNesting";

export interface GraphqlResponse {
  status: number;
  body: unknown;
}

interface ResolverContext {
  headers: Record<string, string>;
  caller: AuthenticatedCaller;
  budget: ExecutionBudget;
}

export interface GraphqlEndpointOptions {
  limits?: ExecutionLimits & { maxRequestBodyBytes: number };
  introspection?: boolean;
  documentCacheBytes?: number;
}

export class GraphqlEndpoint {
  readonly limits: ExecutionLimits & { maxRequestBodyBytes: number };
  readonly documents: DocumentCache;
  private readonly validationRules: typeof specifiedRules;
  private readonly fieldAuthorization: FieldAuthorization;

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly resolvers: Map<string, LocalFunction>,
    private readonly auth: RequestAuthenticator,
    // The local shop stands for a development stage: introspection on, as the stack sets it there.
    { limits = API_LIMITS, introspection = apiIntrospectionEnabled(false), documentCacheBytes }: GraphqlEndpointOptions = {},
  ) {
    this.limits = limits;
    this.documents = new DocumentCache(documentCacheBytes);
    this.validationRules = introspection ? specifiedRules : [...specifiedRules, NoSchemaIntrospectionCustomRule];
    this.fieldAuthorization = new FieldAuthorization(schema, auth.defaultMode);
  }

  /** The refusal of a request whose credentials cannot pass, decided from its headers alone, so before its body is read. */
  authorizationFailure(request: IncomingMessage): GraphqlResponse | undefined {
    return this.auth.headerRefusal(request);
  }

  async handle(request: IncomingMessage, bodyText: string): Promise<GraphqlResponse> {
    const authenticated = await this.auth.authenticate(request, bodyText);
    if ("refusal" in authenticated) return authenticated.refusal;
    let body;
    try {
      body = parseGraphqlRequest(bodyText);
    } catch (error) {
      if (!(error instanceof MalformedGraphqlRequest)) throw error;
      return { status: 400, body: { errors: [{ errorType: error.errorType, message: error.message }] } };
    }
    const document = this.document(body.query);
    if ("status" in document) return document;
    if (!("kind" in document)) return { status: 200, body: { data: null, errors: document.map(documentError) } };
    const result = await execute({
      schema: this.schema,
      document,
      variableValues: body.variables,
      operationName: body.operationName,
      contextValue: { headers: plainHeaders(request), caller: authenticated.caller, budget: new ExecutionBudget(this.limits) } satisfies ResolverContext,
      fieldResolver: this.fieldResolver,
    });
    const errors = result.errors?.map(fieldError);
    return { status: 200, body: { data: result.data ?? null, ...(errors ? { errors } : {}) } };
  }

  /** Root fields with a mapped resolver invoke its function; every other field reads the parent's property, as AppSync does without a resolver. */
  private readonly fieldResolver: GraphQLFieldResolver<unknown, ResolverContext> = async (source, args, context, info) => {
    this.fieldAuthorization.check(info.parentType.name, info.fieldName, context.caller);
    const fn = this.resolvers.get(resolverKey(info.parentType.name, info.fieldName));
    context.budget.enterField(info, fn !== undefined);
    if (!fn) return defaultFieldResolver(source, args, context, info);
    return resolveWithLambda(fn, directResolverEvent(args, info, context.headers, source ?? null, context.caller.identity));
  };

  private document(query: string): CachedDocument | GraphqlResponse {
    const cached = this.documents.get(query);
    if (cached) return cached;
    // Every token takes at least one byte, so this token bound never refuses a query the body
    // limit lets through; it bounds the parser should that limit ever be raised.
    const maxTokens = this.limits.maxRequestBodyBytes;
    const scan = scanQuery(query, MAX_PARSE_NESTING, maxTokens);
    if (scan.tooDeep) {
      return {
        status: 400,
        body: {
          errors: [
            {
              errorType: "BadRequestException",
              message: `The query nests deeper than ${MAX_PARSE_NESTING} levels (line ${scan.line}, column ${scan.column}); no API can run it.`,
            },
          ],
        },
      };
    }
    let document: CachedDocument;
    try {
      const parsed = parse(query, { maxTokens });
      const errors = validate(this.schema, parsed, this.validationRules);
      document = errors.length > 0 ? errors : parsed;
    } catch (error) {
      document = [error as GraphQLError];
    }
    this.documents.set(query, document, scan.tokens);
    return document;
  }
}

function documentError(error: GraphQLError) {
  return { path: null, locations: (error.locations ?? []).map((location) => ({ ...location, sourceName: null })), message: error.message };
}

function fieldError(error: GraphQLError) {
  // A resolver's util.error carries AppSync's parts; the stand-in's own refusals (authorisation,
  // limits) are named after their errorType.
  const raised = error.originalError instanceof AppSyncResolverError ? error.originalError : undefined;
  return {
    path: error.path ?? null,
    data: raised?.data ?? null,
    errorType: raised ? raised.errorType : (error.originalError?.name ?? null),
    errorInfo: raised?.errorInfo ?? null,
    locations: (error.locations ?? []).map((location) => ({ ...location, sourceName: null })),
    message: error.message,
  };
}

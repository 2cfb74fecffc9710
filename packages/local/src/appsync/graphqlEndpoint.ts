// The AppSync stand-in's /graphql endpoint: authorisation as AppSync applies it (requestAuth: the
// request's mode and credentials; authDirectives: each field's modes), the schema's root fields
// resolved by running the Lambda resolver code around the mapped functions (lambdaResolverCode.ts),
// and errors in AppSync's shape ({path, data, errorType, errorInfo, locations, message}).
// AppSync's limits (query depth, resolver count, introspection, request size) come from the API's
// one limits configuration, the one the stack deploys. Fields on a NONE data source return their
// argument (noneResolvers); a mutation named in an @aws_subscribe reaches the open subscriptions
// (subscriptionHub) with its result, which the real-time endpoint (realtimeServer) delivers.
import type { IncomingMessage } from "node:http";
import { API_LIMITS, apiIntrospectionEnabled } from "@pizza-orders/functions/api/apiLimits";
import { NONE_RESOLVERS } from "@pizza-orders/functions/api/noneResolvers";
import {
  defaultFieldResolver,
  type ExecutionResult,
  execute,
  type FieldNode,
  type GraphQLError,
  type GraphQLFieldResolver,
  type GraphQLSchema,
  Kind,
  NoSchemaIntrospectionCustomRule,
  type OperationDefinitionNode,
  parse,
  specifiedRules,
  validate,
} from "graphql";
import { plainHeaders } from "../http/requestHeaders";
import { resolverKey } from "../lambda/functionCatalog";
import type { LocalFunction } from "../lambda/localFunction";
import { FieldAuthorization } from "./authDirectives";
import { directResolverEvent } from "./directResolverEvent";
import { type CachedDocument, DocumentCache } from "./documentCache";
import { ExecutionBudget, type ExecutionLimits } from "./executionLimits";
import { MalformedGraphqlRequest, parseGraphqlRequest } from "./graphqlRequest";
import { AppSyncResolverError, resolveWithLambda } from "./lambdaResolverCode";
import { MAX_PARSE_NESTING, scanQuery } from "./queryNesting";
import type { AuthenticatedCaller, RequestAuthenticator } from "./requestAuth";
import { SubscriptionHub } from "./subscriptionHub";

export interface GraphqlResponse {
  status: number;
  body: unknown;
}

interface ResolverContext {
  headers: Record<string, string>;
  caller: AuthenticatedCaller;
  budget: ExecutionBudget;
  /** Only while a subscription starts: the root field's name and arguments, for the hub. */
  started?: { fieldName: string; args: Record<string, unknown> };
}

export interface SubscriptionRequest {
  query: string;
  variables?: Record<string, unknown>;
  operationName?: string;
}

/** A started subscription; `stop` closes it. */
export type SubscriptionStart = { stop(): void } | { errors: unknown[] };

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
  readonly subscriptions: SubscriptionHub;
  private readonly noneResolvers = new Map<string, string>(
    NONE_RESOLVERS.map((resolver) => [resolverKey(resolver.typeName, resolver.fieldName), resolver.returnsArgument]),
  );

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
    this.subscriptions = new SubscriptionHub(schema);
  }

  /** The real-time endpoint authenticates each connection and start message with the API's own checks. */
  get authenticator(): RequestAuthenticator {
    return this.auth;
  }

  /** The refusal of a request whose credentials cannot pass, decided from its headers alone, so before its body is read. */
  authorizationFailure(request: IncomingMessage): GraphqlResponse | undefined {
    return this.auth.headerRefusal(request);
  }

  async handle(request: IncomingMessage, bodyText: string): Promise<GraphqlResponse> {
    const authenticated = await this.auth.authenticate(request, bodyText);
    if ("refusal" in authenticated) return authenticated.refusal;
    let body: ReturnType<typeof parseGraphqlRequest>;
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
    this.publishMutationResults(document, body.operationName, result);
    const errors = result.errors?.map(fieldError);
    return { status: 200, body: { data: result.data ?? null, ...(errors ? { errors } : {}) } };
  }

  /**
   * Starts a subscription as AppSync does when a `start` message arrives: the request's
   * validation and limits, the subscription field's auth directives for the caller, then the
   * field's resolver (run now, at subscribe time; an error refuses the subscription). Each later
   * publish that matches its arguments is shaped by its selection set and handed to `deliver`.
   */
  async startSubscription(
    caller: AuthenticatedCaller,
    headers: Record<string, string>,
    request: SubscriptionRequest,
    deliver: (result: ExecutionResult) => void,
  ): Promise<SubscriptionStart> {
    const document = this.document(request.query);
    if ("status" in document) return { errors: (document.body as { errors: unknown[] }).errors };
    if (!("kind" in document)) return { errors: document.map(documentError) };
    const operation = operationOf(document, request.operationName);
    if (operation?.operation !== "subscription")
      return { errors: [{ errorType: "BadRequestException", message: "A start message needs a subscription operation." }] };
    const context: ResolverContext = { headers, caller, budget: new ExecutionBudget(this.limits) };
    const started = await execute({
      schema: this.schema,
      document,
      variableValues: request.variables,
      operationName: request.operationName,
      contextValue: context,
      fieldResolver: this.fieldResolver,
    });
    if (started.errors?.length) return { errors: started.errors.map(fieldError) };
    if (!context.started) return { errors: [{ errorType: "BadRequestException", message: "The subscription names no field." }] };
    const { fieldName, args } = context.started;
    const stop = this.subscriptions.open({
      fieldName,
      args,
      deliver: (published) => {
        // The published value is shaped by the subscriber's own selection set, each field
        // checked against the subscriber's auth mode as for any read.
        const shaped = execute({
          schema: this.schema,
          document,
          variableValues: request.variables,
          operationName: request.operationName,
          contextValue: context,
          fieldResolver: (source, fieldArgs, _context, info) => {
            this.fieldAuthorization.check(info.parentType.name, info.fieldName, caller);
            return info.parentType === this.schema.getSubscriptionType() ? published : defaultFieldResolver(source, fieldArgs, context, info);
          },
        }) as ExecutionResult;
        deliver(shaped.errors ? { data: shaped.data ?? null, errors: shaped.errors.map(fieldError) as never } : shaped);
      },
    });
    return { stop };
  }

  /** A mutation named in an @aws_subscribe publishes its result (as its selection set shaped it) to the open subscriptions. */
  private publishMutationResults(document: CachedDocument, operationName: string | undefined, result: ExecutionResult): void {
    if (!("kind" in document) || !result.data) return;
    const operation = operationOf(document, operationName);
    if (operation?.operation !== "mutation") return;
    for (const selection of operation.selectionSet.selections) {
      if (selection.kind !== Kind.FIELD || !this.subscriptions.isPublishingMutation(selection.name.value)) continue;
      const value = result.data[(selection as FieldNode).alias?.value ?? selection.name.value];
      if (value !== null && value !== undefined) this.subscriptions.publish(selection.name.value, value);
    }
  }

  /**
   * Root fields with a mapped resolver invoke its function; a NONE data source field returns its
   * argument; every other field reads the parent's property, as AppSync does without a resolver.
   */
  private readonly fieldResolver: GraphQLFieldResolver<unknown, ResolverContext> = async (source, args, context, info) => {
    this.fieldAuthorization.check(info.parentType.name, info.fieldName, context.caller);
    const key = resolverKey(info.parentType.name, info.fieldName);
    const fn = this.resolvers.get(key);
    const noneArgument = this.noneResolvers.get(key);
    context.budget.enterField(info, fn !== undefined || noneArgument !== undefined);
    if (noneArgument !== undefined) return args[noneArgument];
    if (!fn) return defaultFieldResolver(source, args, context, info);
    const value = await resolveWithLambda(fn, directResolverEvent(args, info, context.headers, source ?? null, context.caller.identity));
    if (info.parentType === this.schema.getSubscriptionType()) context.started = { fieldName: info.fieldName, args: { ...args } };
    return value;
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

function operationOf(document: { definitions: readonly { kind: string }[] }, operationName: string | undefined): OperationDefinitionNode | undefined {
  const operations = document.definitions.filter((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION);
  return operationName ? operations.find((operation) => operation.name?.value === operationName) : operations.length === 1 ? operations[0] : undefined;
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

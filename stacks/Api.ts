// The GraphQL API: AppSync on the one schema file with three auth modes — API key (default: the
// public menu, guest checkout and tracking), the customers' Cognito user pool, and IAM (reserved
// for backend publishers) — each field naming its modes in the schema. One Lambda function per
// field from the functions package's resolver map, each behind the APPSYNC_JS resolver code in
// graphql/lambdaResolver.js (it delivers errorInfo; see packages/functions/src/api/resolverError.ts);
// the subscription fields' functions run when a subscription starts and authorise it, and
// publishOrderUpdate (IAM only) is on a NONE data source: it only hands its update to subscribers.
// AppSync's query limits come from the API limits module (the local API enforces the same), and
// in production a WAF web ACL is in front of it.
import { readFileSync } from "node:fs";
import path from "node:path";
import { Expiration } from "aws-cdk-lib";
import { AuthorizationType, Code, FunctionRuntime } from "aws-cdk-lib/aws-appsync";
import { AppSyncApi, type StackContext, use } from "sst/constructs";
import { useProject } from "sst/project.js";
import { API_LIMITS } from "../packages/functions/src/api/apiLimits";
import { NONE_RESOLVERS, NONE_RESPONSE_TEMPLATE, noneRequestTemplate } from "../packages/functions/src/api/noneResolvers";
import { API_RESOLVERS, type ApiResolver } from "../packages/functions/src/api/resolverMap";
import { FUNCTION_TIMEOUT_SECONDS, handlerPath } from "../packages/functions/src/functionSettings";
import { Auth } from "./Auth";
import { protectApiWithWebAcl } from "./apiWebAcl";
import { functionEnvironment } from "./functionEnvironment";
import { stageLogGroup } from "./logGroups";
import { suppressApiFindings, suppressLambdaBaselineFindings, suppressReceiptObjectsFindings } from "./nagSuppressions";
import { OrdersQueue } from "./OrdersQueue";
import { grantOrderUpdatePublishing, type PublishingFunction } from "./orderUpdatePublishing";
import { allow, type OrdersTableAction } from "./permissions";
import { receiptObjectsArn } from "./receiptsBucket";
import { Storage } from "./Storage";
import { stageConfig } from "./stageConfig";

const NONE_DATA_SOURCE = "none";

const GRAPHQL_SCHEMA_FILE = "graphql/schema.graphql";
const LAMBDA_RESOLVER_CODE_FILE = "graphql/lambdaResolver.js";

interface ResolverAccess {
  /** Actions on the table's items (by order id). */
  tableActions: readonly OrdersTableAction[];
  /** Query on the byCustomer index (a customer's history) — the only Query any function makes. */
  queriesHistory: boolean;
  enqueuesOrders: boolean;
  /** Looks up receipts and presigns links to them (order(id)'s receiptUrl). */
  readsReceipts: boolean;
}

const NO_ACCESS: ResolverAccess = { tableActions: [], queriesHistory: false, enqueuesOrders: false, readsReceipts: false };

/** What each resolver may do: exactly the calls its handler makes. No customer-facing function may delete an order. */
const API_RESOLVER_ACCESS: Record<ApiResolver["fieldName"], ResolverAccess> = {
  menu: NO_ACCESS,
  me: NO_ACCESS,
  order: { ...NO_ACCESS, tableActions: ["dynamodb:GetItem"], readsReceipts: true },
  orders: { ...NO_ACCESS, queriesHistory: true },
  myOrders: { ...NO_ACCESS, queriesHistory: true },
  // DeleteItem undoes the order write when the enqueue fails (conditional on QUEUED), so no order is stranded.
  // GetItem: a call with a client token reads its checkout attempt and the order it placed (a retry).
  postOrder: { ...NO_ACCESS, tableActions: ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:DeleteItem"], enqueuesOrders: true },
  updateOrder: { ...NO_ACCESS, tableActions: ["dynamodb:GetItem", "dynamodb:UpdateItem"] },
  cancelOrder: { ...NO_ACCESS, tableActions: ["dynamodb:GetItem", "dynamodb:UpdateItem"] },
  deleteOrder: { ...NO_ACCESS, tableActions: ["dynamodb:GetItem", "dynamodb:UpdateItem"] },
  claimGuestOrders: { ...NO_ACCESS, tableActions: ["dynamodb:GetItem", "dynamodb:UpdateItem"] },
  // Subscription resolvers run when a subscription starts: the order channel reads the watched order to authorise.
  onOrderUpdate: { ...NO_ACCESS, tableActions: ["dynamodb:GetItem"] },
  onCustomerOrderUpdates: NO_ACCESS,
  onRestaurantOrderUpdates: NO_ACCESS,
};

export function Api({ stack }: StackContext) {
  const config = stageConfig(stack.stage);
  const { ordersTable, historyIndexArn, receiptsBucket } = use(Storage);
  const { ordersQueue } = use(OrdersQueue);
  const { auth } = use(Auth);
  const root = useProject().paths.root;
  const lambdaResolverCode = Code.fromInline(readFileSync(path.join(root, LAMBDA_RESOLVER_CODE_FILE), "utf8"));

  const resolverFunction = (resolver: ApiResolver) => {
    const access = API_RESOLVER_ACCESS[resolver.fieldName];
    const usesTable = access.tableActions.length > 0 || access.queriesHistory;
    return {
      function: {
        handler: handlerPath(resolver.handler),
        timeout: FUNCTION_TIMEOUT_SECONDS.apiResolver,
        logGroup: stageLogGroup(stack, `${resolver.typeName}${resolver.fieldName}ResolverLogs`, config),
        environment: functionEnvironment({
          ORDERS_TABLE_NAME: usesTable ? ordersTable.tableName : undefined,
          ORDER_DEADLINE_SECONDS: usesTable ? config.orderDeadlineSeconds : undefined,
          ORDERS_QUEUE_URL: access.enqueuesOrders ? ordersQueue.queueUrl : undefined,
          RECEIPTS_BUCKET_NAME: access.readsReceipts ? receiptsBucket.bucketName : undefined,
        }),
        permissions: [
          ...(access.tableActions.length > 0 ? [allow(access.tableActions, [ordersTable.tableArn])] : []),
          ...(access.queriesHistory ? [allow(["dynamodb:Query"], [historyIndexArn])] : []),
          ...(access.enqueuesOrders ? [allow(["sqs:SendMessage"], [ordersQueue.queueArn])] : []),
          // A presigned link carries this role's permission; ListBucket makes a missing receipt's HeadObject a 404, not a 403.
          ...(access.readsReceipts ? [allow(["s3:GetObject"], [receiptObjectsArn(receiptsBucket)]), allow(["s3:ListBucket"], [receiptsBucket.bucketArn])] : []),
        ],
      },
      cdk: { resolver: { runtime: FunctionRuntime.JS_1_0_0, code: lambdaResolverCode } },
    };
  };

  const api = new AppSyncApi(stack, "OrdersApi", {
    schema: path.join(root, GRAPHQL_SCHEMA_FILE),
    dataSources: { [NONE_DATA_SOURCE]: { type: "none" } },
    resolvers: {
      ...Object.fromEntries(API_RESOLVERS.map((resolver) => [`${resolver.typeName} ${resolver.fieldName}`, resolverFunction(resolver)])),
      ...Object.fromEntries(
        NONE_RESOLVERS.map((resolver) => [
          `${resolver.typeName} ${resolver.fieldName}`,
          { dataSource: NONE_DATA_SOURCE, requestMapping: { inline: noneRequestTemplate(resolver) }, responseMapping: { inline: NONE_RESPONSE_TEMPLATE } },
        ]),
      ),
    },
    cdk: {
      graphqlApi: {
        xrayEnabled: true,
        queryDepthLimit: API_LIMITS.queryDepthLimit,
        resolverCountLimit: API_LIMITS.resolverCountLimit,
        introspectionConfig: config.apiIntrospection,
        authorizationConfig: {
          defaultAuthorization: {
            authorizationType: AuthorizationType.API_KEY,
            apiKeyConfig: {
              name: "web",
              description: "Used by the pizza-orders web app; the expiry moves forward on every deploy.",
              expires: Expiration.after(config.apiKeyExpiry),
            },
          },
          additionalAuthorizationModes: [
            {
              authorizationType: AuthorizationType.USER_POOL,
              // Only the web app's client; each field's @aws_cognito_user_pools directive decides the rest.
              userPoolConfig: { userPool: auth.cdk.userPool, appIdClientRegex: auth.userPoolClientId },
            },
            { authorizationType: AuthorizationType.IAM },
          ],
        },
        // CDK's GraphqlApi always manages this log group through its LogRetention custom
        // resource (so no explicit LogGroup here, it would collide with that one).
        logConfig: { fieldLogLevel: config.apiFieldLogLevel, excludeVerboseContent: true, retention: config.logRetention },
      },
    },
  });

  for (const resolver of API_RESOLVERS) {
    const fn = api.getFunction(`${resolver.typeName} ${resolver.fieldName}`)!;
    suppressLambdaBaselineFindings(fn);
    if (API_RESOLVER_ACCESS[resolver.fieldName].readsReceipts) suppressReceiptObjectsFindings(fn);
  }
  suppressApiFindings(api);
  if (config.apiWebAcl) protectApiWithWebAcl(stack, api.cdk.graphqlApi);

  stack.addOutputs({ ApiUrl: api.url });
  return {
    api,
    /** For the change source's publisher function: may call publishOrderUpdate (nothing else) and knows the API's URL. */
    grantOrderUpdatePublishing: (fn: PublishingFunction) => grantOrderUpdatePublishing(api.cdk.graphqlApi, api.url, fn),
  };
}

// The GraphQL API: AppSync on the one schema file, API-key auth (the public web app's mode),
// one direct Lambda resolver per field from the functions package's resolver map, AppSync's query
// limits from the API limits module (the local API enforces the same), and in production a WAF
// web ACL in front of it.
import path from "node:path";
import { AppSyncApi, use, type StackContext } from "sst/constructs";
import { useProject } from "sst/project.js";
import { Expiration } from "aws-cdk-lib";
import { AuthorizationType } from "aws-cdk-lib/aws-appsync";
import { API_LIMITS } from "../packages/functions/src/api/apiLimits";
import { API_RESOLVERS, type ApiResolver } from "../packages/functions/src/api/resolverMap";
import { FUNCTION_TIMEOUT_SECONDS, handlerPath } from "../packages/functions/src/functionSettings";
import { OrdersQueue } from "./OrdersQueue";
import { Storage } from "./Storage";
import { allow, type OrdersTableAction } from "./permissions";
import { functionEnvironment } from "./functionEnvironment";
import { stageLogGroup } from "./logGroups";
import { stageConfig } from "./stageConfig";
import { protectApiWithWebAcl } from "./apiWebAcl";
import { suppressApiFindings, suppressLambdaBaselineFindings } from "./nagSuppressions";

const GRAPHQL_SCHEMA_FILE = "graphql/schema.graphql";

interface ResolverAccess {
  tableActions: readonly OrdersTableAction[];
  enqueuesOrders: boolean;
}

/** What each resolver may do: exactly the calls its handler makes. */
const API_RESOLVER_ACCESS: Record<ApiResolver["fieldName"], ResolverAccess> = {
  menu: { tableActions: [], enqueuesOrders: false },
  order: { tableActions: ["dynamodb:GetItem"], enqueuesOrders: false },
  orders: { tableActions: ["dynamodb:Query"], enqueuesOrders: false },
  // DeleteItem undoes the order write when the enqueue fails, so no order is stranded QUEUED.
  postOrder: { tableActions: ["dynamodb:PutItem", "dynamodb:DeleteItem"], enqueuesOrders: true },
  updateOrder: { tableActions: ["dynamodb:GetItem", "dynamodb:UpdateItem"], enqueuesOrders: false },
  deleteOrder: { tableActions: ["dynamodb:GetItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem"], enqueuesOrders: false },
};

export function Api({ stack }: StackContext) {
  const config = stageConfig(stack.stage);
  const { ordersTable } = use(Storage);
  const { ordersQueue } = use(OrdersQueue);

  const resolverFunction = (resolver: ApiResolver) => {
    const access = API_RESOLVER_ACCESS[resolver.fieldName];
    const usesTable = access.tableActions.length > 0;
    return {
      function: {
        handler: handlerPath(resolver.handler),
        timeout: FUNCTION_TIMEOUT_SECONDS.apiResolver,
        logGroup: stageLogGroup(stack, `${resolver.typeName}${resolver.fieldName}ResolverLogs`, config),
        environment: functionEnvironment({
          ORDERS_TABLE_NAME: usesTable ? ordersTable.tableName : undefined,
          ORDER_DEADLINE_SECONDS: usesTable ? config.orderDeadlineSeconds : undefined,
          ORDERS_QUEUE_URL: access.enqueuesOrders ? ordersQueue.queueUrl : undefined,
        }),
        permissions: [
          ...(usesTable ? [allow(access.tableActions, [ordersTable.tableArn])] : []),
          ...(access.enqueuesOrders ? [allow(["sqs:SendMessage"], [ordersQueue.queueArn])] : []),
        ],
      },
    };
  };

  const api = new AppSyncApi(stack, "OrdersApi", {
    schema: path.join(useProject().paths.root, GRAPHQL_SCHEMA_FILE),
    resolvers: Object.fromEntries(API_RESOLVERS.map((resolver) => [`${resolver.typeName} ${resolver.fieldName}`, resolverFunction(resolver)])),
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
        },
        // CDK's GraphqlApi always manages this log group through its LogRetention custom
        // resource (so no explicit LogGroup here, it would collide with that one).
        logConfig: { fieldLogLevel: config.apiFieldLogLevel, excludeVerboseContent: true, retention: config.logRetention },
      },
    },
  });

  for (const resolver of API_RESOLVERS) {
    suppressLambdaBaselineFindings(api.getFunction(`${resolver.typeName} ${resolver.fieldName}`)!);
  }
  suppressApiFindings(api);
  if (config.apiWebAcl) protectApiWithWebAcl(stack, api.cdk.graphqlApi);

  stack.addOutputs({ ApiUrl: api.url });
  return { api };
}

// The GraphQL API: AppSync on the one schema file with three auth modes — API key (default: the
// public menu, guest checkout and tracking), the customers' Cognito user pool, and IAM (reserved
// for backend publishers) — each field naming its modes in the schema. One Lambda function per
// field from the function manifest, each behind the APPSYNC_JS resolver code in
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
import { type AppFunctionTriggeredBy, functionsTriggeredBy } from "../packages/functions/src/functionManifest";
import { Auth } from "./Auth";
import { protectApiWithWebAcl } from "./apiWebAcl";
import { appFunctionProps } from "./appFunctionProps";
import { suppressApiFindings, suppressLambdaBaselineFindings, suppressReceiptObjectsFindings } from "./nagSuppressions";
import { OrdersQueue } from "./OrdersQueue";
import { Storage } from "./Storage";
import { stageConfig } from "./stageConfig";

const NONE_DATA_SOURCE = "none";

const GRAPHQL_SCHEMA_FILE = "graphql/schema.graphql";
const LAMBDA_RESOLVER_CODE_FILE = "graphql/lambdaResolver.js";

export function Api({ stack }: StackContext) {
  const config = stageConfig(stack.stage);
  const { ordersTable, receiptsBucket } = use(Storage);
  const { ordersQueue } = use(OrdersQueue);
  const { auth } = use(Auth);
  const root = useProject().paths.root;
  const lambdaResolverCode = Code.fromInline(readFileSync(path.join(root, LAMBDA_RESOLVER_CODE_FILE), "utf8"));

  const resolvers = functionsTriggeredBy("graphqlField");
  const fieldKey = ({ trigger }: AppFunctionTriggeredBy<"graphqlField">) => `${trigger.typeName} ${trigger.fieldName}`;
  const resolverFunction = (resolver: AppFunctionTriggeredBy<"graphqlField">) => ({
    function: appFunctionProps(resolver, {
      stack,
      config,
      logGroupId: `${resolver.trigger.typeName}${resolver.trigger.fieldName}ResolverLogs`,
      resources: { ordersTable, ordersQueue, receiptsBucket },
    }),
    cdk: { resolver: { runtime: FunctionRuntime.JS_1_0_0, code: lambdaResolverCode } },
  });

  const api = new AppSyncApi(stack, "OrdersApi", {
    schema: path.join(root, GRAPHQL_SCHEMA_FILE),
    dataSources: { [NONE_DATA_SOURCE]: { type: "none" } },
    resolvers: {
      ...Object.fromEntries(resolvers.map((resolver) => [fieldKey(resolver), resolverFunction(resolver)])),
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

  for (const resolver of resolvers) {
    const fn = api.getFunction(fieldKey(resolver))!;
    suppressLambdaBaselineFindings(fn);
    if (resolver.access.receiptObjects) suppressReceiptObjectsFindings(fn);
  }
  suppressApiFindings(api);
  if (config.apiWebAcl) protectApiWithWebAcl(stack, api.cdk.graphqlApi);

  stack.addOutputs({ ApiUrl: api.url });
  return { api };
}

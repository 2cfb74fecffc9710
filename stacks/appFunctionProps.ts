// An entry of the function manifest (packages/functions/src/functionManifest.ts) as SST function
// props: its handler and timeout, its own log group, and for each resource its access names the
// IAM statement with exactly those actions on that resource and the variables that name it. The
// stack that owns the trigger passes the resources it has; an entry asking for one it lacks fails
// the synth, saying which.
import { type GraphqlApiBase, IamResource } from "aws-cdk-lib/aws-appsync";
import type { IEventBus } from "aws-cdk-lib/aws-events";
import type { Bucket } from "aws-cdk-lib/aws-s3";
import type { IStateMachine } from "aws-cdk-lib/aws-stepfunctions";
import type { Construct } from "constructs";
import type { FunctionProps, Queue, Table, Topic } from "sst/constructs";
import { NONE_RESOLVERS } from "../packages/functions/src/api/noneResolvers";
import { type AppFunction, handlerPath } from "../packages/functions/src/functionManifest";
import { type FunctionEnvironment, functionEnvironment } from "./functionEnvironment";
import { stageLogGroup } from "./logGroups";
import { allow } from "./permissions";
import { receiptObjectsArn } from "./receiptsBucket";
import type { StageConfig } from "./stageConfig";

export interface AppFunctionResources {
  ordersTable?: Table;
  ordersQueue?: Queue;
  orderWorkflow?: IStateMachine;
  orderNotifications?: Topic;
  /** The API whose publishOrderUpdate mutation a publisher calls, and its GraphQL URL. */
  ordersApi?: { graphqlApi: GraphqlApiBase; url: string };
  receiptsBucket?: Bucket;
  orderEventsBus?: IEventBus;
  /** The stage's SES sender identity and configuration set. */
  customerEmail?: { from: string; identityArn: string; configurationSetName: string; configurationSetArn: string };
  /** The web app's address (the Site stack's webAppUrl), for an entry whose settings name WEB_APP_URL. */
  webAppUrl?: string;
}

/** The mutation a publisher may call (a NONE data source; AppSync hands its result to subscribers). */
export const PUBLISH_MUTATION = NONE_RESOLVERS.find((resolver) => resolver.fieldName === "publishOrderUpdate")!.fieldName;

export interface AppFunctionPropsOptions {
  /** Where the log group goes (the function's stack). */
  stack: Construct;
  config: StageConfig;
  /** Construct id of the function's log group (kept stable: prod retains its log groups). */
  logGroupId: string;
  resources: AppFunctionResources;
}

export function appFunctionProps(entry: AppFunction, { stack, config, logGroupId, resources }: AppFunctionPropsOptions): FunctionProps {
  const { access } = entry;
  const need = <Key extends keyof AppFunctionResources>(key: Key): NonNullable<AppFunctionResources[Key]> => {
    const found = resources[key];
    if (!found) throw new Error(`Function ${entry.name} (${entry.handler}) needs ${key}, which the stack deploying it does not pass`);
    return found;
  };
  const usesTable = access.ordersTable !== undefined || access.ordersTableIndexes !== undefined;
  const table = usesTable ? need("ordersTable") : undefined;
  const indexQueries = Object.entries(access.ordersTableIndexes ?? {}) as Array<[string, readonly string[]]>;
  const email = access.customerEmail ? need("customerEmail") : undefined;
  const environment: FunctionEnvironment &
    Partial<Record<"ORDERS_API_URL" | "CUSTOMER_EMAIL_TRANSPORT" | "CUSTOMER_EMAIL_FROM" | "SES_CONFIGURATION_SET" | "WEB_APP_URL", string>> = {
    ORDERS_TABLE_NAME: table?.tableName,
    ORDER_DEADLINE_SECONDS: table ? config.orderDeadlineSeconds : undefined,
    ORDERS_QUEUE_URL: access.ordersQueue ? need("ordersQueue").queueUrl : undefined,
    ORDER_WORKFLOW_ARN: access.orderWorkflow ? need("orderWorkflow").stateMachineArn : undefined,
    ORDER_NOTIFICATIONS_TOPIC_ARN: access.orderNotifications ? need("orderNotifications").topicArn : undefined,
    PAYMENT_SUCCESS_RATE: entry.settings?.includes("PAYMENT_SUCCESS_RATE") ? config.paymentSuccessRate : undefined,
    WEB_APP_URL: entry.settings?.includes("WEB_APP_URL") ? need("webAppUrl") : undefined,
    ORDERS_API_URL: access.orderUpdates ? need("ordersApi").url : undefined,
    RECEIPTS_BUCKET_NAME: access.receiptObjects || access.receiptsBucket ? need("receiptsBucket").bucketName : undefined,
    ORDER_EVENTS_BUS_NAME: access.orderEvents ? need("orderEventsBus").eventBusName : undefined,
    CUSTOMER_EMAIL_TRANSPORT: email ? "ses" : undefined,
    CUSTOMER_EMAIL_FROM: email?.from,
    SES_CONFIGURATION_SET: email?.configurationSetName,
  };
  return {
    handler: handlerPath(entry.handler),
    timeout: entry.timeoutSeconds,
    logGroup: stageLogGroup(stack, logGroupId, config),
    environment: functionEnvironment(environment),
    permissions: [
      ...grant(access.ordersTable, () => [table!.tableArn]),
      ...indexQueries.map(([indexName, actions]) => allow(actions, [`${table!.tableArn}/index/${indexName}`])),
      ...grant(access.ordersQueue, () => [need("ordersQueue").queueArn]),
      ...grant(access.orderWorkflow, () => [need("orderWorkflow").stateMachineArn]),
      ...grant(access.orderNotifications, () => [need("orderNotifications").topicArn]),
      // The field's ARN as AppSync's own grantMutation builds it: that one mutation, nothing else on the API.
      ...grant(access.orderUpdates, () => IamResource.ofType("Mutation", PUBLISH_MUTATION).resourceArns(need("ordersApi").graphqlApi)),
      ...grant(access.receiptObjects, () => [receiptObjectsArn(need("receiptsBucket"))]),
      ...grant(access.receiptsBucket, () => [need("receiptsBucket").bucketArn]),
      ...grant(access.orderEvents, () => [need("orderEventsBus").eventBusArn]),
      ...grant(access.customerEmail, () => [email!.identityArn, email!.configurationSetArn]),
    ],
  };
}

function grant(actions: readonly string[] | undefined, resources: () => string[]) {
  return actions && actions.length > 0 ? [allow(actions, resources())] : [];
}

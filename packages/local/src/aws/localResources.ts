// Names and ARNs of the AWS resources the local shop stands in for. Handlers only ever see these
// through environment variables, exactly as they see the stack's resources in the cloud.
export const LOCAL_REGION = "us-east-1";
export const LOCAL_ACCOUNT_ID = "000000000000";

const NAME_PREFIX = "pizza-orders-local";
export const ORDERS_TABLE_NAME = `${NAME_PREFIX}-orders`;
export const ORDERS_QUEUE_NAME = `${NAME_PREFIX}-orders-queue`;
export const ORDERS_DLQ_NAME = `${NAME_PREFIX}-orders-dlq`;
export const ORDER_WORKFLOW_NAME = `${NAME_PREFIX}-order-workflow`;
export const ORDER_NOTIFICATIONS_TOPIC_NAME = `${NAME_PREFIX}-order-notifications`;
/** The queue subscribed to the notifications topic (what it accepted, for the acceptance recorder), and its dead-letter queue. */
export const NOTIFICATIONS_ACCEPTED_QUEUE_NAME = `${NAME_PREFIX}-notifications-accepted`;
export const NOTIFICATIONS_ACCEPTED_DLQ_NAME = `${NAME_PREFIX}-notifications-accepted-dlq`;
/** The order-changes stream consumer's on-failure destination. */
export const ORDER_CHANGES_DLQ_NAME = `${NAME_PREFIX}-order-changes-dlq`;
/** The private bucket receipts are written to. */
export const RECEIPTS_BUCKET_NAME = `${NAME_PREFIX}-receipts`;

/** The custom EventBridge bus of order events, and one dead-letter queue per rule target. */
export const ORDER_EVENTS_BUS_NAME = `${NAME_PREFIX}-order-events`;
export const eventTargetDlqName = (ruleName: string) => `${NAME_PREFIX}-${ruleName}-target-dlq`;

/** IAM is global: its ARNs have no region. */
function localArn(service: string, resource: string, region = LOCAL_REGION): string {
  return `arn:aws:${service}:${region}:${LOCAL_ACCOUNT_ID}:${resource}`;
}

export const lambdaFunctionArn = (functionName: string) => localArn("lambda", `function:${functionName}`);
export const dynamoTableArn = (tableName: string) => localArn("dynamodb", `table/${tableName}`);
export const sqsQueueArn = (queueName: string) => localArn("sqs", queueName);
export const stateMachineArn = (name: string) => localArn("states", `stateMachine:${name}`);
export const executionArn = (stateMachineName: string, executionName: string) => localArn("states", `execution:${stateMachineName}:${executionName}`);
export const eventBusArn = (busName: string) => localArn("events", `event-bus/${busName}`);
export const snsTopicArn = (topicName: string) => localArn("sns", topicName);
export const iamRoleArn = (roleName: string) => localArn("iam", `role/${roleName}`, "");
export const iamUserArn = (userName: string) => localArn("iam", `user/${userName}`, "");

/** SQS queue URLs are <endpoint>/<account id>/<queue name>. */
export const sqsQueueUrl = (endpoint: string, queueName: string) => `${endpoint}/${LOCAL_ACCOUNT_ID}/${queueName}`;

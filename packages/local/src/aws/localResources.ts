// Names and ARNs of the AWS resources the local shop stands in for. Handlers only ever see these
// through environment variables, exactly as they see the stack's resources in the cloud.
export const LOCAL_REGION = "us-east-1";
export const LOCAL_ACCOUNT_ID = "000000000000";

export const ORDERS_TABLE_NAME = "pizza-orders-local-orders";
export const ORDERS_QUEUE_NAME = "pizza-orders-local-orders-queue";
export const ORDERS_DLQ_NAME = "pizza-orders-local-orders-dlq";
export const ORDER_WORKFLOW_NAME = "pizza-orders-local-order-workflow";
export const ORDER_NOTIFICATIONS_TOPIC_NAME = "pizza-orders-local-order-notifications";


export function lambdaFunctionArn(functionName: string): string {
  return `arn:aws:lambda:${LOCAL_REGION}:${LOCAL_ACCOUNT_ID}:function:${functionName}`;
}

export function sqsQueueArn(queueName: string): string {
  return `arn:aws:sqs:${LOCAL_REGION}:${LOCAL_ACCOUNT_ID}:${queueName}`;
}

export function stateMachineArn(name: string): string {
  return `arn:aws:states:${LOCAL_REGION}:${LOCAL_ACCOUNT_ID}:stateMachine:${name}`;
}

export function executionArn(stateMachineName: string, executionName: string): string {
  return `arn:aws:states:${LOCAL_REGION}:${LOCAL_ACCOUNT_ID}:execution:${stateMachineName}:${executionName}`;
}

export function snsTopicArn(topicName: string): string {
  return `arn:aws:sns:${LOCAL_REGION}:${LOCAL_ACCOUNT_ID}:${topicName}`;
}

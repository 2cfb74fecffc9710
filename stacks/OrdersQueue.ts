// The orders queue between the API and the workflow. postOrder enqueues {customerId, orderId};
// the consumer starts one workflow execution per order (execution name = order id, so a
// redelivered message is recognised as already handled).
import { Queue, use, type StackContext } from "sst/constructs";
import { Duration } from "aws-cdk-lib";
import { Queue as SqsQueue, QueueEncryption } from "aws-cdk-lib/aws-sqs";
import { ORDER_QUEUE_CONSUMER_HANDLER } from "../packages/functions/src/workflow/taskMap";
import { handlerPath } from "../packages/functions/src/api/resolverMap";
import { Workflow } from "./Workflow";
import { allow } from "./permissions";
import { stageLogGroup } from "./logGroups";
import { stageConfig } from "./stageConfig";
import { deadLetterQueueNotEmptyAlarm } from "./alarms";
import { suppressLambdaBaselineFindings } from "./nagSuppressions";

export const ORDER_QUEUE_CONSUMER_TIMEOUT_SECONDS = 30;
export const ORDER_QUEUE_MAX_RECEIVE_COUNT = 4;
export const ORDER_QUEUE_BATCH_SIZE = 5;
// AWS's guidance for Lambda event sources: at least 6 x the function timeout, so a batch that is
// retried inside the function is not redelivered to a second consumer meanwhile.
const VISIBILITY_TIMEOUT = Duration.seconds(6 * ORDER_QUEUE_CONSUMER_TIMEOUT_SECONDS);

export function OrdersQueue({ stack, app }: StackContext) {
  const config = stageConfig(stack.stage);
  const { orderWorkflow } = use(Workflow);

  // SQS-managed encryption (SSE-SQS): encrypted at rest without a KMS key, so neither the
  // producer nor the consumer needs KMS permissions.
  const deadLetterQueue = new SqsQueue(stack, "OrdersDeadLetterQueue", {
    queueName: app.logicalPrefixedName("ordersDeadLetterQueue"),
    retentionPeriod: Duration.days(14),
    encryption: QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
  });

  const ordersQueue = new Queue(stack, "ordersQueue", {
    consumer: {
      function: {
        handler: handlerPath(ORDER_QUEUE_CONSUMER_HANDLER),
        timeout: ORDER_QUEUE_CONSUMER_TIMEOUT_SECONDS,
        logGroup: stageLogGroup(stack, "OrdersQueueConsumerLogs", config),
        environment: { ORDER_WORKFLOW_ARN: orderWorkflow.stateMachineArn },
        permissions: [allow(["states:StartExecution"], [orderWorkflow.stateMachineArn])],
      },
      cdk: { eventSource: { batchSize: ORDER_QUEUE_BATCH_SIZE, reportBatchItemFailures: true } },
    },
    cdk: {
      queue: {
        visibilityTimeout: VISIBILITY_TIMEOUT,
        encryption: QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
        deadLetterQueue: { queue: deadLetterQueue, maxReceiveCount: ORDER_QUEUE_MAX_RECEIVE_COUNT },
      },
    },
  });
  suppressLambdaBaselineFindings(ordersQueue.consumerFunction!);
  if (config.alarms) deadLetterQueueNotEmptyAlarm(stack, deadLetterQueue);

  stack.addOutputs({ OrdersQueueUrl: ordersQueue.queueUrl, OrdersDeadLetterQueueUrl: deadLetterQueue.queueUrl });
  return { ordersQueue, deadLetterQueue };
}

// The orders queue between the API and the workflow. postOrder enqueues {customerId, orderId};
// the consumer starts one workflow execution per order (execution name = order id, so a
// redelivered message is recognised as already handled).

import { Duration } from "aws-cdk-lib";
import { QueueEncryption } from "aws-cdk-lib/aws-sqs";
import { Queue, type StackContext, use } from "sst/constructs";
import { theFunctionTriggeredBy } from "../packages/functions/src/functionManifest";
import { appFunctionProps } from "./appFunctionProps";
import { createDeadLetterQueue } from "./deadLetterQueue";
import { suppressLambdaBaselineFindings } from "./nagSuppressions";
import { stageConfig } from "./stageConfig";
import { Workflow } from "./Workflow";

const consumer = theFunctionTriggeredBy("ordersQueue");
const { batchSize, maxReceiveCount } = consumer.trigger;
// AWS's guidance for Lambda event sources: at least 6 x the function timeout, so a batch that is
// retried inside the function is not redelivered to a second consumer meanwhile.
const VISIBILITY_TIMEOUT = Duration.seconds(6 * consumer.timeoutSeconds);

export function OrdersQueue({ stack, app }: StackContext) {
  const config = stageConfig(stack.stage);
  const { orderWorkflow } = use(Workflow);

  const deadLetterQueue = createDeadLetterQueue(stack, "OrdersDeadLetterQueue", app.logicalPrefixedName("ordersDeadLetterQueue"));

  const ordersQueue = new Queue(stack, "ordersQueue", {
    consumer: {
      function: appFunctionProps(consumer, { stack, config, logGroupId: "OrdersQueueConsumerLogs", resources: { orderWorkflow } }),
      cdk: { eventSource: { batchSize, reportBatchItemFailures: true } },
    },
    cdk: {
      queue: {
        visibilityTimeout: VISIBILITY_TIMEOUT,
        // SQS-managed encryption (SSE-SQS), as its dead-letter queue: no KMS permissions needed.
        encryption: QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
        deadLetterQueue: { queue: deadLetterQueue, maxReceiveCount },
      },
    },
  });
  suppressLambdaBaselineFindings(ordersQueue.consumerFunction!);

  stack.addOutputs({ OrdersQueueUrl: ordersQueue.queueUrl, OrdersDeadLetterQueueUrl: deadLetterQueue.queueUrl });
  return { ordersQueue, deadLetterQueue, visibilityTimeout: VISIBILITY_TIMEOUT };
}

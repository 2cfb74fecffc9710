// The order notifications topic, for the shop's operations (customers are e-mailed through the
// order events bus and SES, see OrderEvents): CompleteOrder and CancelFailedOrder (or, for an
// order they could not finish, the deadline reconciler) publish one message per finished order,
// with its status as a message attribute; the operations address receives the failures only. Encrypted with the AWS-managed SNS key, whose key policy already lets
// principals of this account use it through SNS, so publishers need no KMS grant. No topic
// policy opens it to other accounts; the only policy statement denies non-TLS requests.
//
// The topic confirms what it accepted: a queue subscribed to it (raw message delivery, so the
// message attributes — notificationId — arrive as SQS message attributes) hands every message to
// the NotificationAccepted function, which records the notification as sent on its order
// (core notification/notificationAcceptance.ts). A sender that dies after SNS accepted thus leaves
// nothing owed, and a takeover after the claim's lease publishes no second copy.

import { Duration } from "aws-cdk-lib";
import { Alias } from "aws-cdk-lib/aws-kms";
import { SubscriptionFilter } from "aws-cdk-lib/aws-sns";
import { EmailSubscription, SqsSubscription } from "aws-cdk-lib/aws-sns-subscriptions";
import { QueueEncryption } from "aws-cdk-lib/aws-sqs";
import { Queue, type StackContext, Topic, use } from "sst/constructs";
import { OPERATIONS_NOTIFIED_STATUSES } from "../packages/core/src/order/rules";
import { theFunctionTriggeredBy } from "../packages/functions/src/functionManifest";
import { appFunctionProps } from "./appFunctionProps";
import { createDeadLetterQueue } from "./deadLetterQueue";
import { suppressLambdaBaselineFindings } from "./nagSuppressions";
import { Storage } from "./Storage";
import { stageConfig } from "./stageConfig";

const acceptanceRecorder = theFunctionTriggeredBy("orderNotificationsQueue");

export function Notifications({ stack, app }: StackContext) {
  const config = stageConfig(stack.stage);
  const { ordersTable } = use(Storage);

  const orderNotifications = new Topic(stack, "OrderNotifications", {
    cdk: {
      topic: {
        masterKey: Alias.fromAliasName(stack, "SnsManagedKey", "alias/aws/sns"),
        enforceSSL: true,
      },
    },
  });

  // Per-stage parameter ORDER_NOTIFICATION_EMAIL (see stageConfig): without it, no subscription.
  if (config.notificationEmail) {
    orderNotifications.cdk.topic.addSubscription(
      new EmailSubscription(config.notificationEmail, {
        filterPolicy: { orderStatus: SubscriptionFilter.stringFilter({ allowlist: [...OPERATIONS_NOTIFIED_STATUSES] }) },
      }),
    );
  }

  const acceptedDeadLetterQueue = createDeadLetterQueue(
    stack,
    "NotificationsAcceptedDeadLetterQueue",
    app.logicalPrefixedName("notificationsAcceptedDeadLetterQueue"),
  );
  const { batchSize, maxReceiveCount } = acceptanceRecorder.trigger;
  const acceptedNotifications = new Queue(stack, "notificationsAccepted", {
    consumer: {
      function: appFunctionProps(acceptanceRecorder, { stack, config, logGroupId: "NotificationsAcceptedConsumerLogs", resources: { ordersTable } }),
      cdk: { eventSource: { batchSize, reportBatchItemFailures: true } },
    },
    cdk: {
      queue: {
        // AWS's guidance for Lambda event sources: at least 6 × the function timeout.
        visibilityTimeout: Duration.seconds(6 * acceptanceRecorder.timeoutSeconds),
        // SSE-SQS: SNS can deliver to it without a KMS key policy (it cannot use the AWS-managed SQS KMS key).
        encryption: QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
        deadLetterQueue: { queue: acceptedDeadLetterQueue, maxReceiveCount },
      },
    },
  });
  suppressLambdaBaselineFindings(acceptedNotifications.consumerFunction!);
  // Every message, unfiltered: the recorder must hear of each notification the topic accepted.
  orderNotifications.cdk.topic.addSubscription(new SqsSubscription(acceptedNotifications.cdk.queue, { rawMessageDelivery: true }));

  stack.addOutputs({
    OrderNotificationsTopicArn: orderNotifications.topicArn,
    NotificationsAcceptedDeadLetterQueueUrl: acceptedDeadLetterQueue.queueUrl,
  });
  return { orderNotifications, acceptedNotifications, acceptedDeadLetterQueue };
}

// The order notifications topic, for the shop's operations (customers are e-mailed through the
// order events bus and SES, see OrderEvents): CompleteOrder and CancelFailedOrder (or, for an
// order they could not finish, the deadline reconciler) publish one message per finished order,
// with its status as a message attribute; the operations address receives the failures only. Encrypted with the AWS-managed SNS key, whose key policy already lets
// principals of this account use it through SNS, so publishers need no KMS grant. No topic
// policy opens it to other accounts; the only policy statement denies non-TLS requests.

import { Alias } from "aws-cdk-lib/aws-kms";
import { SubscriptionFilter } from "aws-cdk-lib/aws-sns";
import { EmailSubscription } from "aws-cdk-lib/aws-sns-subscriptions";
import { type StackContext, Topic } from "sst/constructs";
import { OPERATIONS_NOTIFIED_STATUSES } from "../packages/core/src/order/rules";
import { stageConfig } from "./stageConfig";

export function Notifications({ stack }: StackContext) {
  const config = stageConfig(stack.stage);

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

  stack.addOutputs({ OrderNotificationsTopicArn: orderNotifications.topicArn });
  return { orderNotifications };
}

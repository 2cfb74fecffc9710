// The order events bus and what listens on it: a custom EventBridge bus the order-changes consumer
// puts one event per order status change on (packages/core/src/events), an archive of every event
// (replay with `aws events start-replay`), and one rule per listener of the function manifest
// (trigger "eventRule") — its pattern the very object the local event bus matches with (core's
// orderEventRules.ts). Every target has a dead-letter queue of its own and a retry policy twice
// over: EventBridge's (delivering to Lambda) and Lambda's asynchronous-invocation one (a function
// error), both ending in that queue.
//
// The customer e-mail goes out through Amazon SES: the stage's sender identity, a configuration
// set that publishes each accepted message's Send event to the default bus (SES publishes only
// there), and a rule there whose target records it on the order (CustomerEmailSender's resend check).
import { Duration } from "aws-cdk-lib";
import { type EventPattern as CdkEventPattern, EventBus, Rule } from "aws-cdk-lib/aws-events";
import { LambdaFunction } from "aws-cdk-lib/aws-events-targets";
import { SqsDestination } from "aws-cdk-lib/aws-lambda-destinations";
import { ConfigurationSet, EmailIdentity, EmailSendingEvent, EventDestination, Identity } from "aws-cdk-lib/aws-ses";
import { Function as SstFunction, type StackContext, use } from "sst/constructs";
import { type EventPattern, eventRuleNamed } from "../packages/core/src/events/orderEventRules";
import { functionsTriggeredBy } from "../packages/functions/src/functionManifest";
import { appFunctionProps } from "./appFunctionProps";
import { createDeadLetterQueue } from "./deadLetterQueue";
import { suppressEventTargetDeadLetterQueueFindings, suppressLambdaBaselineFindings, suppressReceiptObjectsFindings } from "./nagSuppressions";
import { Site } from "./Site";
import { Storage } from "./Storage";
import { stageConfig } from "./stageConfig";

/** How long the archive keeps events for replay. */
export const ORDER_EVENTS_ARCHIVE_RETENTION = { prod: Duration.days(365), other: Duration.days(30) } as const;
/** Lambda's own retries of an asynchronous invocation whose function failed (its maximum). */
const ASYNC_INVOKE_RETRY_ATTEMPTS = 2;

/** The core's pattern (EventBridge's JSON form) as CDK takes it: CDK names "detail-type" detailType and writes the rest as given. */
export function cdkEventPattern(pattern: EventPattern): CdkEventPattern {
  const { "detail-type": detailType, ...rest } = pattern;
  return { ...rest, ...(detailType ? { detailType } : {}) } as CdkEventPattern;
}

export function OrderEvents({ stack, app }: StackContext) {
  const config = stageConfig(stack.stage);
  const { ordersTable, receiptsBucket } = use(Storage);
  const { webAppUrl } = use(Site);

  const bus = new EventBus(stack, "OrderEventsBus", { eventBusName: app.logicalPrefixedName("order-events") });
  bus.archive("OrderEventsArchive", {
    description: "Every order event, for replay",
    eventPattern: { account: [stack.account] },
    retention: config.isProduction ? ORDER_EVENTS_ARCHIVE_RETENTION.prod : ORDER_EVENTS_ARCHIVE_RETENTION.other,
  });

  // SES publishes its events to the account's default bus only.
  const defaultBus = EventBus.fromEventBusName(stack, "DefaultBus", "default");
  // SES: the stage's sender, and the configuration set whose Send events say a message was accepted.
  const emailConfigurationSet = new ConfigurationSet(stack, "CustomerEmailConfigurationSet", {
    configurationSetName: app.logicalPrefixedName("customer-email"),
  });
  emailConfigurationSet.addEventDestination("SendEventsToEventBridge", {
    destination: EventDestination.eventBus(defaultBus),
    events: [EmailSendingEvent.SEND],
  });
  const emailIdentity = new EmailIdentity(stack, "CustomerEmailIdentity", {
    identity: Identity.email(config.customerEmailFrom),
    configurationSet: emailConfigurationSet,
  });
  const customerEmail = {
    from: config.customerEmailFrom,
    identityArn: emailIdentity.emailIdentityArn,
    configurationSetName: emailConfigurationSet.configurationSetName,
    configurationSetArn: stack.formatArn({ service: "ses", resource: "configuration-set", resourceName: emailConfigurationSet.configurationSetName }),
  };

  const listeners = functionsTriggeredBy("eventRule").map((entry) => {
    const { trigger } = entry;
    const rule = eventRuleNamed(trigger.rule);
    const fn = new SstFunction(
      stack,
      `${entry.name}Function`,
      appFunctionProps(entry, { stack, config, logGroupId: `${entry.name}FunctionLogs`, resources: { ordersTable, customerEmail, receiptsBucket, webAppUrl } }),
    );
    suppressLambdaBaselineFindings(fn);
    if (entry.access.receiptObjects) suppressReceiptObjectsFindings(fn);
    const deadLetterQueue = createDeadLetterQueue(stack, `${entry.name}DeadLetterQueue`, app.logicalPrefixedName(`${entry.name}-events-dlq`));
    suppressEventTargetDeadLetterQueueFindings(deadLetterQueue);
    // Under `sst dev` the function is SST's Live Lambda stub, which already carries an async-invoke
    // configuration (retries off, so a breakpoint is not re-hit); a second one fails the synth. The
    // rule target's own dead-letter queue below still catches what EventBridge cannot deliver.
    if (app.mode !== "dev") fn.configureAsyncInvoke({ retryAttempts: ASYNC_INVOKE_RETRY_ATTEMPTS, onFailure: new SqsDestination(deadLetterQueue) });
    const eventRule = new Rule(stack, `${rule.name}Rule`, {
      eventBus: trigger.bus === "orderEvents" ? bus : defaultBus,
      description: rule.description,
      eventPattern: cdkEventPattern(rule.pattern),
    });
    eventRule.addTarget(
      new LambdaFunction(fn, {
        deadLetterQueue,
        retryAttempts: trigger.maximumRetryAttempts,
        maxEventAge: Duration.seconds(trigger.maximumEventAgeSeconds),
      }),
    );
    return { name: entry.name, fn, rule: eventRule, deadLetterQueue };
  });

  stack.addOutputs({
    OrderEventsBusName: bus.eventBusName,
    CustomerEmailSender: config.customerEmailFrom,
    CustomerEmailConfigurationSet: emailConfigurationSet.configurationSetName,
  });
  return { orderEventsBus: bus, orderEventListeners: listeners, emailIdentity };
}

// The order events bus and what listens on it: a custom EventBridge bus the order-changes consumer
// puts one event per order status change on (packages/core/src/events), an archive of every event
// (replay with `aws events start-replay`), and one rule per listener — its pattern the very object
// the local event bus matches with (core's orderEventRules.ts), its target the listener's function
// (functions' eventTargets.ts). Every target has a dead-letter queue of its own and a retry
// policy twice over: EventBridge's (delivering to Lambda) and Lambda's asynchronous-invocation
// one (a function error), both ending in that queue.
//
// The customer e-mail goes out through Amazon SES: the stage's sender identity, a configuration
// set that publishes each accepted message's Send event to the default bus (SES publishes only
// there), and a rule there whose target records it on the order (CustomerEmailSender's resend check).
import { Duration } from "aws-cdk-lib";
import { type EventPattern as CdkEventPattern, EventBus, type IEventBus, Rule } from "aws-cdk-lib/aws-events";
import { LambdaFunction } from "aws-cdk-lib/aws-events-targets";
import { SqsDestination } from "aws-cdk-lib/aws-lambda-destinations";
import { ConfigurationSet, EmailIdentity, EmailSendingEvent, EventDestination, Identity } from "aws-cdk-lib/aws-ses";
import type { Queue } from "aws-cdk-lib/aws-sqs";
import { Function as SstFunction, type StackContext, use } from "sst/constructs";
import { CUSTOMER_EMAIL_RULE, CUSTOMER_EMAIL_SENT_RULE, type EventPattern, type OrderEventRule } from "../packages/core/src/events/orderEventRules";
import { EMAIL_ACCEPTED_TARGET, EVENT_TARGET_RETRY_POLICY, ORDER_EVENT_TARGETS } from "../packages/functions/src/events/eventTargets";
import { handlerPath } from "../packages/functions/src/functionSettings";
import { createDeadLetterQueue } from "./deadLetterQueue";
import { functionEnvironment } from "./functionEnvironment";
import { stageLogGroup } from "./logGroups";
import { suppressEventTargetDeadLetterQueueFindings, suppressLambdaBaselineFindings } from "./nagSuppressions";
import { allow } from "./permissions";
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
  const { ordersTable } = use(Storage);

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
  const configurationSetArn = stack.formatArn({ service: "ses", resource: "configuration-set", resourceName: emailConfigurationSet.configurationSetName });

  /** A rule's target function, with its dead-letter queue and both retry policies. */
  const listener = (rule: OrderEventRule, handler: string, timeoutSeconds: number, onBus: IEventBus) => {
    const fn = new SstFunction(stack, `${rule.name}Function`, {
      handler: handlerPath(handler),
      timeout: timeoutSeconds,
      logGroup: stageLogGroup(stack, `${rule.name}FunctionLogs`, config),
      // Every function that uses the orders table gets the deadlines (one configuration for all of them).
      environment: functionEnvironment({ ORDERS_TABLE_NAME: ordersTable.tableName, ORDER_DEADLINE_SECONDS: config.orderDeadlineSeconds }),
    });
    suppressLambdaBaselineFindings(fn);
    const deadLetterQueue: Queue = createDeadLetterQueue(stack, `${rule.name}DeadLetterQueue`, app.logicalPrefixedName(`${rule.name}-events-dlq`));
    suppressEventTargetDeadLetterQueueFindings(deadLetterQueue);
    fn.configureAsyncInvoke({ retryAttempts: ASYNC_INVOKE_RETRY_ATTEMPTS, onFailure: new SqsDestination(deadLetterQueue) });
    const eventRule = new Rule(stack, `${rule.name}Rule`, { eventBus: onBus, description: rule.description, eventPattern: cdkEventPattern(rule.pattern) });
    eventRule.addTarget(
      new LambdaFunction(fn, {
        deadLetterQueue,
        retryAttempts: EVENT_TARGET_RETRY_POLICY.maximumRetryAttempts,
        maxEventAge: Duration.seconds(EVENT_TARGET_RETRY_POLICY.maximumEventAgeSeconds),
      }),
    );
    return { name: rule.name, fn, rule: eventRule, deadLetterQueue };
  };

  const targets = ORDER_EVENT_TARGETS.map((target) => listener(target.rule, target.handler, target.timeoutSeconds, bus));
  const customerEmail = targets.find((target) => target.name === CUSTOMER_EMAIL_RULE.name)!;
  // Reads the order (its address) and claims / records the e-mail on it; sends through the stage's identity only.
  customerEmail.fn.attachPermissions([
    allow(["dynamodb:GetItem", "dynamodb:UpdateItem"], [ordersTable.tableArn]),
    allow(["ses:SendEmail"], [emailIdentity.emailIdentityArn, configurationSetArn]),
  ]);
  customerEmail.fn.addEnvironment("CUSTOMER_EMAIL_TRANSPORT", "ses");
  customerEmail.fn.addEnvironment("CUSTOMER_EMAIL_FROM", config.customerEmailFrom);
  customerEmail.fn.addEnvironment("SES_CONFIGURATION_SET", emailConfigurationSet.configurationSetName);

  const emailAccepted = listener(CUSTOMER_EMAIL_SENT_RULE, EMAIL_ACCEPTED_TARGET.handler, EMAIL_ACCEPTED_TARGET.timeoutSeconds, defaultBus);
  emailAccepted.fn.attachPermissions([allow(["dynamodb:UpdateItem"], [ordersTable.tableArn])]);

  stack.addOutputs({
    OrderEventsBusName: bus.eventBusName,
    CustomerEmailSender: config.customerEmailFrom,
    CustomerEmailConfigurationSet: emailConfigurationSet.configurationSetName,
  });
  return { orderEventsBus: bus, orderEventTargets: [...targets, emailAccepted], emailIdentity };
}

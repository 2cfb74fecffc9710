// What an operator watches: the alarm topic (with its per-stage e-mail), the alarms, and the
// pipeline dashboard. Added after every other stack, so it sees every function the app deploys
// (a function added later gets its alarms without being listed here).
import { Annotations } from "aws-cdk-lib";
import { Effect, PolicyStatement, ServicePrincipal } from "aws-cdk-lib/aws-iam";
import { Topic as SnsTopic } from "aws-cdk-lib/aws-sns";
import { EmailSubscription } from "aws-cdk-lib/aws-sns-subscriptions";
import { Function as SstFunction, Stack as SstStack, type StackContext, use } from "sst/constructs";
import { Api } from "./Api";
import {
  type AlarmTarget,
  acceptedNotificationsDeadLetterQueueAlarm,
  apiAlarms,
  deadLetterQueueAlarm,
  eventListenerDeadLetterQueueAlarm,
  executionAlarms,
  functionAlarms,
  oldestMessageAlarm,
  orderChangesDeadLetterQueueAlarm,
  strandedOrdersAlarm,
} from "./alarms";
import { Notifications } from "./Notifications";
import { suppressAlarmTopicFindings } from "./nagSuppressions";
import { OrderChanges } from "./OrderChanges";
import { OrderEvents } from "./OrderEvents";
import { OrdersQueue } from "./OrdersQueue";
import { pipelineDashboard } from "./pipelineDashboard";
import { Storage } from "./Storage";
import { stageConfig } from "./stageConfig";
import { Workflow } from "./Workflow";

/** "InitializeOrderFunction" -> "InitializeOrder", "Lambda_Query_menu" -> "QueryMenu", "Consumer_ordersQueue" -> "ConsumerOrdersQueue". */
export function functionLabel(constructId: string): string {
  return constructId
    .replace(/^Lambda_/, "")
    .replace(/Function$/, "")
    .split("_")
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join("");
}

export function Monitoring({ stack, app }: StackContext) {
  const config = stageConfig(stack.stage);
  const { api } = use(Api);
  const { ordersQueue, deadLetterQueue, visibilityTimeout } = use(OrdersQueue);
  const { orderWorkflow } = use(Workflow);
  const { ordersTable } = use(Storage);
  const { orderChangesDeadLetterQueue } = use(OrderChanges);
  const { orderEventListeners } = use(OrderEvents);
  const { acceptedDeadLetterQueue } = use(Notifications);

  // Every function the other stacks deploy from this repository's handlers (SST's own
  // custom-resource handlers are CDK functions, not SST ones).
  const functions = app.node.children
    .filter((child): child is SstStack => child instanceof SstStack && child !== stack)
    .flatMap((appStack) => appStack.getAllFunctions())
    .filter((fn): fn is SstFunction => fn instanceof SstFunction)
    .map((fn) => ({ label: functionLabel(fn.node.id), fn }));

  const apiId = api.cdk.graphqlApi.apiId;
  const alarmTopic = config.alarms ? createAlarmTopic(stack, config.alarmEmail, config.isProduction) : undefined;
  const target: AlarmTarget | undefined = alarmTopic && { scope: stack, topic: alarmTopic, namePrefix: app.logicalPrefixedName("") };
  const alarms = target
    ? [
        deadLetterQueueAlarm(target, deadLetterQueue),
        oldestMessageAlarm(target, ordersQueue.cdk.queue, visibilityTimeout),
        orderChangesDeadLetterQueueAlarm(target, orderChangesDeadLetterQueue),
        acceptedNotificationsDeadLetterQueueAlarm(target, acceptedDeadLetterQueue),
        ...orderEventListeners.map((listener) => eventListenerDeadLetterQueueAlarm(target, listener.name, listener.deadLetterQueue)),
        ...executionAlarms(target, orderWorkflow),
        ...functions.flatMap(({ label, fn }) => functionAlarms(target, label, fn)),
        ...apiAlarms(target, apiId),
        strandedOrdersAlarm(target, stack.stage),
      ]
    : [];

  const dashboard = pipelineDashboard(stack, {
    dashboardName: app.logicalPrefixedName("pipeline"),
    apiId,
    ordersQueue: ordersQueue.cdk.queue,
    deadLetterQueue,
    orderWorkflow,
    functions,
    ordersTable: ordersTable.cdk.table,
    alarms,
    stage: stack.stage,
  });

  if (alarmTopic) stack.addOutputs({ AlarmTopicArn: alarmTopic.topicArn });
  stack.addOutputs({
    DashboardUrl: `https://console.aws.amazon.com/cloudwatch/home?region=${stack.region}#dashboards:name=${dashboard.dashboardName}`,
  });
  return { alarmTopic, dashboard };
}

/** The topic every alarm notifies (on alarm and on recovery), with ALARM_EMAIL subscribed. */
function createAlarmTopic(stack: SstStack, alarmEmail: string | undefined, isProduction: boolean): SnsTopic {
  const topic = new SnsTopic(stack, "AlarmTopic", { enforceSSL: true });
  // CloudWatch publishes alarm state changes of this account's alarms only.
  topic.addToResourcePolicy(
    new PolicyStatement({
      effect: Effect.ALLOW,
      principals: [new ServicePrincipal("cloudwatch.amazonaws.com")],
      actions: ["sns:Publish"],
      resources: [topic.topicArn],
      conditions: { StringEquals: { "aws:SourceAccount": stack.account } },
    }),
  );
  suppressAlarmTopicFindings(topic);
  if (alarmEmail) topic.addSubscription(new EmailSubscription(alarmEmail));
  else if (isProduction) {
    Annotations.of(topic).addWarningV2(
      "pizza-orders:alarms-reach-nobody",
      "ALARM_EMAIL is not set: the alarms notify a topic nobody is subscribed to. Set it and redeploy, or subscribe a pager to the AlarmTopicArn output.",
    );
  }
  return topic;
}

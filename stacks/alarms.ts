// The operational alarms: each names what broke and where to look, and notifies the alarm topic
// when it fires and again when it recovers. Thresholds are here with their reasons; which alarms a
// stage gets is decided in stageConfig (prod always). The runbook in the README says what to do.

import { Duration } from "aws-cdk-lib";
import { Alarm, ComparisonOperator, type IMetric, MathExpression, Metric, TreatMissingData } from "aws-cdk-lib/aws-cloudwatch";
import { SnsAction } from "aws-cdk-lib/aws-cloudwatch-actions";
import type { IFunction } from "aws-cdk-lib/aws-lambda";
import type { ITopic } from "aws-cdk-lib/aws-sns";
import type { IQueue } from "aws-cdk-lib/aws-sqs";
import type { IStateMachine } from "aws-cdk-lib/aws-stepfunctions";
import type { Construct } from "constructs";
import { defaultMetricDimensions, METRIC, METRICS_NAMESPACE } from "../packages/functions/src/observability/metricNames";

export const ALARM_PERIOD = Duration.minutes(5);

/** A failed invocation alarms only as part of a pattern: at least this many ... */
export const FUNCTION_ERRORS_MINIMUM = 3;
/** ... making up more than this share (%) of the function's invocations in one period. Resolvers
 * throw for a customer's bad input (ValidationError) and workflow tasks throw to be retried, so
 * a single error is normal; an order it really harmed also shows in the dead-letter queue or as a
 * failed execution, which alarm at once. */
export const FUNCTION_ERROR_RATE_PERCENT = 5;
/** AppSync's own latency (resolvers included): 90 % of requests slower than this ... */
export const API_LATENCY_P90_MILLISECONDS = 2000;
/** ... for this many periods in a row (one slow cold-start burst is not an incident). */
export const API_LATENCY_PERIODS = 3;

export interface AlarmTarget {
  scope: Construct;
  topic: ITopic;
  /** Prefixes each alarm's name (the subject of its e-mail), e.g. "prod-pizza-orders-". */
  namePrefix: string;
}

interface AlarmSpec {
  id: string;
  description: string;
  metric: IMetric;
  threshold: number;
  evaluationPeriods?: number;
}

function notifyingAlarm({ scope, topic, namePrefix }: AlarmTarget, spec: AlarmSpec): Alarm {
  const alarm = new Alarm(scope, spec.id, {
    alarmName: `${namePrefix}${spec.id}`,
    alarmDescription: spec.description,
    metric: spec.metric,
    threshold: spec.threshold,
    comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
    evaluationPeriods: spec.evaluationPeriods ?? 1,
    // No data means no traffic (or an empty queue), which is healthy.
    treatMissingData: TreatMissingData.NOT_BREACHING,
  });
  alarm.addAlarmAction(new SnsAction(topic));
  alarm.addOkAction(new SnsAction(topic));
  return alarm;
}

/** Any message in a dead-letter queue is one the app could not handle: alarm on the first. */
function deadLetterQueueNotEmptyAlarm(target: AlarmTarget, deadLetterQueue: IQueue, alarm: { id: string; description: string }): Alarm {
  return notifyingAlarm(target, {
    ...alarm,
    metric: deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period: ALARM_PERIOD, statistic: "Maximum" }),
    threshold: 0,
  });
}

export function deadLetterQueueAlarm(target: AlarmTarget, deadLetterQueue: IQueue): Alarm {
  return deadLetterQueueNotEmptyAlarm(target, deadLetterQueue, {
    id: "OrdersDeadLetterQueueNotEmpty",
    description: "Orders are in the dead-letter queue: they never started a workflow. Runbook: redrive the dead-letter queue.",
  });
}

/**
 * A healthy consumer takes a message within seconds; one failed attempt makes it wait a
 * visibility timeout. Twice that means the consumer is not keeping up or keeps failing.
 */
export function oldestMessageAlarm(target: AlarmTarget, ordersQueue: IQueue, visibilityTimeout: Duration): Alarm {
  return notifyingAlarm(target, {
    id: "OrdersQueueOldestMessageTooOld",
    description: `An order has waited more than ${2 * visibilityTimeout.toSeconds()} s in the orders queue: the consumer is failing or throttled. Runbook: see a stuck order.`,
    metric: ordersQueue.metricApproximateAgeOfOldestMessage({ period: ALARM_PERIOD, statistic: "Maximum" }),
    threshold: 2 * visibilityTimeout.toSeconds(),
  });
}

export function executionAlarms(target: AlarmTarget, stateMachine: IStateMachine): Alarm[] {
  return [
    notifyingAlarm(target, {
      id: "OrderWorkflowExecutionsFailed",
      description: "Order workflow executions failed: the last-resort cancel ran or failed too. Runbook: see a stuck order.",
      metric: stateMachine.metricFailed({ period: ALARM_PERIOD, statistic: "Sum" }),
      threshold: 0,
    }),
    notifyingAlarm(target, {
      id: "OrderWorkflowExecutionsTimedOut",
      description: "Order workflow executions timed out: those orders may be left in flight. Runbook: see a stuck order.",
      metric: stateMachine.metricTimedOut({ period: ALARM_PERIOD, statistic: "Sum" }),
      threshold: 0,
    }),
  ];
}

/** Errors (as a pattern, see above) and any throttling of one of the app's functions. */
export function functionAlarms(target: AlarmTarget, label: string, fn: IFunction): Alarm[] {
  const errorRate = new MathExpression({
    label: `${label} error rate (%)`,
    expression: `IF(errors >= ${FUNCTION_ERRORS_MINIMUM}, 100 * errors / invocations, 0)`,
    usingMetrics: {
      errors: fn.metricErrors({ period: ALARM_PERIOD, statistic: "Sum" }),
      invocations: fn.metricInvocations({ period: ALARM_PERIOD, statistic: "Sum" }),
    },
    period: ALARM_PERIOD,
  });
  return [
    notifyingAlarm(target, {
      id: `${label}Errors`,
      description: `${label}: at least ${FUNCTION_ERRORS_MINIMUM} failed invocations, over ${FUNCTION_ERROR_RATE_PERCENT} % of them, in 5 minutes. Runbook: find an order's logs.`,
      metric: errorRate,
      threshold: FUNCTION_ERROR_RATE_PERCENT,
    }),
    notifyingAlarm(target, {
      id: `${label}Throttles`,
      description: `${label} was throttled: the account's Lambda concurrency is exhausted.`,
      metric: fn.metricThrottles({ period: ALARM_PERIOD, statistic: "Sum" }),
      threshold: 0,
    }),
  ];
}

export function appSyncMetric(apiId: string, metricName: "5XXError" | "4XXError" | "Latency" | "Requests", statistic: string): Metric {
  return new Metric({ namespace: "AWS/AppSync", metricName, dimensionsMap: { GraphQLAPIId: apiId }, statistic, period: ALARM_PERIOD });
}

export function apiAlarms(target: AlarmTarget, apiId: string): Alarm[] {
  return [
    notifyingAlarm(target, {
      id: "ApiServerErrors",
      description: "AppSync answered with 5xx errors (its own failures, not resolver errors).",
      metric: appSyncMetric(apiId, "5XXError", "Sum"),
      threshold: 0,
    }),
    notifyingAlarm(target, {
      id: "ApiLatencyHigh",
      description: `AppSync p90 latency above ${API_LATENCY_P90_MILLISECONDS} ms for ${API_LATENCY_PERIODS * 5} minutes. Look at the resolver functions' duration on the dashboard.`,
      metric: appSyncMetric(apiId, "Latency", "p90"),
      threshold: API_LATENCY_P90_MILLISECONDS,
      evaluationPeriods: API_LATENCY_PERIODS,
    }),
  ];
}

export function orderChangesDeadLetterQueueAlarm(target: AlarmTarget, deadLetterQueue: IQueue): Alarm {
  return deadLetterQueueNotEmptyAlarm(target, deadLetterQueue, {
    id: "OrderChangesDeadLetterQueueNotEmpty",
    description:
      "Order changes failed to reach their listeners: each message names a stream batch that was skipped (its records stay in the stream for 24 h). Runbook: read the batch's records by sequence number and replay them.",
  });
}

/** Operations notifications the topic accepted but its recorder could not record after every receive. */
export function acceptedNotificationsDeadLetterQueueAlarm(target: AlarmTarget, deadLetterQueue: IQueue): Alarm {
  return deadLetterQueueNotEmptyAlarm(target, deadLetterQueue, {
    id: "NotificationsAcceptedDeadLetterQueueNotEmpty",
    description:
      "Operations notifications SNS accepted could not be recorded as sent on their orders (each message is the notification). Until recorded, a takeover after the claim's lease may send a second copy. Runbook: redrive the dead-letter queue.",
  });
}

/** A listener of the order events bus whose event failed every retry (EventBridge's and Lambda's): its dead-letter queue. */
export function eventListenerDeadLetterQueueAlarm(target: AlarmTarget, listenerName: string, deadLetterQueue: IQueue): Alarm {
  return deadLetterQueueNotEmptyAlarm(target, deadLetterQueue, {
    id: `${listenerName}EventsDeadLetterQueueNotEmpty`,
    description: `Order events the ${listenerName} listener could not handle after every retry are in its dead-letter queue (each message is the event, with the error). Runbook: redrive the dead-letter queue.`,
  });
}

/** One of the app's own metrics (metricNames.ts), as the functions of `stage` emit it. */
export function businessMetric(stage: string, metricName: string, statistic: string, extraDimensions: Record<string, string> = {}): Metric {
  return new Metric({
    namespace: METRICS_NAMESPACE,
    metricName,
    dimensionsMap: { ...defaultMetricDimensions(stage), ...extraDimensions },
    statistic,
    period: ALARM_PERIOD,
  });
}

/**
 * The deadline reconciler finished or notified an order the pipeline left behind (a lost message,
 * a stopped execution, a sender that died holding a notification). The order is safe now, but
 * something upstream failed: each one is worth a look. It is emitted every run, zeros included.
 */
export function strandedOrdersAlarm(target: AlarmTarget, stage: string): Alarm {
  return notifyingAlarm(target, {
    id: "StrandedOrdersFinished",
    description:
      "The deadline reconciler had to finish orders the pipeline left stranded. Runbook: find an order's logs (the reconciler's 'order reconciled' lines name each order), then see a stuck order.",
    metric: businessMetric(stage, METRIC.strandedOrders, "Sum"),
    threshold: 0,
  });
}

// Operational alarms, created where stageConfig turns them on (prod). Both conditions need a
// human: a message in the dead-letter queue is an order that never started its workflow; a
// failed execution is an order that needed the last-resort cancel. The alarms have no action
// here: wire them to the operating team's on-call topic, not the customer notifications topic.
import type { Construct } from "constructs";
import { Duration } from "aws-cdk-lib";
import { Alarm, ComparisonOperator, TreatMissingData, type IMetric } from "aws-cdk-lib/aws-cloudwatch";
import type { IQueue } from "aws-cdk-lib/aws-sqs";
import type { IStateMachine } from "aws-cdk-lib/aws-stepfunctions";

const PERIOD = Duration.minutes(5);

function anyAbove0(scope: Construct, id: string, alarmDescription: string, metric: IMetric): Alarm {
  return new Alarm(scope, id, {
    alarmDescription,
    metric,
    threshold: 0,
    comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
    evaluationPeriods: 1,
    treatMissingData: TreatMissingData.NOT_BREACHING,
  });
}

export function deadLetterQueueNotEmptyAlarm(scope: Construct, deadLetterQueue: IQueue): Alarm {
  return anyAbove0(
    scope,
    "OrdersDeadLetterQueueNotEmpty",
    "Orders are in the dead-letter queue: they never started a workflow.",
    deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period: PERIOD, statistic: "Maximum" }),
  );
}

export function failedExecutionsAlarm(scope: Construct, stateMachine: IStateMachine): Alarm {
  return anyAbove0(
    scope,
    "OrderWorkflowExecutionsFailed",
    "Order workflow executions failed: check that those orders ended CANCELLED.",
    stateMachine.metricFailed({ period: PERIOD, statistic: "Sum" }),
  );
}

export function orderChangesDeadLetterQueueAlarm(scope: Construct, deadLetterQueue: IQueue): Alarm {
  return anyAbove0(
    scope,
    "OrderChangesDeadLetterQueueNotEmpty",
    "Order changes failed to reach their listeners: the stream batches named in the queue were skipped (their records stay in the stream for 24 h).",
    deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period: PERIOD, statistic: "Maximum" }),
  );
}

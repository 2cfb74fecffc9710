// One CloudWatch dashboard for the order pipeline, laid out in the order an order travels:
// API -> queue -> workflow -> functions -> table, with the alarms' states on top, then the business
// view: orders by milestone, by status and the time each status is reached after placing, and
// what the deadline reconciler had to finish. The status graphs list every status of the core's
// rules, so the kitchen's stages appear there once rules.ts has them; kitchen-specific widgets
// (per restaurant) belong in a section of their own below (see orderSection).

import { Duration } from "aws-cdk-lib";
import { AlarmStatusWidget, Dashboard, GraphWidget, type IAlarm, type IMetric, type IWidget, type Metric, TextWidget } from "aws-cdk-lib/aws-cloudwatch";
import type { ITable } from "aws-cdk-lib/aws-dynamodb";
import type { IFunction } from "aws-cdk-lib/aws-lambda";
import type { IQueue } from "aws-cdk-lib/aws-sqs";
import type { IStateMachine } from "aws-cdk-lib/aws-stepfunctions";
import type { Construct } from "constructs";
import { Fulfilment, KITCHEN_FLOW, OrderStatus } from "../packages/core/src/order/rules";
import { METRIC, MILESTONE_METRICS, STATUS_DIMENSION } from "../packages/functions/src/observability/metricNames";
import { appSyncMetric, businessMetric } from "./alarms";

const PERIOD = Duration.minutes(1);
const WIDTH = 8;
const HEIGHT = 6;

export interface PipelineResources {
  dashboardName: string;
  apiId: string;
  ordersQueue: IQueue;
  deadLetterQueue: IQueue;
  orderWorkflow: IStateMachine;
  functions: readonly { label: string; fn: IFunction }[];
  ordersTable: ITable;
  alarms: readonly IAlarm[];
  /** The stage whose business metrics are shown (their `stage` dimension). */
  stage: string;
}

const graph = (title: string, left: IMetric[], right: IMetric[] = []) => new GraphWidget({ title, left, right, width: WIDTH, height: HEIGHT });

export function pipelineDashboard(scope: Construct, resources: PipelineResources): Dashboard {
  const { apiId, ordersQueue, deadLetterQueue, orderWorkflow, functions, ordersTable, alarms } = resources;
  const perFunction = (metric: (fn: IFunction) => Metric) => functions.map(({ fn, label }) => metric(fn).with({ label }));
  const dashboard = new Dashboard(scope, "PipelineDashboard", { dashboardName: resources.dashboardName });

  dashboard.addWidgets(
    new TextWidget({
      markdown: "## Order pipeline\nAPI → orders queue → workflow → DynamoDB. What to do when an alarm fires: the README's *Runbook*.",
      width: 24,
      height: 2,
    }),
  );
  if (alarms.length > 0) dashboard.addWidgets(new AlarmStatusWidget({ title: "Alarms", alarms: [...alarms], width: 24, height: 3 }));
  dashboard.addWidgets(
    graph(
      "API requests and errors",
      [appSyncMetric(apiId, "Requests", "Sum"), appSyncMetric(apiId, "4XXError", "Sum"), appSyncMetric(apiId, "5XXError", "Sum")].map((metric) =>
        metric.with({ period: PERIOD }),
      ),
    ),
    graph("API latency (ms)", [
      appSyncMetric(apiId, "Latency", "p50").with({ period: PERIOD }),
      appSyncMetric(apiId, "Latency", "p90").with({ period: PERIOD }),
    ]),
    graph(
      "Orders queue",
      [
        ordersQueue.metricApproximateNumberOfMessagesVisible({ period: PERIOD, label: "waiting" }),
        deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period: PERIOD, label: "dead letters" }),
      ],
      [ordersQueue.metricApproximateAgeOfOldestMessage({ period: PERIOD, label: "oldest message age (s)" })],
    ),
  );
  dashboard.addWidgets(
    graph("Workflow executions", [
      orderWorkflow.metricStarted({ period: PERIOD, statistic: "Sum", label: "started" }),
      orderWorkflow.metricSucceeded({ period: PERIOD, statistic: "Sum", label: "succeeded" }),
      orderWorkflow.metricFailed({ period: PERIOD, statistic: "Sum", label: "failed" }),
      orderWorkflow.metricTimedOut({ period: PERIOD, statistic: "Sum", label: "timed out" }),
    ]),
    graph(
      "Function errors",
      perFunction((fn) => fn.metricErrors({ period: PERIOD, statistic: "Sum" })),
    ),
    graph(
      "Function duration p90 (ms)",
      perFunction((fn) => fn.metricDuration({ period: PERIOD, statistic: "p90" })),
    ),
  );
  dashboard.addWidgets(
    graph(
      "Function throttles",
      perFunction((fn) => fn.metricThrottles({ period: PERIOD, statistic: "Sum" })),
    ),
    graph("Orders table throttled events", [
      ordersTable.metric("ReadThrottleEvents", { period: PERIOD, statistic: "Sum", label: "read" }),
      ordersTable.metric("WriteThrottleEvents", { period: PERIOD, statistic: "Sum", label: "write" }),
    ]),
    graph("Orders table capacity used", [
      ordersTable.metricConsumedReadCapacityUnits({ period: PERIOD, label: "read units" }),
      ordersTable.metricConsumedWriteCapacityUnits({ period: PERIOD, label: "write units" }),
    ]),
  );
  dashboard.addWidgets(...orderSection(resources.stage));
  return dashboard;
}

/** The business metrics the functions emit (metricNames.ts), per milestone and per status. */
function orderSection(stage: string): IWidget[] {
  const metric = (name: string, statistic: string, label: string, dimensions: Record<string, string> = {}) =>
    businessMetric(stage, name, statistic, dimensions).with({ period: PERIOD, label });
  const statuses = Object.values(OrderStatus);
  const perStatus = (name: string, statistic: string) => statuses.map((status) => metric(name, statistic, status, { [STATUS_DIMENSION]: status }));
  return [
    new TextWidget({
      markdown: "## Orders\nBusiness metrics (namespace `PizzaOrders`), from the order-changes stream and the reconciler.",
      width: 24,
      height: 1,
    }),
    graph(
      "Orders by milestone",
      Object.entries(MILESTONE_METRICS).map(([milestone, name]) => metric(name, "Sum", milestone)),
    ),
    graph("Orders reaching each status", perStatus(METRIC.statusChanges, "Sum")),
    graph("Time from placing to each status, p90 (ms)", perStatus(METRIC.timeToStatus, "p90")),
    graph("Deadline reconciler", [
      metric(METRIC.strandedOrders, "Sum", "stranded orders finished"),
      metric(METRIC.reconcilerFailures, "Sum", "orders not reconciled"),
    ]),
    ...kitchenSection(metric),
  ];
}

/** The kitchen: its stages (from the core's delivery flow, the longest), how long orders take to reach each, and what the shop cancelled and refunded. */
function kitchenSection(metric: (name: string, statistic: string, label: string, dimensions?: Record<string, string>) => IMetric): IWidget[] {
  const stages = KITCHEN_FLOW[Fulfilment.Delivery];
  const perStage = (name: string, statistic: string) => stages.map((status) => metric(name, statistic, status, { [STATUS_DIMENSION]: status }));
  return [
    new TextWidget({
      markdown: "## Kitchen\nStages the cooks move orders through (kitchen display), the time from placing to each, and the shop's cancellations and refunds.",
      width: 24,
      height: 1,
    }),
    graph("Kitchen: orders entering each stage", perStage(METRIC.statusChanges, "Sum")),
    graph("Kitchen: time from placing to each stage, p50 (ms)", perStage(METRIC.timeToStatus, "p50")),
    graph("Kitchen: cancelled by the shop and refunded", [
      metric(MILESTONE_METRICS.cancelledByShop, "Sum", "cancelled by the shop"),
      metric(MILESTONE_METRICS.refunded, "Sum", "refunded"),
    ]),
  ];
}

// Business metrics (Powertools Metrics, CloudWatch embedded metric format: lines in the function's
// log that CloudWatch turns into metrics, no API call). Names and dimensions: metricNames.ts.
import { Metrics, MetricUnit } from "@aws-lambda-powertools/metrics";
import type { OrderChange } from "@pizza-orders/core/changes/orderChange";
import { milestonesOf } from "@pizza-orders/core/changes/orderMilestones";
import type { ReconcileReport } from "@pizza-orders/core/reconciler/reconcileOverdueOrders";
import { logger } from "./logger";
import { METRIC, METRICS_NAMESPACE, MILESTONE_METRICS, STATUS_DIMENSION } from "./metricNames";
import { ORDER_ID_KEY } from "./orderLogKeys";
import { SERVICE_NAME, stageOfFunction } from "./serviceIdentity";

export const metrics = new Metrics({ namespace: METRICS_NAMESPACE, serviceName: SERVICE_NAME, defaultDimensions: { stage: stageOfFunction() }, logger });

/** The milestones of one status change, and the change itself under its status with the time since placement. */
export function recordOrderChange(change: OrderChange): void {
  for (const milestone of milestonesOf(change)) metrics.addMetric(MILESTONE_METRICS[milestone], MetricUnit.Count, 1);
  // Its own EMF records: the status dimension must not apply to the buffered milestone counts.
  // The order id rides along as metadata (searchable in the log, not a dimension).
  const perStatus = () => {
    const single = metrics.singleMetric();
    single.addDimension(STATUS_DIMENSION, change.status);
    single.addMetadata(ORDER_ID_KEY, change.orderId);
    return single;
  };
  perStatus().addMetric(METRIC.statusChanges, MetricUnit.Count, 1);
  const sincePlaced = Date.parse(change.entry.at) - Date.parse(change.order.createdAt);
  if (change.previousStatus !== undefined && Number.isFinite(sincePlaced)) {
    perStatus().addMetric(METRIC.timeToStatus, MetricUnit.Milliseconds, Math.max(0, sincePlaced));
  }
}

/** Emitted on every run, zeros included, so the alarm and the dashboard see a run that found nothing. */
export function recordReconcilerRun(report: ReconcileReport): void {
  const stranded = report.orders.filter((order) => order.action === "ended" || order.action === "notified").length;
  metrics.addMetric(METRIC.strandedOrders, MetricUnit.Count, stranded);
  metrics.addMetric(METRIC.reconcilerFailures, MetricUnit.Count, report.failures.length);
}

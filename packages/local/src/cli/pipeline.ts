// `pnpm --filter @pizza-orders/local pipeline`: the running shop's queue, DLQ, executions, notifications and business metrics.

import type { MetricSummary } from "../cloudwatch/embeddedMetrics";
import type { PipelineReport } from "../pipelineReport";
import { callShop } from "./shopApiClient";

/** "OrdersPlaced  12" or "TimeFromPlacementToStatus status=COMPLETED  12 × avg 512 ms, max 1,204 ms". */
function metricLine(metric: MetricSummary): string {
  const dimensions = Object.entries(metric.dimensions)
    .map(([name, value]) => ` ${name}=${value}`)
    .join("");
  const name = `${metric.name}${dimensions}`.padEnd(48);
  if (metric.unit === "Count") return `${name} ${metric.sum}`;
  const unit = metric.unit === "Milliseconds" ? " ms" : ` ${metric.unit}`;
  return `${name} ${metric.samples} × avg ${Math.round(metric.average).toLocaleString("en")}${unit}, max ${Math.round(metric.maximum).toLocaleString("en")}${unit}`;
}

try {
  const report = (await callShop("/pipeline")) as PipelineReport;
  const { queue, deadLetterQueue, consumer, executions, notifications, redrives, metrics } = report;
  const lines = [
    `Orders queue     visible ${queue.visible}, in flight ${queue.inFlight}, delayed ${queue.delayed} (sent ${queue.sent}, deleted ${queue.deleted}, dead-lettered ${queue.movedToDeadLetterQueue})`,
    `Dead-letter queue ${deadLetterQueue.depth} message(s)${deadLetterQueue.depth > 0 ? " — redrive with: pnpm --filter @pizza-orders/local redrive" : ""}`,
    ...deadLetterQueue.messages.map((message) => `  ${message.messageId}  received ${message.receiveCount}x  ${message.body.slice(0, 80)}`),
    `Consumer         batches ${consumer.batches}, records ok ${consumer.recordsSucceeded}, records failed ${consumer.recordsFailed}, in flight ${consumer.inFlightRecords}`,
    ...(consumer.lastFailure ? [`  last failure ${consumer.lastFailure.at}: ${consumer.lastFailure.reason}`] : []),
    `Executions       running ${executions.running}, succeeded ${executions.succeeded}, failed ${executions.failed}, timed out ${executions.timedOut}, aborted ${executions.aborted}`,
    ...executions.recent.map(
      (execution) => `  ${execution.name}  ${execution.status}${execution.error ? ` (${execution.error})` : ""}  ${execution.startDate}`,
    ),
    `Notifications    ${notifications.total} in the outbox`,
    ...notifications.recent.map((entry) => `  ${entry.publishedAt}  ${entry.subject ?? "(no subject)"}`),
    `Metrics          since the shop started (CloudWatch namespace ${metrics[0]?.namespace ?? "-"})`,
    ...metrics.map((metric) => `  ${metricLine(metric)}`),
    ...redrives
      .slice(0, 3)
      .flatMap((redrive) => [
        `Redrive ${redrive.at}  moved ${redrive.moved}`,
        ...redrive.messages.map(
          (message) => `  ${message.messageId}  ${message.orderId ? `order ${message.orderId}` : "(names no order)"}  ${message.outcome}`,
        ),
      ]),
  ];
  console.log(lines.join("\n"));
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}

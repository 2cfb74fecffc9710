// `pnpm --filter @pizza-orders/local pipeline`: the running shop's queue, DLQ, executions and notifications.
import type { PipelineReport } from "../pipelineReport";
import { callShop } from "./shopApiClient";

try {
  const report = (await callShop("/pipeline")) as PipelineReport;
  const { queue, deadLetterQueue, consumer, executions, notifications, redrives } = report;
  const lines = [
    `Orders queue     visible ${queue.visible}, in flight ${queue.inFlight}, delayed ${queue.delayed} (sent ${queue.sent}, deleted ${queue.deleted}, dead-lettered ${queue.movedToDeadLetterQueue})`,
    `Dead-letter queue ${deadLetterQueue.depth} message(s)${deadLetterQueue.depth > 0 ? " — redrive with: pnpm --filter @pizza-orders/local redrive" : ""}`,
    ...deadLetterQueue.messages.map((message) => `  ${message.messageId}  received ${message.receiveCount}x  ${message.body.slice(0, 80)}`),
    `Consumer         batches ${consumer.batches}, records ok ${consumer.recordsSucceeded}, records failed ${consumer.recordsFailed}, in flight ${consumer.inFlightRecords}`,
    ...(consumer.lastFailure ? [`  last failure ${consumer.lastFailure.at}: ${consumer.lastFailure.reason}`] : []),
    `Executions       running ${executions.running}, succeeded ${executions.succeeded}, failed ${executions.failed}, timed out ${executions.timedOut}, aborted ${executions.aborted}`,
    ...executions.recent.map((execution) => `  ${execution.name}  ${execution.status}${execution.error ? ` (${execution.error})` : ""}  ${execution.startDate}`),
    `Notifications    ${notifications.total} in the outbox`,
    ...notifications.recent.map((entry) => `  ${entry.publishedAt}  ${entry.subject ?? "(no subject)"}`),
    ...redrives.slice(0, 3).flatMap((redrive) => [
      `Redrive ${redrive.at}  moved ${redrive.moved}`,
      ...redrive.messages.map((message) => `  ${message.messageId}  ${message.orderId ? `order ${message.orderId}` : "(names no order)"}  ${message.outcome}`),
    ]),
  ];
  console.log(lines.join("\n"));
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}

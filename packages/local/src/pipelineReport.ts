// A snapshot of the pipeline for GET /pipeline and `pnpm --filter @pizza-orders/local pipeline`.
import type { MetricSummary } from "./cloudwatch/embeddedMetrics";
import type { ChangeFeedStats } from "./dynamo/changeFeed";
import type { NotificationOutbox, OutboxEntry } from "./sns/notificationOutbox";
import type { LocalQueue } from "./sqs/localQueue";
import type { EventSourceMappingStats, QueueEventSourceMapping } from "./sqs/queueEventSourceMapping";
import type { RedriveReport } from "./sqs/redriveLog";
import type { ExecutionStatus, LocalStepFunctions } from "./stepfunctions/localStepFunctions";

export interface PipelineReport {
  queue: { name: string; url: string; visible: number; inFlight: number; delayed: number; sent: number; deleted: number; movedToDeadLetterQueue: number };
  deadLetterQueue: {
    name: string;
    url: string;
    depth: number;
    messages: Array<{ messageId: string; body: string; receiveCount: number; sentAt: string }>;
  };
  consumer: EventSourceMappingStats & { inFlightRecords: number };
  executions: Record<"running" | "succeeded" | "failed" | "timedOut" | "aborted", number> & {
    recent: Array<{ name: string; status: ExecutionStatus; startDate: string; stopDate?: string; error?: string }>;
  };
  notifications: { total: number; recent: OutboxEntry[] };
  /** The latest DLQ redrives, newest first, with what became of each moved message. */
  redrives: RedriveReport[];
  /** The orders table's change stream and its consumer. */
  orderChanges: ChangeFeedStats & { deadLetterQueueDepth: number };
  /** The functions' business metrics since the shop started (their EMF records, added up). */
  metrics: MetricSummary[];
}

export function pipelineReport(parts: {
  ordersQueue: LocalQueue;
  deadLetterQueue: LocalQueue;
  eventSourceMapping: QueueEventSourceMapping;
  stepFunctions: LocalStepFunctions;
  workflowArn: string;
  outbox: NotificationOutbox;
  redrives: RedriveReport[];
  orderChanges: PipelineReport["orderChanges"];
  metrics: MetricSummary[];
}): PipelineReport {
  const { ordersQueue, deadLetterQueue, eventSourceMapping, stepFunctions, workflowArn, outbox, redrives, orderChanges, metrics } = parts;
  const executions = stepFunctions.executionsOf(workflowArn);
  const count = (status: ExecutionStatus) => executions.filter((record) => record.status === status).length;
  const dlqMessages = deadLetterQueue.peekAll();
  return {
    queue: {
      name: ordersQueue.name,
      url: ordersQueue.url,
      ...ordersQueue.depth(),
      sent: ordersQueue.counters.sent,
      deleted: ordersQueue.counters.deleted,
      movedToDeadLetterQueue: ordersQueue.counters.movedToDeadLetterQueue,
    },
    deadLetterQueue: {
      name: deadLetterQueue.name,
      url: deadLetterQueue.url,
      depth: dlqMessages.length,
      messages: dlqMessages.map((message) => ({
        messageId: message.messageId,
        body: message.body,
        receiveCount: message.receiveCount,
        sentAt: new Date(message.sentTimestamp).toISOString(),
      })),
    },
    consumer: { ...eventSourceMapping.stats, inFlightRecords: eventSourceMapping.inFlightRecords },
    executions: {
      running: count("RUNNING"),
      succeeded: count("SUCCEEDED"),
      failed: count("FAILED"),
      timedOut: count("TIMED_OUT"),
      aborted: count("ABORTED"),
      recent: executions.slice(0, 10).map((record) => ({
        name: record.name,
        status: record.status,
        startDate: record.startDate.toISOString(),
        ...(record.stopDate ? { stopDate: record.stopDate.toISOString() } : {}),
        ...(record.error ? { error: record.error } : {}),
      })),
    },
    notifications: { total: outbox.all().length, recent: outbox.recent(10) },
    redrives,
    orderChanges,
    metrics,
  };
}

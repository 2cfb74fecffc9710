// Lambda's SQS event source mapping: pollers receive batches of up to `batchSize` messages,
// invoke the consumer with an SQSEvent shaped as Lambda builds it, and, with
// ReportBatchItemFailures, delete every message except the ones listed in `batchItemFailures`.
// A thrown error (or a malformed response) fails the whole batch. Failed messages are left alone:
// they reappear when their visibility timeout ends, and the queue's redrive policy dead-letters them.
import type { SQSEvent, SQSRecord } from "aws-lambda";
import { LOCAL_REGION } from "../aws/localResources";
import type { LocalFunction } from "../lambda/localFunction";
import { type LocalQueue, type ReceivedMessage, systemAttributes } from "./localQueue";

export interface EventSourceMappingOptions {
  queue: LocalQueue;
  consumer: LocalFunction;
  batchSize: number;
  /** Concurrent pollers (Lambda starts with five). */
  pollers: number;
  onError?: (error: unknown) => void;
  /** Called for each batch with failed records (the reason, and the ids left for redelivery). */
  onFailure?: (failure: NonNullable<EventSourceMappingStats["lastFailure"]>) => void;
}

export interface EventSourceMappingStats {
  batches: number;
  recordsSucceeded: number;
  recordsFailed: number;
  failedInvocations: number;
  lastFailure?: { at: string; messageIds: string[]; reason: string };
}

export class QueueEventSourceMapping {
  readonly stats: EventSourceMappingStats = { batches: 0, recordsSucceeded: 0, recordsFailed: 0, failedInvocations: 0 };
  /** Messages whose batch is being processed right now. */
  inFlightRecords = 0;
  private readonly abort = new AbortController();
  private pollerLoops: Promise<void>[] = [];

  constructor(private readonly options: EventSourceMappingOptions) {}

  start(): void {
    this.pollerLoops = Array.from({ length: this.options.pollers }, () => this.poll());
  }

  get running(): boolean {
    return this.pollerLoops.length > 0 && !this.abort.signal.aborted;
  }

  /** Stops polling and waits for the batches already handed to the consumer. */
  async stop(): Promise<void> {
    this.abort.abort();
    await Promise.all(this.pollerLoops);
  }

  private async poll(): Promise<void> {
    while (!this.abort.signal.aborted) {
      try {
        const batch = await this.options.queue.receive({ maxMessages: this.options.batchSize, waitTimeSeconds: 20, signal: this.abort.signal });
        if (batch.length > 0) await this.deliver(batch);
      } catch (error) {
        this.options.onError?.(error);
      }
    }
  }

  private async deliver(batch: ReceivedMessage[]): Promise<void> {
    this.stats.batches++;
    this.inFlightRecords += batch.length;
    try {
      const failedIds = await this.invoke(batch);
      // Only records the consumer processed are deleted; the failed ones stay for redelivery and,
      // after maxReceiveCount receives, the dead-letter queue.
      const processed = batch.filter(({ message }) => !failedIds.has(message.messageId));
      await Promise.all(processed.map(({ receiptHandle }) => this.options.queue.delete(receiptHandle)));
      this.stats.recordsSucceeded += processed.length;
      this.stats.recordsFailed += failedIds.size;
    } finally {
      this.inFlightRecords -= batch.length;
    }
  }

  /** Returns the ids of the messages that must not be deleted. */
  private async invoke(batch: ReceivedMessage[]): Promise<Set<string>> {
    const allIds = new Set(batch.map(({ message }) => message.messageId));
    let response: unknown;
    try {
      response = await this.options.consumer.invoke(sqsEvent(this.options.queue, batch));
    } catch (error) {
      this.recordFailure(allIds, error instanceof Error ? `${error.name}: ${error.message}` : String(error), "whole batch");
      return allIds;
    }
    const failures = (response as { batchItemFailures?: unknown } | null)?.batchItemFailures;
    if (failures === undefined || failures === null) return new Set();
    // Lambda treats an unreadable response, or an identifier that is not in the batch, as a failure of the whole batch.
    if (!Array.isArray(failures)) {
      this.recordFailure(allIds, "batchItemFailures is not a list", "whole batch");
      return allIds;
    }
    const failedIds = new Set<string>();
    for (const failure of failures) {
      const id = (failure as { itemIdentifier?: unknown } | null)?.itemIdentifier;
      if (typeof id !== "string" || !allIds.has(id)) {
        this.recordFailure(allIds, `batchItemFailures names an unknown item: ${JSON.stringify(failure)}`, "whole batch");
        return allIds;
      }
      failedIds.add(id);
    }
    if (failedIds.size > 0) this.recordFailure(failedIds, "reported in batchItemFailures", "reported items");
    return failedIds;
  }

  private recordFailure(messageIds: Set<string>, reason: string, scope: "whole batch" | "reported items"): void {
    if (scope === "whole batch") this.stats.failedInvocations++;
    this.stats.lastFailure = { at: new Date().toISOString(), messageIds: [...messageIds], reason };
    this.options.onFailure?.(this.stats.lastFailure);
  }
}

function sqsEvent(queue: LocalQueue, batch: ReceivedMessage[]): SQSEvent {
  return {
    Records: batch.map(
      ({ message, receiptHandle }): SQSRecord => ({
        messageId: message.messageId,
        receiptHandle,
        body: message.body,
        attributes: systemAttributes(message) as unknown as SQSRecord["attributes"],
        messageAttributes: Object.fromEntries(
          Object.entries(message.messageAttributes).map(([name, value]) => [
            name,
            { dataType: value.DataType, stringValue: value.StringValue, binaryValue: value.BinaryValue, stringListValues: [], binaryListValues: [] },
          ]),
        ),
        md5OfBody: message.md5OfBody,
        ...(message.md5OfMessageAttributes ? { md5OfMessageAttributes: message.md5OfMessageAttributes } : {}),
        eventSource: "aws:sqs",
        eventSourceARN: queue.arn,
        awsRegion: LOCAL_REGION,
      }),
    ),
  };
}

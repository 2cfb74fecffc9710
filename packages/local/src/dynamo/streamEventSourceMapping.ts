// Lambda's event source mapping for a DynamoDB stream, for the local change feed: one shard, read
// in order from the checkpoint (TRIM_HORIZON the first time), in batches of up to `batchSize`,
// one batch at a time (parallelization factor 1), so records of an item arrive in order.
//
//  - The function returns normally with no batchItemFailures: the checkpoint moves past the batch.
//  - ReportBatchItemFailures: the checkpoint moves to just before the lowest reported sequence
//    number and the batch is retried from there. An identifier that is not in the batch, or a
//    response that is not a list, fails the whole batch (as Lambda treats it).
//  - The function throws (or times out): the whole batch failed.
//  - A failed batch with bisectBatchOnError and more than one record is split in two and each
//    half is processed on its own (a split is not a retry); otherwise it is retried up to
//    `retryAttempts` times with backoff, then its batch info goes to the on-failure destination
//    (condition RetryAttemptsExhausted) and the checkpoint moves past it.
//  - Records older than `maxRecordAgeSeconds` are not delivered: their batch info goes to the
//    destination (condition RecordAgeExceeded).
import { randomUUID } from "node:crypto";
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from "aws-lambda";
import type { LocalFunction } from "../lambda/localFunction";
import type { StreamCheckpoint } from "./streamCheckpoint";
import type { StreamJournal } from "./streamJournal";

/** The one shard of the local stream (DynamoDB names shards like this). */
export const LOCAL_SHARD_ID = "shardId-00000000000000000000-00000001";

export interface StreamMappingSettings {
  batchSize: number;
  retryAttempts: number;
  maxRecordAgeSeconds: number;
  bisectBatchOnError: boolean;
}

export interface StreamEventSourceMappingOptions extends StreamMappingSettings {
  journal: StreamJournal;
  checkpoint: StreamCheckpoint;
  consumer: LocalFunction;
  /** Sends a failed batch's info to the on-failure destination (an SQS queue, as configured on the stack). */
  onFailureDestination: (message: StreamBatchFailure) => Promise<void>;
  /** First retry delay; doubles per attempt up to 8 s. */
  retryDelayMs?: number;
  log?: (line: string) => void;
}

/** What Lambda sends to a stream mapping's on-failure destination. */
export interface StreamBatchFailure {
  requestContext: { requestId: string; functionArn: string; condition: "RetryAttemptsExhausted" | "RecordAgeExceeded"; approximateInvokeCount: number };
  responseContext: { statusCode: number; executedVersion: string; functionError: string };
  version: "1.0";
  timestamp: string;
  DDBStreamBatchInfo: {
    shardId: string;
    startSequenceNumber: string;
    endSequenceNumber: string;
    approximateArrivalOfFirstRecord: string;
    approximateArrivalOfLastRecord: string;
    batchSize: number;
    streamArn: string;
  };
}

export interface StreamMappingStats {
  batches: number;
  recordsDelivered: number;
  failedInvocations: number;
  partialFailures: number;
  retries: number;
  bisections: number;
  recordsSentToDestination: number;
  lastFailure?: { at: string; reason: string; startSequenceNumber: string };
}

const MAX_RETRY_DELAY_MS = 8000;

type Outcome = { ok: true } | { ok: false; failedFrom: number; reason: string };

export class StreamEventSourceMapping {
  readonly stats: StreamMappingStats = {
    batches: 0,
    recordsDelivered: 0,
    failedInvocations: 0,
    partialFailures: 0,
    retries: 0,
    bisections: 0,
    recordsSentToDestination: 0,
  };
  private readonly abort = new AbortController();
  private loop?: Promise<void>;

  constructor(private readonly options: StreamEventSourceMappingOptions) {}

  start(): void {
    this.loop ??= this.run();
  }

  get running(): boolean {
    return this.loop !== undefined && !this.abort.signal.aborted;
  }

  /** Records in the stream after the checkpoint. */
  get lag(): number {
    return this.options.journal.after(this.options.checkpoint.sequenceNumber, Number.MAX_SAFE_INTEGER).length;
  }

  /** Stops reading; a batch being handled finishes (and is checkpointed) first. */
  async stop(): Promise<void> {
    this.abort.abort();
    await this.loop;
  }

  private async run(): Promise<void> {
    const { journal, checkpoint, batchSize } = this.options;
    while (!this.abort.signal.aborted) {
      const batch = journal.after(checkpoint.sequenceNumber, batchSize);
      if (batch.length === 0) {
        await journal.nextRecord(this.abort.signal);
        continue;
      }
      try {
        await this.process(batch);
      } catch (error) {
        // Only the checkpoint file or the destination can fail here; try again after a pause.
        this.options.log?.(`[order changes stream] ${String(error)}`);
        await this.sleep(this.options.retryDelayMs ?? 250);
      }
    }
  }

  /** Delivers `records` (in order) until each is handled or sent to the destination. */
  private async process(records: DynamoDBRecord[]): Promise<void> {
    const { maxRecordAgeSeconds } = this.options;
    const oldest = Date.now() / 1000 - maxRecordAgeSeconds;
    const expired = records.findIndex((record) => (record.dynamodb!.ApproximateCreationDateTime ?? 0) >= oldest);
    const tooOld = expired < 0 ? records : records.slice(0, expired);
    if (tooOld.length > 0) {
      await this.sendToDestination(tooOld, "RecordAgeExceeded", 0, "record age exceeded");
      records = records.slice(tooOld.length);
      if (records.length === 0) return;
    }
    let attempts = 0;
    for (;;) {
      if (this.abort.signal.aborted) return;
      const outcome = await this.deliver(records);
      attempts++;
      if (outcome.ok) {
        this.checkpointAt(records[records.length - 1]);
        return;
      }
      if (outcome.failedFrom > 0) this.checkpointAt(records[outcome.failedFrom - 1]);
      records = records.slice(outcome.failedFrom);
      this.stats.lastFailure = { at: new Date().toISOString(), reason: outcome.reason, startSequenceNumber: records[0].dynamodb!.SequenceNumber! };
      if (this.options.bisectBatchOnError && records.length > 1) {
        this.stats.bisections++;
        const half = Math.ceil(records.length / 2);
        await this.process(records.slice(0, half));
        await this.process(records.slice(half));
        return;
      }
      if (attempts > this.options.retryAttempts) {
        await this.sendToDestination(records, "RetryAttemptsExhausted", attempts, outcome.reason);
        return;
      }
      this.stats.retries++;
      await this.sleep(Math.min(MAX_RETRY_DELAY_MS, (this.options.retryDelayMs ?? 250) * 2 ** (attempts - 1)));
    }
  }

  private async deliver(records: DynamoDBRecord[]): Promise<Outcome> {
    this.stats.batches++;
    const event: DynamoDBStreamEvent = { Records: records };
    let response: unknown;
    try {
      response = await this.options.consumer.invoke(event);
    } catch (error) {
      this.stats.failedInvocations++;
      return { ok: false, failedFrom: 0, reason: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
    }
    const failures = (response as DynamoDBBatchResponse | null)?.batchItemFailures;
    if (failures === undefined || failures === null || (Array.isArray(failures) && failures.length === 0)) {
      this.stats.recordsDelivered += records.length;
      return { ok: true };
    }
    this.stats.partialFailures++;
    if (!Array.isArray(failures)) return { ok: false, failedFrom: 0, reason: "batchItemFailures is not a list" };
    const positions = failures.map((failure) =>
      records.findIndex((record) => record.dynamodb!.SequenceNumber === (failure as { itemIdentifier?: unknown } | null)?.itemIdentifier),
    );
    if (positions.some((position) => position < 0))
      return { ok: false, failedFrom: 0, reason: `batchItemFailures names a record not in the batch: ${JSON.stringify(failures)}` };
    const failedFrom = Math.min(...positions);
    this.stats.recordsDelivered += failedFrom;
    return { ok: false, failedFrom, reason: `reported in batchItemFailures from ${records[failedFrom].dynamodb!.SequenceNumber}` };
  }

  private async sendToDestination(
    records: DynamoDBRecord[],
    condition: StreamBatchFailure["requestContext"]["condition"],
    invokeCount: number,
    reason: string,
  ): Promise<void> {
    const first = records[0];
    const last = records[records.length - 1];
    const arrival = (record: DynamoDBRecord) => new Date((record.dynamodb!.ApproximateCreationDateTime ?? 0) * 1000).toISOString();
    await this.options.onFailureDestination({
      requestContext: { requestId: randomUUID(), functionArn: this.options.consumer.arn, condition, approximateInvokeCount: invokeCount },
      responseContext: { statusCode: 200, executedVersion: "$LATEST", functionError: condition === "RecordAgeExceeded" ? "" : "Unhandled" },
      version: "1.0",
      timestamp: new Date().toISOString(),
      DDBStreamBatchInfo: {
        shardId: LOCAL_SHARD_ID,
        startSequenceNumber: first.dynamodb!.SequenceNumber!,
        endSequenceNumber: last.dynamodb!.SequenceNumber!,
        approximateArrivalOfFirstRecord: arrival(first),
        approximateArrivalOfLastRecord: arrival(last),
        batchSize: records.length,
        streamArn: first.eventSourceARN!,
      },
    });
    this.stats.recordsSentToDestination += records.length;
    this.options.log?.(
      `[order changes stream] ${records.length} record(s) ${first.dynamodb!.SequenceNumber}…${last.dynamodb!.SequenceNumber} sent to the on-failure destination (${condition}): ${reason}`,
    );
    this.checkpointAt(last);
  }

  private checkpointAt(record: DynamoDBRecord): void {
    this.options.checkpoint.save(record.dynamodb!.SequenceNumber!);
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      const signal = this.abort.signal;
      function done() {
        clearTimeout(timer);
        signal.removeEventListener("abort", done);
        resolve();
      }
      signal.addEventListener("abort", done, { once: true });
    });
  }
}

// The local table's change stream, kept on disk: a JSON-lines journal that is fdatasync'd before
// the write it describes is answered, so a record survives `kill -9` exactly as a committed write
// does (DynamoDB Streams keeps records durably for 24 hours; so does this file).
//
// Each captured write is two lines:
//   intent  — written BEFORE the write reaches dynalite: the item keys and their old images;
//   commit  — written after it, before the client gets its answer: the stream records (with their
//             sequence numbers), possibly none (a failed condition, a write that changed nothing).
// An intent without a commit is a write the process may or may not have finished when it died;
// `recoverOpenIntents` compares each item's image now with the intent's old image and commits the
// record the write made, if it made one. So no committed write goes without its record, and none
// gets two.
//
// Hand-written (not a log library) because the job is this file format plus fsync; writes that
// arrive while a sync is under way share the next one (group commit), so a burst is not one fsync
// per write.
import { existsSync, readFileSync } from "node:fs";
import { type FileHandle, open } from "node:fs/promises";
import type { DynamoDBRecord } from "aws-lambda";
import { replaceFileDurably } from "./durableFile";
import { compareSequenceNumbers, type Item, type ItemChange, streamRecord, unchanged } from "./streamRecord";

/** DynamoDB Streams keeps a record for 24 hours; older ones are trimmed when the journal opens. */
export const STREAM_RETENTION_MS = 24 * 60 * 60 * 1000;
const SEQUENCE_DIGITS = 21;

export interface IntentItem {
  keyNames: string[];
  key: Item;
  oldImage?: Item;
}

type JournalLine =
  | { t: "stream"; arn: string; lastSequence: string }
  | { t: "intent"; id: number; items: IntentItem[] }
  | { t: "commit"; intent: number | null; records: DynamoDBRecord[] };

export interface OpenIntent {
  id: number;
  items: IntentItem[];
}

export class StreamJournal {
  private readonly records: DynamoDBRecord[] = [];
  private readonly openIntents = new Map<number, IntentItem[]>();
  private lastSequence = 0n;
  private nextIntent = 1;
  private pending: { lines: string; resolve: () => void; reject: (error: unknown) => void }[] = [];
  private flushing?: Promise<void>;
  private waiters = new Set<() => void>();
  private handle?: FileHandle;
  private closed = false;
  /** The stream's ARN: `<table ARN>/stream/<label>`, the label being when the stream was created. */
  streamArn = "";

  private constructor(readonly path: string) {}

  /**
   * Reads the journal (dropping a torn last line: a write cut short by a crash, never answered),
   * trims records past the retention period and opens it for appending. Open intents stay open
   * until `recoverOpenIntents` settles them.
   */
  static async open(path: string, tableArn: string, now = new Date()): Promise<StreamJournal> {
    const journal = new StreamJournal(path);
    if (existsSync(path)) {
      const text = readFileSync(path, "utf8");
      for (const line of text.slice(0, text.lastIndexOf("\n") + 1).split("\n")) if (line) journal.apply(JSON.parse(line) as JournalLine);
    }
    journal.streamArn ||= `${tableArn}/stream/${now.toISOString().replace(/Z$/, "")}`;
    const horizon = Math.floor((now.getTime() - STREAM_RETENTION_MS) / 1000);
    const kept = journal.records.filter((record) => (record.dynamodb?.ApproximateCreationDateTime ?? 0) >= horizon);
    journal.records.splice(0, journal.records.length, ...kept);
    journal.rewrite();
    journal.handle = await open(path, "a");
    return journal;
  }

  /** Every record still in the stream, oldest first. */
  all(): readonly DynamoDBRecord[] {
    return this.records;
  }

  /** Up to `limit` records after `sequenceNumber` (from the oldest when undefined). */
  after(sequenceNumber: string | undefined, limit: number): DynamoDBRecord[] {
    // Records are in sequence order: binary search for the first one after the given number.
    let low = 0;
    let high = this.records.length;
    while (sequenceNumber !== undefined && low < high) {
      const middle = (low + high) >>> 1;
      if (compareSequenceNumbers(this.records[middle].dynamodb!.SequenceNumber!, sequenceNumber) > 0) high = middle;
      else low = middle + 1;
    }
    return this.records.slice(low, low + limit);
  }

  /** Resolves when a record is committed (or at once if the signal is aborted). */
  nextRecord(signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      if (signal.aborted) return resolve();
      const wake = () => {
        this.waiters.delete(wake);
        signal.removeEventListener("abort", wake);
        resolve();
      };
      this.waiters.add(wake);
      signal.addEventListener("abort", wake, { once: true });
    });
  }

  /** Records the old images before a write; resolves once that is on disk. */
  async begin(items: IntentItem[]): Promise<number> {
    const id = this.nextIntent++;
    await this.write({ t: "intent", id, items });
    return id;
  }

  /** Commits the records of a finished write (those items that changed); resolves once on disk. */
  async commit(intent: number, changes: ItemChange[], at = new Date()): Promise<DynamoDBRecord[]> {
    const records = changes.filter((change) => !unchanged(change)).map((change) => streamRecord(change, this.nextSequenceNumber(), this.streamArn, at));
    await this.write({ t: "commit", intent, records });
    return records;
  }

  /** Writes whose process died between intent and commit, to be settled before new writes are taken. */
  pendingIntents(): OpenIntent[] {
    return [...this.openIntents].map(([id, items]) => ({ id, items }));
  }

  async close(): Promise<void> {
    this.closed = true;
    while (this.flushing) await this.flushing;
    await this.handle?.close();
    for (const wake of [...this.waiters]) wake();
  }

  private nextSequenceNumber(): string {
    this.lastSequence++;
    return this.lastSequence.toString().padStart(SEQUENCE_DIGITS, "0");
  }

  private apply(line: JournalLine): void {
    if (line.t === "stream") {
      this.streamArn = line.arn;
      if (BigInt(line.lastSequence) > this.lastSequence) this.lastSequence = BigInt(line.lastSequence);
    } else if (line.t === "intent") {
      this.openIntents.set(line.id, line.items);
      this.nextIntent = Math.max(this.nextIntent, line.id + 1);
    } else {
      if (line.intent !== null) this.openIntents.delete(line.intent);
      for (const record of line.records) {
        this.records.push(record);
        const sequence = BigInt(record.dynamodb!.SequenceNumber!);
        if (sequence > this.lastSequence) this.lastSequence = sequence;
      }
    }
  }

  /** Replaces the file with what it holds now, atomically. */
  private rewrite(): void {
    const lines: JournalLine[] = [
      { t: "stream", arn: this.streamArn, lastSequence: this.lastSequence.toString() },
      ...this.pendingIntents().map(({ id, items }): JournalLine => ({ t: "intent", id, items })),
      ...(this.records.length > 0 ? [{ t: "commit" as const, intent: null, records: this.records }] : []),
    ];
    replaceFileDurably(this.path, lines.map((line) => `${JSON.stringify(line)}\n`).join(""));
  }

  private write(line: JournalLine): Promise<void> {
    if (this.closed) return Promise.reject(new Error(`The change stream journal ${this.path} is closed`));
    return new Promise<void>((resolve, reject) => {
      this.pending.push({ lines: `${JSON.stringify(line)}\n`, resolve, reject });
      this.flushing ??= this.flush();
    }).then(() => {
      this.apply(line);
      if (line.t === "commit" && line.records.length > 0) for (const wake of [...this.waiters]) wake();
    });
  }

  /** Writes until nothing is pending; the last check and clearing `flushing` are one synchronous step. */
  private async flush(): Promise<void> {
    try {
      while (this.pending.length > 0) {
        const batch = this.pending;
        this.pending = [];
        try {
          await this.handle!.write(batch.map((write) => write.lines).join(""));
          await this.handle!.datasync();
        } catch (error) {
          for (const write of batch) write.reject(error);
          continue;
        }
        for (const write of batch) write.resolve();
      }
    } finally {
      this.flushing = undefined;
    }
  }
}

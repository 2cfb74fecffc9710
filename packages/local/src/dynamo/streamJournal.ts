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
// The file is an AppendOnlyJournal (the local runtime's fsync'd, group-committed journal, shared
// with the queues and executions); this module gives it the stream's line format.
import type { DynamoDBRecord } from "aws-lambda";
import { AppendOnlyJournal, type JournalFormat } from "../storage/appendOnlyJournal";
import { compareSequenceNumbers, type Item, type ItemChange, streamRecord, unchanged } from "./streamRecord";

/** DynamoDB Streams keeps a record for 24 hours; older ones are trimmed when the journal opens or compacts. */
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

interface StreamState {
  arn: string;
  lastSequence: string;
  nextIntent: number;
  intents: Record<number, IntentItem[]>;
  records: DynamoDBRecord[];
}

const withinRetention = (now: number) => (record: DynamoDBRecord) =>
  (record.dynamodb?.ApproximateCreationDateTime ?? 0) >= Math.floor((now - STREAM_RETENTION_MS) / 1000);

const STREAM_FORMAT: JournalFormat<JournalLine, StreamState> = {
  empty: () => ({ arn: "", lastSequence: "0", nextIntent: 1, intents: {}, records: [] }),
  apply(state, line) {
    if (line.t === "stream") {
      state.arn = line.arn;
      if (BigInt(line.lastSequence) > BigInt(state.lastSequence)) state.lastSequence = line.lastSequence;
    } else if (line.t === "intent") {
      state.intents[line.id] = line.items;
      state.nextIntent = Math.max(state.nextIntent, line.id + 1);
    } else {
      if (line.intent !== null) delete state.intents[line.intent];
      for (const record of line.records) {
        state.records.push(record);
        if (BigInt(record.dynamodb!.SequenceNumber!) > BigInt(state.lastSequence)) state.lastSequence = record.dynamodb!.SequenceNumber!;
      }
    }
  },
  snapshot: (state) => [
    { t: "stream", arn: state.arn, lastSequence: state.lastSequence },
    ...Object.entries(state.intents).map(([id, items]): JournalLine => ({ t: "intent", id: Number(id), items })),
    { t: "commit", intent: null, records: state.records.filter(withinRetention(Date.now())) },
  ],
};

export class StreamJournal {
  private waiters = new Set<() => void>();
  private nextIntent: number;
  private lastSequence: bigint;

  private constructor(
    readonly path: string,
    private readonly journal: AppendOnlyJournal<JournalLine, StreamState>,
    /** What the file holds, as far as this process knows (every line is applied once it is on disk). */
    private readonly state: StreamState,
  ) {
    this.nextIntent = state.nextIntent;
    this.lastSequence = BigInt(state.lastSequence);
  }

  /**
   * Reads the journal (a torn last line — a write cut short by a crash, never answered — is
   * dropped), trims records past the retention period and opens it for appending. Open intents
   * stay open until `recoverOpenIntents` settles them.
   */
  static async open(path: string, tableArn: string, now = new Date()): Promise<StreamJournal> {
    const { journal, recovered } = await AppendOnlyJournal.open(path, STREAM_FORMAT);
    recovered.records = recovered.records.filter(withinRetention(now.getTime()));
    const opened = new StreamJournal(path, journal, recovered);
    if (!recovered.arn)
      await opened.write({ t: "stream", arn: `${tableArn}/stream/${now.toISOString().replace(/Z$/, "")}`, lastSequence: recovered.lastSequence });
    return opened;
  }

  /** The stream's ARN: `<table ARN>/stream/<label>`, the label being when the stream was created. */
  get streamArn(): string {
    return this.state.arn;
  }

  /** Every record still in the stream, oldest first. */
  all(): readonly DynamoDBRecord[] {
    return this.state.records;
  }

  /** Up to `limit` records after `sequenceNumber` (from the oldest when undefined). */
  after(sequenceNumber: string | undefined, limit: number): DynamoDBRecord[] {
    const records = this.state.records;
    // Records are in sequence order: binary search for the first one after the given number.
    let low = 0;
    let high = records.length;
    while (sequenceNumber !== undefined && low < high) {
      const middle = (low + high) >>> 1;
      if (compareSequenceNumbers(records[middle].dynamodb!.SequenceNumber!, sequenceNumber) > 0) high = middle;
      else low = middle + 1;
    }
    return records.slice(low, low + limit);
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
    // Numbered here, synchronously, so the file's order is the sequence order.
    const records = changes.filter((change) => !unchanged(change)).map((change) => streamRecord(change, this.nextSequenceNumber(), this.streamArn, at));
    await this.write({ t: "commit", intent, records });
    return records;
  }

  /** Writes whose process died between intent and commit, to be settled before new writes are taken. */
  pendingIntents(): OpenIntent[] {
    return Object.entries(this.state.intents).map(([id, items]) => ({ id: Number(id), items }));
  }

  async close(): Promise<void> {
    await this.journal.close();
    for (const wake of [...this.waiters]) wake();
  }

  private nextSequenceNumber(): string {
    this.lastSequence++;
    return this.lastSequence.toString().padStart(SEQUENCE_DIGITS, "0");
  }

  private async write(line: JournalLine): Promise<void> {
    await this.journal.append(line);
    STREAM_FORMAT.apply(this.state, line);
    if (line.t === "commit" && line.records.length > 0) for (const wake of [...this.waiters]) wake();
  }
}

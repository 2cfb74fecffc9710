// An append-only journal of JSON lines with group commit: every record handed to `append` is
// written and fdatasync'd before the returned promise resolves, and records that arrive while a
// write is under way share the next write and fsync (so a burst costs one fsync per batch, not one
// per record). This is what makes the local queue and workflow survive `kill -9` as SQS and Step
// Functions survive a host failure. Hand-written because the job is small and the embedded stores
// on npm (LevelDB via classic-level, SQLite bindings) either do not fsync per write by default or
// need native builds; a journal of the emulators' own records is also easy to read when debugging.
//
// The journal keeps its own folded state of what is durable, built only from records it has
// written. Compaction rewrites the file as a snapshot of that state (temporary file, fsync,
// rename, fsync of the folder), so it can never include a change that was not made durable.
import { existsSync, readFileSync } from "node:fs";
import { type FileHandle, open } from "node:fs/promises";
import { replaceFileDurably } from "./durableFile";

export interface JournalFormat<R, S> {
  empty(): S;
  /** Folds one record into the state. Records must be idempotent (absolute values, not increments). */
  apply(state: S, record: R): void;
  /** The records that rebuild `state` from empty. */
  snapshot(state: S): R[];
}

export interface JournalOptions {
  /** Compact once the file holds this many records more than the last snapshot had. */
  compactAfterRecords?: number;
}

const DEFAULT_COMPACT_AFTER_RECORDS = 20_000;

interface PendingWrite<R> {
  records: R[];
  resolve: () => void;
  reject: (error: unknown) => void;
}

export class AppendOnlyJournal<R, S> {
  private pending: PendingWrite<R>[] = [];
  private flushing?: Promise<void>;
  private closed = false;
  private recordsSinceSnapshot = 0;
  private snapshotSize = 0;

  private constructor(
    readonly path: string,
    private readonly format: JournalFormat<R, S>,
    private readonly state: S,
    private handle: FileHandle,
    private readonly compactAfterRecords: number,
  ) {}

  /**
   * Reads the journal (a torn last line — a write cut short by a crash, never acknowledged — is
   * dropped), compacts it (which also removes a torn line), and opens it for appending. Returns a copy of the recovered state.
   */
  static async open<R, S>(
    path: string,
    format: JournalFormat<R, S>,
    options: JournalOptions = {},
  ): Promise<{ journal: AppendOnlyJournal<R, S>; recovered: S }> {
    const state = AppendOnlyJournal.read(path, format);
    const snapshot = format.snapshot(state);
    writeSnapshot(path, snapshot);
    const journal = new AppendOnlyJournal(path, format, state, await open(path, "a"), options.compactAfterRecords ?? DEFAULT_COMPACT_AFTER_RECORDS);
    journal.snapshotSize = snapshot.length;
    return { journal, recovered: structuredClone(state) };
  }

  /** The state the journal's file holds, without changing the file (a torn last line is ignored). */
  static read<R, S>(path: string, format: JournalFormat<R, S>): S {
    const state = format.empty();
    if (!existsSync(path)) return state;
    const text = readFileSync(path, "utf8");
    const complete = text.slice(0, text.lastIndexOf("\n") + 1);
    for (const line of complete.split("\n")) if (line.length > 0) format.apply(state, JSON.parse(line) as R);
    return state;
  }

  /** Resolves once the records are on disk (written and fdatasync'd). */
  append(...records: R[]): Promise<void> {
    if (records.length === 0) return Promise.resolve();
    if (this.closed) return Promise.reject(new Error(`The journal ${this.path} is closed`));
    return new Promise((resolve, reject) => {
      this.pending.push({ records, resolve, reject });
      this.flushing ??= this.flush();
    });
  }

  /** Waits for pending writes, then closes the file. */
  async close(): Promise<void> {
    this.closed = true;
    while (this.flushing) await this.flushing;
    await this.handle.close();
  }

  /**
   * Writes until nothing is pending. The loop's last check and clearing `flushing` happen in one
   * synchronous step, so an append can never find a flush that has already decided to end.
   */
  private async flush(): Promise<void> {
    try {
      while (this.pending.length > 0) {
        const batch = this.pending;
        this.pending = [];
        const records = batch.flatMap((write) => write.records);
        try {
          await this.handle.write(records.map((record) => `${JSON.stringify(record)}\n`).join(""));
          await this.handle.datasync();
        } catch (error) {
          for (const write of batch) write.reject(error);
          continue;
        }
        for (const record of records) this.format.apply(this.state, record);
        this.recordsSinceSnapshot += records.length;
        for (const write of batch) write.resolve();
        if (this.recordsSinceSnapshot > Math.max(this.compactAfterRecords, 4 * this.snapshotSize)) await this.compact().catch(() => undefined);
      }
    } finally {
      this.flushing = undefined;
    }
  }

  private async compact(): Promise<void> {
    // A failed compaction leaves the old file in place (the rename is the commit); appends go on.
    const snapshot = this.format.snapshot(this.state);
    await this.handle.close();
    try {
      writeSnapshot(this.path, snapshot);
      this.snapshotSize = snapshot.length;
      this.recordsSinceSnapshot = 0;
    } finally {
      this.handle = await open(this.path, "a");
    }
  }
}

/** Replaces the file with `records`, atomically and durably. */
function writeSnapshot(path: string, records: unknown[]): void {
  replaceFileDurably(path, records.map((record) => `${JSON.stringify(record)}\n`).join(""), ".compacting");
}

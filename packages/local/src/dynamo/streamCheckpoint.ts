// Where the stream event source mapping has got to: the sequence number of the last record it is
// done with (handled, or handed to the on-failure destination). Written atomically and fsync'd
// after each batch, so after a crash the mapping resumes after it — a batch that was being handled
// when the process died is delivered again (at-least-once, as Lambda does after a failure).
import { existsSync, readFileSync } from "node:fs";
import { replaceFileDurably } from "../storage/durableFile";

export class StreamCheckpoint {
  private constructor(
    readonly path: string,
    private current: string | undefined,
  ) {}

  static load(path: string): StreamCheckpoint {
    const saved = existsSync(path) ? (JSON.parse(readFileSync(path, "utf8")) as { sequenceNumber?: string }).sequenceNumber : undefined;
    return new StreamCheckpoint(path, saved);
  }

  get sequenceNumber(): string | undefined {
    return this.current;
  }

  save(sequenceNumber: string): void {
    replaceFileDurably(this.path, JSON.stringify({ sequenceNumber, at: new Date().toISOString() }));
    this.current = sequenceNumber;
  }
}

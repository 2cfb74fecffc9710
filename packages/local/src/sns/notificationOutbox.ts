// What the notifications topic would e-mail, kept where a person can read it: one JSON line per
// published message in <data dir>/outbox.jsonl (appended synchronously, so nothing is lost on
// exit), and the recent ones in memory for GET /outbox and the pipeline view.
import { appendFileSync, existsSync, readFileSync } from "node:fs";

export interface OutboxEntry {
  messageId: string;
  topicArn: string;
  subject?: string;
  message: string;
  messageAttributes: Record<string, { dataType: string; value: string }>;
  publishedAt: string;
}

export class NotificationOutbox {
  private readonly entries: OutboxEntry[];

  constructor(readonly filePath: string) {
    this.entries = existsSync(filePath)
      ? readFileSync(filePath, "utf8")
          .split("\n")
          .filter((line) => line.trim().length > 0)
          .map((line) => JSON.parse(line) as OutboxEntry)
      : [];
  }

  append(entry: OutboxEntry): void {
    appendFileSync(this.filePath, `${JSON.stringify(entry)}\n`, "utf8");
    this.entries.push(entry);
  }

  all(): readonly OutboxEntry[] {
    return this.entries;
  }

  recent(count: number): OutboxEntry[] {
    return this.entries.slice(-count).reverse();
  }
}

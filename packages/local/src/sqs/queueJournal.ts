// What the local queues write to disk: every change of a message's state, as an idempotent record
// (absolute values), in one journal for all queues, so moving a message between a queue and its
// dead-letter queue is one record and can never leave it in both or in neither.
import { AppendOnlyJournal, type JournalFormat } from "../storage/appendOnlyJournal";
import type { QueueMessage } from "./localQueue";

/** A message as stored: receipt handles are not kept (a restart invalidates them, as a new receive would). */
export type StoredMessage = Omit<QueueMessage, "receiptHandle">;

export type QueueRecord =
  | { op: "send"; queue: string; message: StoredMessage }
  | { op: "receive"; queue: string; messageId: string; receiveCount: number; firstReceiveTimestamp: number; visibleAt: number }
  | { op: "delete"; queue: string; messageId: string }
  | { op: "move"; from: string; to: string; message: StoredMessage };

/** Queue name → message id → message, in arrival order. */
export type QueueContents = Record<string, Record<string, StoredMessage>>;

export type QueueJournal = AppendOnlyJournal<QueueRecord, QueueContents>;

export const QUEUE_JOURNAL_FORMAT: JournalFormat<QueueRecord, QueueContents> = {
  empty: () => ({}),
  apply(contents, record) {
    const queue = (name: string) => (contents[name] ??= {});
    switch (record.op) {
      case "send":
        queue(record.queue)[record.message.messageId] = record.message;
        return;
      case "receive": {
        const message = queue(record.queue)[record.messageId];
        if (message)
          Object.assign(message, { receiveCount: record.receiveCount, firstReceiveTimestamp: record.firstReceiveTimestamp, visibleAt: record.visibleAt });
        return;
      }
      case "delete":
        delete queue(record.queue)[record.messageId];
        return;
      case "move":
        delete queue(record.from)[record.message.messageId];
        queue(record.to)[record.message.messageId] = record.message;
        return;
    }
  },
  snapshot: (contents) =>
    Object.entries(contents).flatMap(([queue, messages]) => Object.values(messages).map((message): QueueRecord => ({ op: "send", queue, message }))),
};

export function storedMessage(message: QueueMessage): StoredMessage {
  const { receiptHandle: _receiptHandle, ...stored } = message;
  return structuredClone(stored);
}

export function openQueueJournal(path: string): Promise<{ journal: QueueJournal; recovered: QueueContents }> {
  return AppendOnlyJournal.open(path, QUEUE_JOURNAL_FORMAT);
}

/** What a queue journal holds, read without touching the file (for inspecting a crashed shop's data). */
export function readQueueJournal(path: string): QueueContents {
  return AppendOnlyJournal.read(path, QUEUE_JOURNAL_FORMAT);
}

// One standard SQS queue with the semantics the pipeline relies on: at-least-once delivery,
// a visibility timeout after each receive, ApproximateReceiveCount, long polling, and a redrive
// policy that moves a message to the dead-letter queue once it has been received
// maxReceiveCount times without being deleted (checked on the next receive, as SQS does).
// Written here because the maintained SQS emulators (ElasticMQ, LocalStack) need Java or Docker,
// which the local mode does not assume, and the event source mapping needs the queue in-process.
//
// Durability (with a journal): a sent message is on disk before `send` resolves, and only then
// can it be received; a receive (receive count, visibility), a delete and a move to the
// dead-letter queue are on disk before the call resolves. A `kill -9` at any moment therefore
// loses no accepted message and never brings back a deleted one; at worst a message whose
// receive was not yet written is delivered once more — at-least-once, as SQS promises.
import { randomBytes, randomUUID } from "node:crypto";
import { type MessageAttributeValue, md5OfBody, md5OfMessageAttributes } from "./messageChecksums";
import { type QueueJournal, type QueueRecord, storedMessage } from "./queueJournal";

export interface QueueMessage {
  messageId: string;
  body: string;
  md5OfBody: string;
  messageAttributes: Record<string, MessageAttributeValue>;
  md5OfMessageAttributes?: string;
  sentTimestamp: number;
  senderId: string;
  receiveCount: number;
  firstReceiveTimestamp?: number;
  /** Epoch ms from which the message can be received (delay or visibility timeout). */
  visibleAt: number;
  /** Only the latest receipt handle deletes the message, as in SQS. */
  receiptHandle?: string;
}

export interface ReceivedMessage {
  message: QueueMessage;
  receiptHandle: string;
}

export interface RedrivePolicy {
  deadLetterQueue: LocalQueue;
  maxReceiveCount: number;
}

export interface LocalQueueOptions {
  name: string;
  url: string;
  arn: string;
  visibilityTimeoutSeconds: number;
  redrivePolicy?: RedrivePolicy;
  onMovedToDeadLetterQueue?: (message: QueueMessage) => void;
  /** Where changes are made durable; without one the queue lives in memory only (emulator unit tests). */
  journal?: QueueJournal;
}

export interface QueueCounters {
  sent: number;
  deleted: number;
  movedToDeadLetterQueue: number;
}

export class InvalidReceiptHandleError extends Error {
  override readonly name = "ReceiptHandleIsInvalid";
}

const MAX_WAIT_SLICE_MS = 1000;

export class LocalQueue {
  readonly name: string;
  readonly url: string;
  readonly arn: string;
  readonly createdAt = new Date();
  readonly visibilityTimeoutSeconds: number;
  readonly redrivePolicy?: RedrivePolicy;
  private readonly onMovedToDeadLetterQueue?: (message: QueueMessage) => void;
  private readonly journal?: QueueJournal;
  readonly counters: QueueCounters = { sent: 0, deleted: 0, movedToDeadLetterQueue: 0 };
  private readonly messages = new Map<string, QueueMessage>();
  private readonly waiters = new Set<() => void>();

  constructor(options: LocalQueueOptions) {
    this.name = options.name;
    this.url = options.url;
    this.arn = options.arn;
    this.visibilityTimeoutSeconds = options.visibilityTimeoutSeconds;
    this.redrivePolicy = options.redrivePolicy;
    this.onMovedToDeadLetterQueue = options.onMovedToDeadLetterQueue;
    this.journal = options.journal;
  }

  /** Resolves once the message is durable; only then can it be received. */
  async send(body: string, messageAttributes: Record<string, MessageAttributeValue> = {}, delaySeconds = 0): Promise<QueueMessage> {
    const now = Date.now();
    const message: QueueMessage = {
      messageId: randomUUID(),
      body,
      md5OfBody: md5OfBody(body),
      messageAttributes,
      md5OfMessageAttributes: md5OfMessageAttributes(messageAttributes),
      sentTimestamp: now,
      senderId: "AIDALOCALSHOP000000000",
      receiveCount: 0,
      visibleAt: now + delaySeconds * 1000,
    };
    await this.persist({ op: "send", queue: this.name, message: storedMessage(message) });
    this.accept(message);
    this.counters.sent++;
    return message;
  }

  /** Takes in a message as it is, in memory (recovery, and the receiving end of a journaled move). */
  accept(message: QueueMessage): void {
    message.receiptHandle = undefined;
    this.messages.set(message.messageId, message);
    this.notify();
  }

  /**
   * Receives up to `maxMessages` visible messages, waiting up to `waitTimeSeconds` for the first
   * one (long polling). Each received message becomes invisible for the visibility timeout.
   */
  async receive(options: {
    maxMessages: number;
    visibilityTimeoutSeconds?: number;
    waitTimeSeconds?: number;
    signal?: AbortSignal;
  }): Promise<ReceivedMessage[]> {
    const deadline = Date.now() + (options.waitTimeSeconds ?? 0) * 1000;
    for (;;) {
      const { received, changes } = this.receiveVisible(options.maxMessages, options.visibilityTimeoutSeconds ?? this.visibilityTimeoutSeconds);
      await this.persist(...changes);
      const now = Date.now();
      if (received.length > 0 || now >= deadline || options.signal?.aborted) return received;
      const nextVisibleAt = this.nextVisibleAt();
      const untilNextVisible = nextVisibleAt === undefined ? Number.POSITIVE_INFINITY : Math.max(1, nextVisibleAt - now);
      await this.waitForChange(Math.min(deadline - now, untilNextVisible, MAX_WAIT_SLICE_MS), options.signal);
    }
  }

  /**
   * Deletes the message if the handle is its latest one; an older handle is accepted and ignored,
   * as in SQS. Resolves once the deletion is durable.
   */
  async delete(receiptHandle: string): Promise<void> {
    const message = this.messageForHandle(receiptHandle);
    if (message && message.receiptHandle === receiptHandle) {
      this.messages.delete(message.messageId);
      this.counters.deleted++;
      await this.persist({ op: "delete", queue: this.name, messageId: message.messageId });
    }
  }

  /**
   * Moves every message to `target` as a fresh delivery (receive count starting again, visible at
   * once), each move one journal record. Returns the moved messages.
   */
  async moveAllTo(target: LocalQueue): Promise<QueueMessage[]> {
    const moved = [...this.messages.values()];
    this.messages.clear();
    const now = Date.now();
    for (const message of moved) {
      message.receiveCount = 0;
      message.firstReceiveTimestamp = undefined;
      message.visibleAt = now;
      target.accept(message);
    }
    await this.persist(...moved.map((message): QueueRecord => ({ op: "move", from: this.name, to: target.name, message: storedMessage(message) })));
    return moved;
  }

  depth(): { visible: number; inFlight: number; delayed: number } {
    const now = Date.now();
    let visible = 0;
    let inFlight = 0;
    let delayed = 0;
    for (const message of this.messages.values()) {
      if (message.visibleAt <= now) visible++;
      else if (message.receiveCount > 0) inFlight++;
      else delayed++;
    }
    return { visible, inFlight, delayed };
  }

  peekAll(): readonly QueueMessage[] {
    return [...this.messages.values()];
  }

  private receiveVisible(maxMessages: number, visibilityTimeoutSeconds: number): { received: ReceivedMessage[]; changes: QueueRecord[] } {
    const now = Date.now();
    const received: ReceivedMessage[] = [];
    const changes: QueueRecord[] = [];
    // Deleting the current entry while iterating a Map is safe; the rest are still visited.
    for (const message of this.messages.values()) {
      if (received.length >= maxMessages) break;
      if (message.visibleAt > now) continue;
      if (this.redrivePolicy && message.receiveCount >= this.redrivePolicy.maxReceiveCount) {
        this.messages.delete(message.messageId);
        message.visibleAt = now;
        this.redrivePolicy.deadLetterQueue.accept(message);
        changes.push({ op: "move", from: this.name, to: this.redrivePolicy.deadLetterQueue.name, message: storedMessage(message) });
        this.counters.movedToDeadLetterQueue++;
        this.onMovedToDeadLetterQueue?.(message);
        continue;
      }
      message.receiveCount++;
      message.firstReceiveTimestamp ??= now;
      message.visibleAt = now + visibilityTimeoutSeconds * 1000;
      message.receiptHandle = encodeReceiptHandle(message.messageId);
      received.push({ message, receiptHandle: message.receiptHandle });
      changes.push({
        op: "receive",
        queue: this.name,
        messageId: message.messageId,
        receiveCount: message.receiveCount,
        firstReceiveTimestamp: message.firstReceiveTimestamp,
        visibleAt: message.visibleAt,
      });
    }
    return { received, changes };
  }

  private async persist(...changes: QueueRecord[]): Promise<void> {
    if (this.journal) await this.journal.append(...changes);
  }

  private messageForHandle(receiptHandle: string): QueueMessage | undefined {
    return this.messages.get(decodeReceiptHandle(receiptHandle));
  }

  private nextVisibleAt(): number | undefined {
    let next: number | undefined;
    for (const message of this.messages.values()) {
      if (next === undefined || message.visibleAt < next) next = message.visibleAt;
    }
    return next;
  }

  private notify(): void {
    for (const wake of [...this.waiters]) wake();
  }

  private waitForChange(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(done);
        signal?.removeEventListener("abort", done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.waiters.add(done);
      signal?.addEventListener("abort", done, { once: true });
    });
  }
}

/** The system attributes SQS attaches to a received message. */
export function systemAttributes(message: QueueMessage): Record<string, string> {
  return {
    ApproximateReceiveCount: String(message.receiveCount),
    SentTimestamp: String(message.sentTimestamp),
    SenderId: message.senderId,
    ApproximateFirstReceiveTimestamp: String(message.firstReceiveTimestamp ?? message.sentTimestamp),
  };
}

function encodeReceiptHandle(messageId: string): string {
  return Buffer.from(`${messageId} ${randomBytes(12).toString("hex")}`, "utf8").toString("base64");
}

function decodeReceiptHandle(receiptHandle: string): string {
  const [messageId, nonce] = Buffer.from(receiptHandle, "base64").toString("utf8").split(" ");
  if (!messageId || !nonce) throw new InvalidReceiptHandleError(`The input receipt handle "${receiptHandle}" is not a valid receipt handle.`);
  return messageId;
}

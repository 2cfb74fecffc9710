// DLQ redrive with a report: which messages (and orders) were moved back to the orders queue, and
// what became of each since — still in the queue, processed (the consumer succeeded and the
// message was deleted), or dead-lettered again. The outcome is read from the queues themselves, so
// it is always current: a redriven message keeps its message id.
import { randomUUID } from "node:crypto";
import { orderIdInMessage } from "@pizza-orders/functions/queue/orderIdInMessage";
import type { LocalQueue } from "./localQueue";
import { type QueueRegistry, redriveDeadLetterQueue } from "./queueRegistry";

export type RedriveOutcome = "waiting" | "processed" | "dead-lettered again";

export interface RedrivenMessage {
  messageId: string;
  /** The order the message is about, when its body names one. */
  orderId?: string;
  outcome: RedriveOutcome;
  /** Receives since the redrive, while it is still waiting or after it was dead-lettered again. */
  receiveCount?: number;
}

export interface RedriveReport {
  redriveId: string;
  at: string;
  moved: number;
  messages: RedrivenMessage[];
}

const KEPT_REDRIVES = 10;

export class RedriveLog {
  private readonly redrives: Array<{ redriveId: string; at: string; messages: Array<{ messageId: string; orderId?: string }> }> = [];

  constructor(
    private readonly registry: QueueRegistry,
    private readonly deadLetterQueue: LocalQueue,
    private readonly sourceQueue: LocalQueue,
  ) {}

  async redrive(): Promise<RedriveReport> {
    const moved = await redriveDeadLetterQueue(this.registry, this.deadLetterQueue, this.sourceQueue);
    const entry = {
      redriveId: randomUUID(),
      at: new Date().toISOString(),
      messages: moved.map((message) => ({ messageId: message.messageId, orderId: orderIdInMessage(message.body) })),
    };
    this.redrives.unshift(entry);
    this.redrives.length = Math.min(this.redrives.length, KEPT_REDRIVES);
    return this.report(entry);
  }

  /** The latest redrives, newest first, with each message's outcome as of now. */
  reports(): RedriveReport[] {
    return this.redrives.map((entry) => this.report(entry));
  }

  private report(entry: (typeof this.redrives)[number]): RedriveReport {
    const waiting = new Map(this.sourceQueue.peekAll().map((message) => [message.messageId, message]));
    const deadLettered = new Map(this.deadLetterQueue.peekAll().map((message) => [message.messageId, message]));
    return {
      redriveId: entry.redriveId,
      at: entry.at,
      moved: entry.messages.length,
      messages: entry.messages.map(({ messageId, orderId }) => {
        const again = deadLettered.get(messageId);
        const queued = waiting.get(messageId);
        const outcome: RedriveOutcome = again ? "dead-lettered again" : queued ? "waiting" : "processed";
        const receiveCount = (again ?? queued)?.receiveCount;
        return { messageId, ...(orderId ? { orderId } : {}), outcome, ...(receiveCount !== undefined ? { receiveCount } : {}) };
      }),
    };
  }
}

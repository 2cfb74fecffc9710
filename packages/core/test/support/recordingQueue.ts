// An order queue stand-in that records what would be sent, or loses it (as a message lost
// between SendMessage and the consumer would be).
import type { OrderKey } from "../../src/order/order";
import type { OrderQueue } from "../../src/order/orderQueue";

export function losingQueue(): OrderQueue {
  return { enqueue: async (_key: OrderKey) => undefined } as unknown as OrderQueue;
}

/** Records what would be enqueued; `failNext` makes the next send fail like an SQS outage. */
export function recordingQueue() {
  const sent: OrderKey[] = [];
  const control = { failNext: false };
  const queue = {
    async enqueue(key: OrderKey) {
      if (control.failNext) {
        control.failNext = false;
        throw new Error("SQS unavailable");
      }
      sent.push(key);
    },
  } as unknown as OrderQueue;
  return { queue, sent, control };
}

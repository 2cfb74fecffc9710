// An order queue stand-in that records what would be sent, or loses it (as a message lost
// between SendMessage and the consumer would be).
import type { OrderKey } from "../../src/order/order";
import type { OrderQueue } from "../../src/order/orderQueue";

export function losingQueue(): OrderQueue {
  return { enqueue: async (_key: OrderKey) => undefined } as unknown as OrderQueue;
}

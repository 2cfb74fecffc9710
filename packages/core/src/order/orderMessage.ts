// What travels through the orders queue and into the workflow: only the order's key. The
// workflow execution input is built from it alone, so a redelivered message starts an identical
// execution request (same name, same input) that Step Functions recognises.
import { z } from "zod";
import { parseJsonText } from "../jsonText";
import type { OrderKey } from "./order";

export const OrderMessageSchema = z
  .object({
    orderId: z.string().min(1).max(64),
    /** Set from the second payment attempt on (another card after a decline: retryPayment). */
    paymentAttempt: z.number().int().min(2).max(100).optional(),
  })
  .strict();

/** Which payment attempt of the order a message starts (absent: the first). */
export type OrderAttemptKey = OrderKey & { paymentAttempt?: number };

/** Stable serialisation (only the key, and a later attempt's number) so equal keys give byte-identical messages. */
export function serializeOrderMessage(key: OrderAttemptKey): string {
  return JSON.stringify(key.paymentAttempt && key.paymentAttempt > 1 ? { orderId: key.orderId, paymentAttempt: key.paymentAttempt } : { orderId: key.orderId });
}

export function parseOrderMessage(body: string): OrderAttemptKey {
  const json = parseJsonText(body);
  if (json === undefined) throw new Error("Order message is not JSON");
  return OrderMessageSchema.parse(json);
}

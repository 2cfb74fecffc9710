// What travels through the orders queue and into the workflow: only the order's key. The
// workflow execution input is built from it alone, so a redelivered message starts an identical
// execution request (same name, same input) that Step Functions recognises.
import { z } from "zod";
import { parseJsonText } from "../jsonText";
import type { OrderKey } from "./order";

export const OrderMessageSchema = z
  .object({
    orderId: z.string().min(1).max(64),
  })
  .strict();

/** Stable serialisation (only the key) so equal keys give byte-identical messages. */
export function serializeOrderMessage(key: OrderKey): string {
  return JSON.stringify({ orderId: key.orderId });
}

export function parseOrderMessage(body: string): OrderKey {
  const json = parseJsonText(body);
  if (json === undefined) throw new Error("Order message is not JSON");
  return OrderMessageSchema.parse(json);
}

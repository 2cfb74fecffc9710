// The order id named by an orders-queue message that may not be a valid order message (the reason
// it failed): for failure logs and redrive reports, never for processing.
import { parseJsonText } from "@pizza-orders/core/jsonText";

const MAX_ORDER_ID_CHARS = 64;

export function orderIdInMessage(body: string): string | undefined {
  const orderId = (parseJsonText(body) as { orderId?: unknown } | null | undefined)?.orderId;
  return typeof orderId === "string" ? orderId.slice(0, MAX_ORDER_ID_CHARS) : undefined;
}

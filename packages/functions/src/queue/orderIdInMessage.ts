// The order id named by an orders-queue message that may not be a valid order message (the reason
// it failed): for failure logs and redrive reports, never for processing.
const MAX_ORDER_ID_CHARS = 64;

export function orderIdInMessage(body: string): string | undefined {
  try {
    const orderId = (JSON.parse(body) as { orderId?: unknown } | null)?.orderId;
    return typeof orderId === "string" ? orderId.slice(0, MAX_ORDER_ID_CHARS) : undefined;
  } catch {
    return undefined;
  }
}

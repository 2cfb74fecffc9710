// The order as its reader sees it, with a link to its receipt when there is one and the reader
// may have it (the access rules decide, as for the order itself).

import type { Caller } from "../access/caller";
import { mayAccessOrder } from "../access/orderAccess";
import { findOrder } from "../order/findOrders";
import type { Order } from "../order/order";
import type { OrderRepository } from "../order/orderRepository";
import { OrderReferenceSchema } from "../order/rules";
import { validate } from "../order/validation";
import { RECEIPT_STATUSES } from "./receipt";
import type { ReceiptStore } from "./receiptStore";

export interface OrderWithReceipt {
  order: Order;
  /** A short-lived presigned GET URL, or null: no receipt (yet), or not for this reader. */
  receiptUrl: string | null;
}

/** A presigned link to the order's receipt if the caller may have it and it has been written; else null. */
export async function receiptLinkFor(receipts: ReceiptStore, caller: Caller, order: Order, guestSecret?: string | null): Promise<string | null> {
  if (!mayAccessOrder(caller, "readReceipt", order, guestSecret ?? undefined)) return null;
  // Only an order in a receipt status can have one: no S3 request for the others.
  if (!RECEIPT_STATUSES.includes(order.orderStatus)) return null;
  if (!(await receipts.exists(order.id))) return null;
  return receipts.presignedUrl(order.id);
}

/** findOrder, plus the receipt link: undefined for an unknown order and anyone else's alike. */
export async function findOrderWithReceipt(
  deps: { orders: OrderRepository; receipts: ReceiptStore },
  caller: Caller,
  rawReference: { id: unknown; guestSecret?: unknown },
): Promise<OrderWithReceipt | undefined> {
  const order = await findOrder(deps.orders, caller, rawReference);
  if (!order) return undefined;
  const { guestSecret } = validate(OrderReferenceSchema, rawReference);
  return { order, receiptUrl: await receiptLinkFor(deps.receipts, caller, order, guestSecret) };
}

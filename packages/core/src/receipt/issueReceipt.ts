// The receipts listener's use case: an order reached a receipt status → its receipt, once.
import type { OrderRepository } from "../order/orderRepository";
import { receiptOf } from "./receipt";
import { renderReceiptPdf } from "./receiptPdf";
import type { ReceiptStore, ReceiptWrite } from "./receiptStore";

export type ReceiptOutcome = ReceiptWrite | "notOwed" | "unknownOrder";

/**
 * Reads the order as stored (the event says which order; the table says what it holds), and
 * stores its receipt if it is owed one. Safe to repeat: the write never replaces a receipt.
 */
export async function issueReceipt(deps: { orders: OrderRepository; receipts: ReceiptStore }, orderId: string): Promise<ReceiptOutcome> {
  const order = await deps.orders.get({ orderId });
  if (!order) return "unknownOrder";
  const receipt = receiptOf(order);
  if (!receipt) return "notOwed";
  return deps.receipts.writeOnce(order.id, await renderReceiptPdf(receipt));
}

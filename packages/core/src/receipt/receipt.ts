// What a receipt says, derived from the order as stored: pure, no PDF and no AWS here, so the
// content can be checked on its own and the PDF only lays it out.
import { CURRENCY, findSize, RESTAURANTS } from "../menu/menu";
import { priceOrder } from "../menu/pricing";
import type { Order } from "../order/order";
import { type OrderItems, type OrderLine, orderLines } from "../order/orderLines";
import { OrderStatus } from "../order/rules";

/** payment: the order was completed and charged. refund: the shop cancelled it after payment and gave the money back. */
export type ReceiptKind = "payment" | "refund";

export interface ReceiptLine extends OrderLine {
  sizeLabel: string;
  unitPriceCents: number;
  linePriceCents: number;
}

export interface ReceiptFee {
  label: string;
  amountCents: number;
}

export interface Receipt {
  kind: ReceiptKind;
  orderId: string;
  /** The short number the counter calls out (#042), when the order has one. */
  orderNumber?: string;
  restaurantId: string;
  restaurantName: string;
  lines: readonly ReceiptLine[];
  fees: readonly ReceiptFee[];
  totalCents: number;
  currency: string;
  placedAt: string;
  /** When the payment was taken. */
  paidAt: string;
  /** When the money went back (REFUNDED). */
  refundedAt?: string;
  /** The change the receipt is for (completion); also the document's own date, so the PDF is the same bytes however often it is made. */
  issuedAt: string;
}

/** The order's lines (orderLines knows its item shape), each priced from the menu as the order was. */
export function receiptLines(order: OrderItems): ReceiptLine[] {
  return orderLines(order).map((line) => {
    const item = { name: line.pizza, size: line.size, toppings: line.toppings, quantity: line.quantity };
    return {
      ...line,
      sizeLabel: findSize(line.size).label,
      unitPriceCents: priceOrder({ ...item, quantity: 1 }),
      linePriceCents: priceOrder(item),
    };
  });
}

/** How long a receipt link works: long enough to click, short enough that a leaked link soon dies. */
export const RECEIPT_LINK_SECONDS = 5 * 60;

/** The statuses whose change earns the customer a receipt (the receipts listener's rule matches these). */
export const RECEIPT_STATUSES: readonly OrderStatus[] = [OrderStatus.Completed, OrderStatus.Refunded];

/** Completed → what was paid; refunded → what was paid and given back (an order reaches only one of the two). */
const RECEIPT_KIND_OF: Partial<Record<OrderStatus, ReceiptKind>> = { [OrderStatus.Completed]: "payment", [OrderStatus.Refunded]: "refund" };

/** When the order reached its current status (the latest history entry for it). */
function reachedAt(order: Order): string | undefined {
  return order.statusHistory.findLast((change) => change.status === order.orderStatus)?.at;
}

/**
 * The receipt an order is owed, or undefined while it is owed none (neither completed nor refunded,
 * or without a successful payment, or "refunded" with no refund recorded). Throws if the lines and fees do not add up to the stored total:
 * a receipt that disagrees with the charge must never be issued.
 */
export function receiptOf(order: Order): Receipt | undefined {
  const kind = RECEIPT_KIND_OF[order.orderStatus];
  if (!kind || order.payment?.outcome !== "SUCCEEDED" || (kind === "refund" && !order.refund)) return undefined;
  const issuedAt = reachedAt(order);
  if (!issuedAt) throw new Error(`Order ${order.id} is ${order.orderStatus} without a status-history entry for it`);
  const lines = receiptLines(order);
  // The delivery fee the order was priced with (pickup has none).
  const fees: ReceiptFee[] = order.deliveryFeeCents ? [{ label: "Delivery", amountCents: order.deliveryFeeCents }] : [];
  const sum = lines.reduce((total, line) => total + line.linePriceCents, 0) + fees.reduce((total, fee) => total + fee.amountCents, 0);
  if (sum !== order.totalCents || order.payment.amountCents !== order.totalCents) {
    throw new Error(
      `Order ${order.id}: lines and fees add up to ${sum} cents, the order's total is ${order.totalCents} and ${order.payment.amountCents} was charged`,
    );
  }
  if (order.refund && order.refund.amountCents !== order.payment.amountCents) {
    throw new Error(`Order ${order.id}: ${order.refund.amountCents} cents refunded of ${order.payment.amountCents} charged`);
  }
  return {
    kind,
    orderId: order.id,
    orderNumber: order.orderNumber,
    restaurantId: order.restaurantId,
    restaurantName: RESTAURANTS.find((restaurant) => restaurant.id === order.restaurantId)?.name ?? order.restaurantId,
    lines,
    fees,
    totalCents: order.totalCents,
    currency: order.currency ?? CURRENCY,
    placedAt: order.createdAt,
    paidAt: order.payment.at,
    refundedAt: kind === "refund" ? order.refund?.at : undefined,
    issuedAt,
  };
}

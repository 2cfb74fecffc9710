// What the event bus carries for one order change: an EventBridge event per committed status
// change, built from the OrderChange the table's stream produced (the one change source). The
// detail-type names the change ("Order Placed" for an order's first status, otherwise "Order " and
// the status in words: "Order Completed", "Order Payment Failed"), so a status rules.ts gains
// later (a kitchen stage, a refund) becomes its own event type with no code here.
//
// The event id is the change id (`<orderId>#<history index>`): the same for every delivery of the
// stream record, for every retry of PutEvents and every redelivery by EventBridge (which delivers
// at least once). Receivers make their effect once by it (see CustomerEmailSender).
//
// The detail is an allow-list of order facts; a guest secret (or its hash, the tracking key), the
// payment token and the payment record never appear (the schemas forbid other properties).

import type { OrderChange } from "../changes/orderChange";
import { restaurantName } from "../menu/menu";
import { orderLines } from "../order/orderLines";
import type { OrderView } from "../order/orderView";
import type { Fulfilment } from "../order/rules";

export const ORDER_EVENT_SOURCE = "pizza-orders.orders";
/** The detail's version; a breaking change gets a new schema file (`*.v2.json`) and a new number. */
export const ORDER_EVENT_VERSION = 1;
const PLACED = "Placed";

export interface OrderEventLine {
  pizza: string;
  size: string;
  toppings: string[];
  quantity: number;
}

export interface OrderEventDetail {
  /** Deterministic per change: receivers dedupe by it. */
  eventId: string;
  version: typeof ORDER_EVENT_VERSION;
  orderId: string;
  /** The restaurant's number for the order on its day ("#042"); null for an order stored without one. */
  orderNumber: string | null;
  /** Picked up or delivered: what "ready" means to the customer. */
  fulfilment: Fulfilment;
  /** The status-history index of the change: grows by one with each change of the order. */
  sequence: number;
  status: string;
  previousStatus: string | null;
  /** When the status changed (the writer's time). */
  at: string;
  restaurant: { id: string; name: string };
  /** The owning account (Cognito sub); null for a guest order. */
  customerId: string | null;
  lines: OrderEventLine[];
  totals: { totalCents: number; currency: string };
  failureReason: string | null;
}

/** An event as it is put on the bus (the PutEvents entry without the bus name). */
export interface OrderEvent {
  source: typeof ORDER_EVENT_SOURCE;
  detailType: string;
  time: string;
  detail: OrderEventDetail;
}

/** A status in words: PAYMENT_FAILED → Payment Failed. */
function statusInWords(status: string): string {
  return status
    .toLowerCase()
    .split("_")
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join(" ");
}

/** The detail-type of a change to `status`; `first`: the order's first status (it was placed). */
export function orderEventDetailType(status: string, first = false): string {
  return `Order ${first ? PLACED : statusInWords(status)}`;
}

/** The order's lines as the event carries them (orderLines: the one place that knows an order's items). */
export function orderEventLines(order: Pick<OrderView, "name" | "size" | "toppings" | "quantity">): OrderEventLine[] {
  return orderLines(order).map((line) => ({ ...line, toppings: [...line.toppings] }));
}

export function orderEventOf(change: OrderChange): OrderEvent {
  const { order } = change;
  return {
    source: ORDER_EVENT_SOURCE,
    detailType: orderEventDetailType(change.status, change.previousStatus === undefined),
    time: change.entry.at,
    detail: {
      eventId: change.changeId,
      version: ORDER_EVENT_VERSION,
      orderId: change.orderId,
      orderNumber: order.orderNumber ?? null,
      fulfilment: order.fulfilment,
      sequence: change.sequence,
      status: change.status,
      previousStatus: change.previousStatus ?? null,
      at: change.entry.at,
      restaurant: { id: change.restaurantId, name: restaurantName(change.restaurantId) },
      customerId: change.customerId ?? null,
      lines: orderEventLines(order),
      totals: { totalCents: order.totalCents, currency: order.currency },
      failureReason: order.failureReason ?? null,
    },
  };
}

// The order as the API returns it: internal fields (payment record, token, version, claims)
// stay on the server.
import { centsToAmount, type PricedLine } from "../menu/pricing";
import type { Order } from "./order";
import { Fulfilment } from "./rules";

/** Bookkeeping of the pipeline (deadlines, notification delivery) and of access (owner, history, guest secret hash): never shown to a client. */
type InternalField =
  | "customerId"
  | "historyCustomerId"
  | "guestSecretHash"
  | "inFlight"
  | "deadlineAt"
  | "notificationDue"
  | "notificationClaim"
  | "notificationSentAt"
  | "kitchenRestaurantId"
  | "paymentAttempt"
  | "declinedPayments";

export type OrderView = Omit<Order, "payment" | "paymentToken" | "version" | InternalField | "lines" | "fulfilment" | "subtotalCents" | "deliveryFeeCents"> & {
  lines: PricedLine[];
  fulfilment: Fulfilment;
  subtotalCents: number;
  deliveryFeeCents: number;
  total: number;
  /** Only in postOrder's answer to a guest; null everywhere else. */
  guestSecret: string | null;
};

export function toOrderView(order: Order, guestSecret?: string): OrderView {
  const {
    customerId: _customer,
    historyCustomerId: _history,
    guestSecretHash: _hash,
    payment: _payment,
    paymentToken: _token,
    version: _version,
    inFlight: _inFlight,
    deadlineAt: _deadline,
    notificationDue: _due,
    notificationClaim: _claim,
    notificationSentAt: _sent,
    kitchenRestaurantId: _kitchen,
    paymentAttempt: _attempt,
    declinedPayments: _declined,
    ...visible
  } = order;
  return {
    ...visible,
    // An order stored before carts existed was one line, picked up, with no fee.
    lines: order.lines ?? [
      { pizza: order.name, size: order.size, toppings: order.toppings, quantity: order.quantity, unitPriceCents: order.totalCents / order.quantity, lineTotalCents: order.totalCents },
    ],
    fulfilment: order.fulfilment ?? Fulfilment.Pickup,
    subtotalCents: order.subtotalCents ?? order.totalCents,
    deliveryFeeCents: order.deliveryFeeCents ?? 0,
    total: centsToAmount(order.totalCents),
    guestSecret: guestSecret ?? null,
  };
}

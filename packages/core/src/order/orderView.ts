// The order as the API returns it: internal fields (payment record, token, version, claims)
// stay on the server.
import { centsToAmount } from "../menu/pricing";
import type { Order } from "./order";

/** Bookkeeping of the pipeline (deadlines, notification delivery): never shown to a client. */
type InternalField = "inFlight" | "deadlineAt" | "notificationDue" | "notificationClaim" | "notificationSentAt";

export type OrderView = Omit<Order, "customerId" | "payment" | "paymentToken" | "version" | InternalField> & {
  total: number;
};

export function toOrderView(order: Order): OrderView {
  const {
    customerId: _customer,
    payment: _payment,
    paymentToken: _token,
    version: _version,
    inFlight: _inFlight,
    deadlineAt: _deadline,
    notificationDue: _due,
    notificationClaim: _claim,
    notificationSentAt: _sent,
    ...visible
  } = order;
  return { ...visible, total: centsToAmount(order.totalCents) };
}

// The order as the API returns it: internal fields (payment record, token, version, claims)
// stay on the server.
import { centsToAmount } from "../menu/pricing";
import type { Order } from "./order";

type InternalField = "customerId" | "historyCustomerId" | "guestSecretHash" | "payment" | "paymentToken" | "version" | "notificationClaimedAt";

export type OrderView = Omit<Order, InternalField> & {
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
    notificationClaimedAt: _claim,
    ...visible
  } = order;
  return { ...visible, total: centsToAmount(order.totalCents), guestSecret: guestSecret ?? null };
}

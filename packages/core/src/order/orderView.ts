// The order as the API returns it: internal fields (payment record, token, version, claims)
// stay on the server.
import { centsToAmount } from "../menu/pricing";
import type { Order } from "./order";

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
  | "accountEmail"
  | "customerEmails";

export type OrderView = Omit<Order, "payment" | "paymentToken" | "version" | InternalField> & {
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
    accountEmail: _accountEmail,
    customerEmails: _customerEmails,
    ...visible
  } = order;
  return { ...visible, total: centsToAmount(order.totalCents), guestSecret: guestSecret ?? null };
}

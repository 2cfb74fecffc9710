// The order as the API returns it: internal fields (payment record, token, version, claims)
// stay on the server.
import { centsToAmount } from "../menu/pricing";
import type { Order } from "./order";

export type OrderView = Omit<Order, "customerId" | "payment" | "paymentToken" | "version" | "notificationClaimedAt"> & {
  total: number;
};

export function toOrderView(order: Order): OrderView {
  const { customerId: _customer, payment: _payment, paymentToken: _token, version: _version, notificationClaimedAt: _claim, ...visible } = order;
  return { ...visible, total: centsToAmount(order.totalCents) };
}

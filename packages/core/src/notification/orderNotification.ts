// The text of the e-mail sent when the payment path ends: paid and in the kitchen, or why not.
import { restaurantName } from "../menu/menu";
import { centsToAmount } from "../menu/pricing";
import type { Order } from "../order/order";

export interface OrderNotification {
  subject: string;
  message: string;
  attributes: { orderId: string; orderStatus: string };
}

export function composeOrderNotification(order: Order): OrderNotification {
  const item = `${order.quantity} × ${order.name} (${order.size.toLowerCase()}${order.toppings.length ? `, ${order.toppings.join(", ")}` : ""}) from ${restaurantName(order.restaurantId)}`;
  const total = `${centsToAmount(order.totalCents).toFixed(2)} ${order.currency}`;
  const paid = order.payment?.outcome === "SUCCEEDED";
  const lines = paid
    ? [
        `Your order ${order.orderNumber ? `${order.orderNumber} (${order.id})` : order.id} is paid and with the kitchen (${order.orderStatus}).`,
        item,
        `Total charged: ${total}`,
        ...(order.eta ? [`Expected: ${order.eta}`] : []),
      ]
      : [
          `Your order ${order.id} could not be completed (${order.orderStatus}).`,
          item,
          `Reason: ${order.failureReason ?? "unknown"}`,
          `Total: ${total} — you have not been charged.`,
        ];
  const subject = paid ? `Pizza order ${order.orderNumber ?? order.id} received by the kitchen` : `Pizza order ${order.id}: ${order.orderStatus}`;
  return { subject, message: lines.join("\n"), attributes: { orderId: order.id, orderStatus: order.orderStatus } };
}

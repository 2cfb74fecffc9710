// The text of the e-mail sent when an order reaches its end: completed, or why it failed.
import { restaurantName } from "../menu/menu";
import { centsToAmount } from "../menu/pricing";
import type { Order } from "../order/order";
import { OrderStatus } from "../order/rules";

export interface OrderNotification {
  subject: string;
  message: string;
  attributes: { orderId: string; orderStatus: string };
}

export function composeOrderNotification(order: Order): OrderNotification {
  const item = `${order.quantity} × ${order.name} (${order.size.toLowerCase()}${order.toppings.length ? `, ${order.toppings.join(", ")}` : ""}) from ${restaurantName(order.restaurantId)}`;
  const total = `${centsToAmount(order.totalCents).toFixed(2)} ${order.currency}`;
  const lines =
    order.orderStatus === OrderStatus.Completed
      ? [`Your order ${order.id} is confirmed and paid.`, item, `Total charged: ${total}`]
      : [
          `Your order ${order.id} could not be completed (${order.orderStatus}).`,
          item,
          `Reason: ${order.failureReason ?? "unknown"}`,
          `Total: ${total} — you have not been charged.`,
        ];
  const subject =
    order.orderStatus === OrderStatus.Completed ? `Pizza order ${order.id} completed` : `Pizza order ${order.id}: ${order.orderStatus}`;
  return { subject, message: lines.join("\n"), attributes: { orderId: order.id, orderStatus: order.orderStatus } };
}

// What the kitchen has to make: the orders of a restaurant paid and not yet ready.
import type { Order } from "../order/order";
import { KITCHEN_QUEUE_STATUSES } from "../order/rules";

/** Pizzas in the kitchen's queue among `orders` (its active orders), optionally only those ordered before `beforeOrderId`. */
export function pizzasInQueue(orders: readonly Order[], beforeOrderId?: string): number {
  return orders
    .filter((order) => KITCHEN_QUEUE_STATUSES.includes(order.orderStatus) && (beforeOrderId === undefined || order.id < beforeOrderId))
    .reduce((sum, order) => sum + order.quantity, 0);
}

import { OrderNotFoundError, OrderNotModifiableError } from "../errors";
import type { Order } from "./order";
import type { OrderRepository } from "./orderRepository";
import { canCustomerChange, isTerminal, OrderIdSchema, OrderStatus } from "./rules";
import { validate } from "./validation";

export const CANCELLED_BY_CUSTOMER = "Cancelled by the customer.";

export type CancelOrDeleteResult = { action: "deleted"; order: Order } | { action: "cancelled"; order: Order };

/**
 * `deleteOrder`: a terminal order is deleted; an unpaid order in flight is cancelled (the
 * workflow then finds it closed and stops); an order whose payment was taken is refused. Each
 * branch is one conditional write, so the customer and the workflow cannot both win.
 */
export async function cancelOrDeleteOrder(orders: OrderRepository, customerId: string, rawId: unknown, now = new Date()): Promise<CancelOrDeleteResult> {
  const orderId = validate(OrderIdSchema, rawId);
  const key = { customerId, orderId };
  for (let attempt = 0; attempt < 3; attempt++) {
    const current = await orders.get(key);
    if (!current) throw new OrderNotFoundError(orderId);
    if (isTerminal(current.orderStatus)) {
      if (await orders.deleteIfStatus(key, current.orderStatus)) return { action: "deleted", order: current };
      continue;
    }
    if (!canCustomerChange(current)) {
      throw new OrderNotModifiableError(`Order ${orderId} can no longer be cancelled: the payment has been taken`);
    }
    const cancelled = await orders.transition(key, OrderStatus.Cancelled, now.toISOString(), {
      failureReason: CANCELLED_BY_CUSTOMER,
      require: "noPayment",
    });
    if (cancelled) return { action: "cancelled", order: cancelled };
    // The workflow moved the order meanwhile: decide again on what it is now.
  }
  throw new OrderNotModifiableError(`Order ${orderId} is changing right now; try again`);
}

import type { Caller } from "../access/caller";
import { requireOrderAccess } from "../access/orderAccess";
import { OrderNotModifiableError } from "../errors";
import type { Order } from "./order";
import type { OrderRepository } from "./orderRepository";
import { canCustomerChange, OrderReferenceSchema, OrderStatus } from "./rules";
import { validate } from "./validation";

export const CANCELLED_BY_CUSTOMER = "Cancelled by the customer.";

/**
 * `cancelOrder`: an order whose payment has not been taken ends CANCELLED (the workflow then finds
 * it closed and stops). Never deletes. Once the payment is taken — or the order has ended
 * otherwise — it is refused with OrderNotModifiableError and nothing changes. Cancelling an order
 * the customer already cancelled answers with it unchanged. One conditional write, so the
 * customer and the workflow cannot both win.
 */
export async function cancelOrder(
  orders: OrderRepository,
  caller: Caller,
  rawReference: { id: unknown; guestSecret?: unknown },
  now = new Date(),
): Promise<Order> {
  const { id, guestSecret } = validate(OrderReferenceSchema, rawReference);
  const key = { orderId: id };
  for (let attempt = 0; attempt < 3; attempt++) {
    const current = requireOrderAccess(caller, "cancel", id, await orders.get(key), guestSecret);
    if (current.orderStatus === OrderStatus.Cancelled && current.failureReason === CANCELLED_BY_CUSTOMER) return current;
    if (!canCustomerChange(current)) {
      throw new OrderNotModifiableError(
        current.payment
          ? `Order ${id} can no longer be cancelled: the payment has been taken`
          : `Order ${id} can no longer be cancelled: it is ${current.orderStatus}`,
      );
    }
    const cancelled = await orders.transition(key, OrderStatus.Cancelled, now.toISOString(), {
      failureReason: CANCELLED_BY_CUSTOMER,
      require: "noPayment",
    });
    if (cancelled) return cancelled;
    // The workflow moved the order meanwhile: decide again on what it is now.
  }
  throw new OrderNotModifiableError(`Order ${id} is changing right now; try again`);
}

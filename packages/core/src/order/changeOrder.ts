import type { Caller } from "../access/caller";
import { requireOrderAccess } from "../access/orderAccess";
import { OrderNotModifiableError } from "../errors";
import { priceOrder } from "../menu/pricing";
import type { Order } from "./order";
import type { OrderRepository } from "./orderRepository";
import { canCustomerChange, UpdateOrderInputSchema } from "./rules";
import { validate } from "./validation";

function refusal(order: Order): OrderNotModifiableError {
  return new OrderNotModifiableError(
    order.payment
      ? `Order ${order.id} can no longer be changed: the payment has been taken`
      : `Order ${order.id} can no longer be changed: it is ${order.orderStatus}`,
  );
}

/**
 * Changes an order while no payment has been taken, for its owner or a guest with its secret.
 * The write is conditional on the version that was read and on the order still being unpaid, so
 * it cannot interleave with the payment step.
 */
export async function changeOrder(orders: OrderRepository, caller: Caller, rawInput: unknown, now = new Date()): Promise<Order> {
  const { guestSecret, ...input } = validate(UpdateOrderInputSchema, rawInput);
  const key = { orderId: input.id };
  const current = requireOrderAccess(caller, "change", input.id, await orders.get(key), guestSecret);
  if (!canCustomerChange(current)) throw refusal(current);

  const merged = {
    name: input.name ?? current.name,
    quantity: input.quantity ?? current.quantity,
    restaurantId: input.restaurantId ?? current.restaurantId,
    size: input.size ?? current.size,
    toppings: input.toppings ?? current.toppings,
    customerEmail: input.customerEmail ?? current.customerEmail,
  };
  const updated = await orders.applyCustomerChange(key, { ...merged, totalCents: priceOrder(merged) }, current.version, now.toISOString());
  if (updated) return updated;

  const latest = requireOrderAccess(caller, "change", input.id, await orders.get(key), guestSecret);
  if (!canCustomerChange(latest)) throw refusal(latest);
  throw new OrderNotModifiableError(`Order ${input.id} was changed at the same time; load it again and retry`);
}

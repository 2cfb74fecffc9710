import type { Caller } from "../access/caller";
import { requireOrderAccess } from "../access/orderAccess";
import { OrderNotModifiableError } from "../errors";
import { localClock, timeZoneOf } from "../kitchen/restaurantSettings";
import { priceCart } from "../menu/pricing";
import type { Order } from "./order";
import type { OrderRepository } from "./orderRepository";
import { canCustomerChange, Fulfilment, UpdateOrderInputSchema } from "./rules";
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
  // updateOrder is the original tutorial's one-pizza change; a cart is changed by cancelling and ordering again.
  if ((current.lines?.length ?? 1) > 1) {
    throw new OrderNotModifiableError(`Order ${current.id} has several lines; cancel it and order again to change it`);
  }

  const merged = {
    name: input.name ?? current.name,
    quantity: input.quantity ?? current.quantity,
    restaurantId: input.restaurantId ?? current.restaurantId,
    size: input.size ?? current.size,
    toppings: input.toppings ?? current.toppings,
    customerEmail: input.customerEmail ?? current.customerEmail,
  };
  const priced = priceCart({
    lines: [{ pizza: merged.name, size: merged.size, toppings: merged.toppings, quantity: merged.quantity }],
    delivery: current.fulfilment === Fulfilment.Delivery,
  });
  // Another restaurant counts its own numbers: the order takes its next one.
  const orderNumber =
    merged.restaurantId === current.restaurantId ? undefined : await orders.restaurants.issueOrderNumber(merged.restaurantId, localClock(timeZoneOf(merged.restaurantId), now).date);
  const change = { ...merged, lines: priced.lines, subtotalCents: priced.subtotalCents, deliveryFeeCents: priced.deliveryFeeCents, totalCents: priced.totalCents, orderNumber };
  const updated = await orders.applyCustomerChange(key, change, current.version, now.toISOString());
  if (updated) return updated;

  const latest = requireOrderAccess(caller, "change", input.id, await orders.get(key), guestSecret);
  if (!canCustomerChange(latest)) throw refusal(latest);
  throw new OrderNotModifiableError(`Order ${input.id} was changed at the same time; load it again and retry`);
}

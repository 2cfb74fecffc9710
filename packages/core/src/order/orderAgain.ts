import type { Caller } from "../access/caller";
import { requireOrderAccess } from "../access/orderAccess";
import type { PlacedOrder, PlaceOrderDependencies } from "./placeOrder";
import { placeOrder } from "./placeOrder";
import { GuestSecretSchema, OrderIdSchema } from "./rules";
import { validate } from "./validation";
import { z } from "zod";

const OrderAgainSchema = z.object({ id: OrderIdSchema, guestSecret: GuestSecretSchema, paymentToken: z.unknown(), clientToken: z.unknown() });

/**
 * "Order again": a new order with the lines, fulfilment and address of one the caller may read,
 * placed exactly like postOrder — re-priced from today's menu, validated against it (a pizza no
 * longer on the menu is a ValidationError), refused while the restaurant is closed or full.
 */
export async function orderAgain(deps: PlaceOrderDependencies, caller: Caller, rawInput: unknown): Promise<PlacedOrder> {
  const { id, guestSecret, paymentToken, clientToken } = validate(OrderAgainSchema, rawInput);
  const previous = requireOrderAccess(caller, "read", id, await deps.orders.get({ orderId: id }), guestSecret);
  const lines = previous.lines ?? [{ pizza: previous.name, size: previous.size, toppings: previous.toppings, quantity: previous.quantity }];
  return placeOrder(deps, caller, {
    restaurantId: previous.restaurantId,
    lines: lines.map(({ pizza, size, toppings, quantity }) => ({ pizza, size, toppings, quantity })),
    fulfilment: previous.fulfilment,
    deliveryAddress: previous.deliveryAddress,
    customerEmail: previous.customerEmail,
    paymentToken,
    clientToken,
  });
}

import type { Caller } from "../access/caller";
import { requireOrderAccess } from "../access/orderAccess";
import { OrderNotModifiableError } from "../errors";
import type { OrderRepository } from "./orderRepository";
import { isTerminal, OrderIdSchema } from "./rules";
import { validate } from "./validation";

/**
 * The original `deleteOrder(id)`: takes a finished order out of its customer's history and returns
 * its id. The shop keeps the record (a paid order is a business record): only the listing entry
 * goes. An order still in progress is refused (cancel it first); a guest has no history, so for a
 * guest every id is unknown. Removing an order already removed answers the same.
 */
export async function removeFromHistory(orders: OrderRepository, caller: Caller, rawId: unknown): Promise<string> {
  const orderId = validate(OrderIdSchema, rawId);
  const key = { orderId };
  const current = requireOrderAccess(caller, "hideFromHistory", orderId, await orders.get(key));
  if (!isTerminal(current.orderStatus)) {
    throw new OrderNotModifiableError(`Order ${orderId} is still in progress; cancel it first, or wait until it is finished`);
  }
  if (current.historyCustomerId === undefined) return orderId;
  // Who may remove it was decided above, once (an order's owner never changes once set); the
  // write's condition is only the state it acts on (a finished order).
  if (!(await orders.removeFromHistory(key))) {
    throw new OrderNotModifiableError(`Order ${orderId} could not be removed from your orders; try again`);
  }
  return orderId;
}

import { monotonicFactory } from "ulid";
import type { Caller } from "../access/caller";
import { hashGuestSecret, newGuestSecret } from "../access/guestSecret";
import { mayPlaceOrder } from "../access/orderAccess";
import { SignInRequiredError } from "../errors";
import { CURRENCY } from "../menu/menu";
import { priceOrder } from "../menu/pricing";
import type { Order } from "./order";
import type { OrderQueue } from "./orderQueue";
import type { OrderRepository } from "./orderRepository";
import { OrderInputSchema, OrderStatus } from "./rules";
import { validate } from "./validation";

// ULIDs sort by creation time: the byCustomer index's sort key gives "newest first" for free.
const newOrderId = monotonicFactory();

export interface PlaceOrderDependencies {
  orders: OrderRepository;
  queue: OrderQueue;
  now?: () => Date;
  newId?: () => string;
}

export interface PlacedOrder {
  order: Order;
  /** Only for a guest: the order's secret, shown this once (only its hash is stored). */
  guestSecret?: string;
}

/**
 * Accepts an order: validates and prices it, stores it QUEUED and enqueues it for the workflow.
 * A signed-in caller owns it (and finds it in their history); a guest gets a secret instead.
 * Invalid input throws ValidationError before anything is written. If the queue refuses the
 * message the stored order is removed again, so a failed call leaves nothing half-done.
 */
export async function placeOrder(deps: PlaceOrderDependencies, caller: Caller, rawInput: unknown): Promise<PlacedOrder> {
  if (!mayPlaceOrder(caller)) throw new SignInRequiredError("Orders are placed by customers or guests.");
  const input = validate(OrderInputSchema, rawInput);
  const at = (deps.now?.() ?? new Date()).toISOString();
  const guestSecret = caller.kind === "guest" ? newGuestSecret() : undefined;
  const owner =
    caller.kind === "customer" || caller.kind === "staff"
      ? { customerId: caller.customerId, historyCustomerId: caller.customerId }
      : { guestSecretHash: hashGuestSecret(guestSecret!) };
  const order: Order = {
    ...owner,
    id: deps.newId?.() ?? newOrderId(),
    name: input.name,
    quantity: input.quantity,
    restaurantId: input.restaurantId,
    size: input.size,
    toppings: input.toppings,
    customerEmail: input.customerEmail,
    paymentToken: input.paymentToken,
    orderStatus: OrderStatus.Queued,
    totalCents: priceOrder(input),
    currency: CURRENCY,
    createdAt: at,
    updatedAt: at,
    statusHistory: [{ status: OrderStatus.Queued, at }],
    version: 1,
    // In the in-flight index from the start: a lost message or a failed start is found by its deadline.
    ...deps.orders.inFlightTracking(OrderStatus.Queued, at),
  };
  if (!(await deps.orders.create(order))) throw new Error(`Order id ${order.id} is already taken`);
  try {
    await deps.queue.enqueue({ orderId: order.id });
  } catch (error) {
    await deps.orders.deleteIfStatus({ orderId: order.id }, OrderStatus.Queued);
    throw error;
  }
  return { order, guestSecret };
}

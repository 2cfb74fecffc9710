import { monotonicFactory } from "ulid";
import { CURRENCY } from "../menu/menu";
import { priceOrder } from "../menu/pricing";
import type { Order } from "./order";
import type { OrderQueue } from "./orderQueue";
import type { OrderRepository } from "./orderRepository";
import { OrderInputSchema, OrderStatus } from "./rules";
import { validate } from "./validation";

// ULIDs sort by creation time: the table's sort key gives "newest first" for free.
const newOrderId = monotonicFactory();

export interface PlaceOrderDependencies {
  orders: OrderRepository;
  queue: OrderQueue;
  now?: () => Date;
  newId?: () => string;
}

/**
 * Accepts an order: validates and prices it, stores it QUEUED and enqueues it for the workflow.
 * Invalid input throws ValidationError before anything is written. If the queue refuses the
 * message the stored order is removed again, so a failed call leaves nothing half-done.
 */
export async function placeOrder(deps: PlaceOrderDependencies, customerId: string, rawInput: unknown): Promise<Order> {
  const input = validate(OrderInputSchema, rawInput);
  const at = (deps.now?.() ?? new Date()).toISOString();
  const order: Order = {
    customerId,
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
    await deps.queue.enqueue({ customerId, orderId: order.id });
  } catch (error) {
    await deps.orders.deleteIfStatus({ customerId, orderId: order.id }, OrderStatus.Queued);
    throw error;
  }
  return order;
}

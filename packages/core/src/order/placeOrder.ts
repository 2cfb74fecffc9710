import { monotonicFactory } from "ulid";
import { type Caller, isSignedIn } from "../access/caller";
import { guestSecretForClientToken, hashGuestSecret, newGuestSecret } from "../access/guestSecret";
import { mayAccessOrder, mayPlaceOrder } from "../access/orderAccess";
import { IdempotencyConflictError, SignInRequiredError, TransientOrderError } from "../errors";
import { CURRENCY } from "../menu/menu";
import { priceOrder } from "../menu/pricing";
import { type CheckoutAttempt, checkoutAttemptKey, inputFingerprint } from "./checkoutAttempt";
import type { Order } from "./order";
import type { OrderQueue } from "./orderQueue";
import type { OrderRepository } from "./orderRepository";
import { OrderInputSchema, OrderStatus, type ValidOrderInput } from "./rules";
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
 *
 * With a client token the call is idempotent: the same token from the same caller places one
 * order, however often and however concurrently it is sent (see checkoutAttempt.ts for how and
 * why); the same token with a different order is refused with IdempotencyConflictError.
 */
export async function placeOrder(deps: PlaceOrderDependencies, caller: Caller, rawInput: unknown): Promise<PlacedOrder> {
  if (!mayPlaceOrder(caller)) throw new SignInRequiredError("Orders are placed by customers or guests.");
  const input = validate(OrderInputSchema, rawInput);
  const at = (deps.now?.() ?? new Date()).toISOString();
  const orderId = deps.newId?.() ?? newOrderId();
  if (input.clientToken !== undefined) return placeOrderOnce(deps, caller, input, input.clientToken, orderId, at);
  const guestSecret = caller.kind === "guest" ? newGuestSecret() : undefined;
  const order = newOrder(deps.orders, caller, input, orderId, at, guestSecret);
  if (!(await deps.orders.create(order))) throw new Error(`Order id ${order.id} is already taken`);
  await enqueueOrUndo(deps, order);
  return { order, guestSecret };
}

/**
 * One order per (caller, client token): reserve the token with a conditional write (the first
 * call wins the order id), then make sure the order under that id exists and is on its way.
 * A retry finds the reservation and finishes whatever the first call did not: writes the order if
 * it is missing, re-sends the message if the order still waits in QUEUED (the workflow execution
 * is named after the order id, so a second message never starts a second execution).
 */
async function placeOrderOnce(
  deps: PlaceOrderDependencies,
  caller: Caller,
  input: ValidOrderInput,
  clientToken: string,
  orderId: string,
  at: string,
): Promise<PlacedOrder> {
  // A guest retrying never saw the first answer, so the secret must come back: derived from the token.
  const guestSecret = caller.kind === "guest" ? guestSecretForClientToken(clientToken) : undefined;
  const attempt: CheckoutAttempt = {
    key: checkoutAttemptKey(caller, clientToken),
    placedOrderId: orderId,
    inputFingerprint: inputFingerprint(input),
    createdAt: at,
  };
  const reserved = await deps.orders.reserveCheckoutAttempt(attempt);
  const reservation = reserved ? attempt : await deps.orders.getCheckoutAttempt(attempt.key);
  if (!reservation) throw new TransientOrderError("The checkout attempt could not be read back; please retry.");
  // Stripe-style: a token reused for a different order is a client bug; answering with the first
  // order would tell the customer their new order was accepted when it was not.
  if (reservation.inputFingerprint !== attempt.inputFingerprint) throw new IdempotencyConflictError();
  const key = { orderId: reservation.placedOrderId };

  const stored = reserved ? undefined : await deps.orders.get(key);
  if (stored) {
    // The order may have moved on since (claimed into an account): the token no longer opens it.
    if (!mayAccessOrder(caller, "read", stored, guestSecret)) {
      throw new IdempotencyConflictError("This checkout attempt's order is no longer yours to see. Please start a new order.");
    }
    if (stored.orderStatus === OrderStatus.Queued) await deps.queue.enqueue(key);
    return { order: stored, guestSecret };
  }
  const order = newOrder(deps.orders, caller, input, reservation.placedOrderId, at, guestSecret);
  if (await deps.orders.create(order)) {
    await enqueueOrUndo(deps, order);
    return { order, guestSecret };
  }
  // A concurrent call with the same token wrote it a moment ago; it sends the message.
  const written = await deps.orders.get(key);
  if (!written) throw new TransientOrderError("The order is being placed by another request; please retry.");
  return { order: written, guestSecret };
}

function newOrder(orders: OrderRepository, caller: Caller, input: ValidOrderInput, id: string, at: string, guestSecret: string | undefined): Order {
  const owner = isSignedIn(caller)
    ? { customerId: caller.customerId, historyCustomerId: caller.customerId, ...(caller.email ? { accountEmail: caller.email } : {}) }
    : { guestSecretHash: hashGuestSecret(guestSecret!) };
  return {
    ...owner,
    id,
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
    ...orders.inFlightTracking(OrderStatus.Queued, at),
  };
}

/**
 * Sends the order's message; if the queue refuses, removes the order again (still QUEUED) and
 * fails. A checkout attempt's reservation stays: a retry with the token writes the order anew.
 * (One narrow window remains: a same-token call racing this undo may answer with the order just
 * before it is removed; its retry writes it again, and at worst the reconciler cancels it with a
 * reason after its deadline — never a second order or a second charge.)
 */
async function enqueueOrUndo(deps: PlaceOrderDependencies, order: Order): Promise<void> {
  try {
    await deps.queue.enqueue({ orderId: order.id });
  } catch (error) {
    await deps.orders.deleteIfStatus({ orderId: order.id }, OrderStatus.Queued);
    throw error;
  }
}

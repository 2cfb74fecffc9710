import { monotonicFactory } from "ulid";
import { type Caller, isSignedIn } from "../access/caller";
import { guestSecretForClientToken, hashGuestSecret, newGuestSecret } from "../access/guestSecret";
import { mayAccessOrder, mayPlaceOrder } from "../access/orderAccess";
import { IdempotencyConflictError, SignInRequiredError, TransientOrderError } from "../errors";
import { type Admission, admitOrder } from "../kitchen/admission";
import { CURRENCY } from "../menu/menu";
import { priceCart } from "../menu/pricing";
import { type CheckoutAttempt, checkoutAttemptKey, inputFingerprint } from "./checkoutAttempt";
import { ChangedBy, type Order } from "./order";
import type { OrderQueue } from "./orderQueue";
import type { OrderRepository } from "./orderRepository";
import { Fulfilment, OrderStatus, placeOrderInputSchemaFor, type ValidPlaceOrderInput } from "./rules";
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
  return placeValidOrder(deps, caller, validate(placeOrderInputSchemaFor(rawInput), rawInput));
}

/** placeOrder after validation (orderAgain builds its input from an earlier order). */
export async function placeValidOrder(deps: PlaceOrderDependencies, caller: Caller, input: ValidPlaceOrderInput): Promise<PlacedOrder> {
  const now = deps.now?.() ?? new Date();
  const at = now.toISOString();
  const orderId = deps.newId?.() ?? newOrderId();
  if (input.clientToken !== undefined) return placeOrderOnce(deps, caller, input, input.clientToken, orderId, now);
  // Closed or full: refused before anything is written.
  const admission = await admitOrder(deps.orders, input, now);
  const guestSecret = caller.kind === "guest" ? newGuestSecret() : undefined;
  const order = await newOrder(deps.orders, caller, input, orderId, at, guestSecret, admission);
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
  input: ValidPlaceOrderInput,
  clientToken: string,
  orderId: string,
  now: Date,
): Promise<PlacedOrder> {
  const at = now.toISOString();
  // A guest retrying never saw the first answer, so the secret must come back: derived from the token.
  const guestSecret = caller.kind === "guest" ? guestSecretForClientToken(clientToken) : undefined;
  const attempt: CheckoutAttempt = {
    key: checkoutAttemptKey(caller, clientToken),
    placedOrderId: orderId,
    inputFingerprint: inputFingerprint(input),
    createdAt: at,
  };
  // A retry of an order that was accepted is answered even if the restaurant has closed since; a
  // first attempt is refused while it is closed or full, before its reservation is written.
  const admission = (await deps.orders.getCheckoutAttempt(attempt.key)) ? undefined : await admitOrder(deps.orders, input, now);
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
  const order = await newOrder(deps.orders, caller, input, reservation.placedOrderId, at, guestSecret, admission ?? (await admitOrder(deps.orders, input, now)));
  if (await deps.orders.create(order)) {
    await enqueueOrUndo(deps, order);
    return { order, guestSecret };
  }
  // A concurrent call with the same token wrote it a moment ago; it sends the message.
  const written = await deps.orders.get(key);
  if (!written) throw new TransientOrderError("The order is being placed by another request; please retry.");
  return { order: written, guestSecret };
}

/** The order as placed: priced from the menu, numbered for its restaurant's day, with the ETA its kitchen quotes. */
async function newOrder(
  orders: OrderRepository,
  caller: Caller,
  input: ValidPlaceOrderInput,
  id: string,
  at: string,
  guestSecret: string | undefined,
  admission: Admission,
): Promise<Order> {
  const owner = isSignedIn(caller)
    ? { customerId: caller.customerId, historyCustomerId: caller.customerId }
    : { guestSecretHash: hashGuestSecret(guestSecret!) };
  const priced = priceCart({ lines: input.lines, delivery: input.fulfilment === Fulfilment.Delivery });
  const [first] = priced.lines;
  return {
    ...owner,
    id,
    // The original tutorial's one-pizza view: the first line, and all the pizzas.
    name: first!.pizza,
    quantity: priced.lines.reduce((sum, line) => sum + line.quantity, 0),
    restaurantId: input.restaurantId,
    size: first!.size,
    toppings: first!.toppings,
    lines: priced.lines,
    fulfilment: input.fulfilment,
    ...(input.deliveryAddress ? { deliveryAddress: input.deliveryAddress } : {}),
    subtotalCents: priced.subtotalCents,
    deliveryFeeCents: priced.deliveryFeeCents,
    orderNumber: await orders.restaurants.issueOrderNumber(input.restaurantId, admission.localDate),
    eta: admission.eta,
    customerEmail: input.customerEmail,
    paymentToken: input.paymentToken,
    orderStatus: OrderStatus.Queued,
    totalCents: priced.totalCents,
    currency: CURRENCY,
    createdAt: at,
    updatedAt: at,
    statusHistory: [{ status: OrderStatus.Queued, at, by: ChangedBy.Customer }],
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

// The kitchen's side of an order, for the staff of its restaurant: its screen (active orders by
// stage), moving an order to its next stage, and cancelling a paid order with its refund. Every
// change is a transition of rules.ts made with one conditional write from the exact status the
// decision was made on, recorded in the status history with who made it and why; the ETA is
// re-quoted at each stage from the restaurant's capacity.
import { z } from "zod";
import type { Caller } from "../access/caller";
import { mayRunKitchen, requireOrderAccess } from "../access/orderAccess";
import { OrderNotModifiableError, TransientOrderError } from "../errors";
import { ChangedBy, type Order, type OrderKey } from "../order/order";
import type { OrderRepository } from "../order/orderRepository";
import { Fulfilment, KITCHEN_ACTIVE_STATUSES, nextKitchenStage, ORDER_LIMITS, OrderIdSchema, OrderStatus } from "../order/rules";
import { validate } from "../order/validation";
import { type RefundProvider, simulateRefund } from "../payment/paymentSimulator";
import { etaOnEntering } from "./etaOnEntering";

export interface KitchenDependencies {
  orders: OrderRepository;
  /** The processor's refund (the simulated one unless a test records calls). */
  refund?: RefundProvider;
  now?: () => Date;
}

const STATUS_VALUES = Object.values(OrderStatus) as [OrderStatus, ...OrderStatus[]];
const stage = z.enum(STATUS_VALUES, { errorMap: () => ({ message: "Stage must be an order status" }) });

export const KitchenOrdersInputSchema = z.object({
  restaurantId: z.string({ required_error: "Restaurant is required" }).min(1, "Restaurant is required").max(ORDER_LIMITS.maxRestaurantIdLength),
  stages: z.array(stage).max(STATUS_VALUES.length).nullish(),
});

export const AdvanceOrderInputSchema = z.object({ id: OrderIdSchema, to: stage });

export const ShopCancelInputSchema = z.object({
  id: OrderIdSchema,
  reason: z
    .string({ required_error: "A reason is required", invalid_type_error: "The reason must be text" })
    .trim()
    .min(1, "Say why the order is cancelled: the customer reads it")
    .max(ORDER_LIMITS.maxReasonLength, `The reason must be at most ${ORDER_LIMITS.maxReasonLength} characters`),
});

/** Who the history names for a person's change: their user id. */
function staffId(caller: Caller): string {
  return caller.kind === "staff" || caller.kind === "customer" ? caller.customerId : caller.kind;
}

/**
 * The restaurant's active orders (and those cancelled by it awaiting their refund), oldest first,
 * optionally only some stages: one Query on the kitchen index. Anyone but its staff gets [] — the
 * answer for a restaurant with no orders, so nothing is learned.
 */
export async function listKitchenOrders(orders: OrderRepository, caller: Caller, rawInput: unknown): Promise<Order[]> {
  const input = validate(KitchenOrdersInputSchema, rawInput);
  if (!mayRunKitchen(caller, input.restaurantId)) return [];
  const active = await orders.listKitchen(input.restaurantId);
  return input.stages ? active.filter((order) => input.stages!.includes(order.orderStatus)) : active;
}

const owesNotification = (order: Order) => order.notificationDue === true && order.notificationSentAt === undefined;

/**
 * Moves the order to its next kitchen stage `to`. Asking for the stage it is already in answers it
 * unchanged (a retried tap); any other move is refused with the stage it may go to next.
 */
export async function advanceOrder(deps: KitchenDependencies, caller: Caller, rawInput: unknown): Promise<Order> {
  const { id, to } = validate(AdvanceOrderInputSchema, rawInput);
  const key = { orderId: id };
  const now = deps.now?.() ?? new Date();
  const current = requireOrderAccess(caller, "kitchen", id, await deps.orders.get(key));
  if (current.orderStatus === to) return current;
  const next = nextKitchenStage(current.fulfilment ?? Fulfilment.Pickup, current.orderStatus);
  if (to !== next) {
    throw new OrderNotModifiableError(
      next
        ? `Order ${current.orderNumber ?? id} is ${current.orderStatus}; its next stage is ${next}, not ${to}`
        : `Order ${current.orderNumber ?? id} is ${current.orderStatus}; the kitchen cannot move it any more`,
    );
  }
  const moved = await deps.orders.transition(key, to, now.toISOString(), {
    from: current.orderStatus,
    by: staffId(caller),
    eta: await etaOnEntering(deps.orders, current, to, now),
    notificationStillDue: owesNotification(current),
  });
  if (moved) return moved;
  // Someone else moved it meanwhile: the same move is a success, any other a refusal.
  const latest = requireOrderAccess(caller, "kitchen", id, await deps.orders.get(key));
  if (latest.orderStatus === to) return latest;
  throw new OrderNotModifiableError(`Order ${latest.orderNumber ?? id} changed meanwhile: it is ${latest.orderStatus} now`);
}

/** What the customer reads on an order the restaurant cancelled. */
export function shopCancellationReason(reason: string): string {
  return `Cancelled by the restaurant: ${reason}. Your payment is refunded in full.`;
}

/**
 * The shop cancels a paid order that has not been completed: CANCELLED_BY_SHOP with the reason,
 * then the refund (refundOrder). Cancelling an order already cancelled by the shop finishes its
 * refund and answers it: a retried or racing cancel refunds once.
 */
export async function cancelOrderByShop(deps: KitchenDependencies, caller: Caller, rawInput: unknown): Promise<Order> {
  const { id, reason } = validate(ShopCancelInputSchema, rawInput);
  const key = { orderId: id };
  const current = requireOrderAccess(caller, "kitchen", id, await deps.orders.get(key));
  return shopCancel(deps, current, staffId(caller), reason);
}

/** The shop's cancellation by `by` (a staff member), then the refund; racing or retried calls refund once. */
export async function shopCancel(deps: KitchenDependencies, current: Order, by: string, reason: string): Promise<Order> {
  const key = { orderId: current.id };
  if (current.orderStatus === OrderStatus.CancelledByShop || current.orderStatus === OrderStatus.Refunded) return refundOrder(deps, key, by);
  if (!KITCHEN_ACTIVE_STATUSES.includes(current.orderStatus)) {
    throw new OrderNotModifiableError(
      current.orderStatus === OrderStatus.Completed
        ? `Order ${current.orderNumber ?? current.id} is completed; it can no longer be cancelled`
        : `Order ${current.orderNumber ?? current.id} is ${current.orderStatus}: the kitchen cancels only paid orders it has (the customer cancels before payment)`,
    );
  }
  if (!(await cancelPaidOrder(deps, current, by, reason))) {
    const latest = await deps.orders.get(key);
    if (latest?.orderStatus !== OrderStatus.CancelledByShop && latest?.orderStatus !== OrderStatus.Refunded) {
      throw new OrderNotModifiableError(`Order ${current.orderNumber ?? current.id} changed meanwhile: it is ${latest?.orderStatus} now; look again`);
    }
  }
  return refundOrder(deps, key, by);
}

/**
 * The write CANCELLED_BY_SHOP from the stage the order was read in (and, for the reconciler, only
 * while its deadline is past): the order after it, or undefined when someone else changed it first.
 */
export async function cancelPaidOrder(
  deps: KitchenDependencies,
  current: Order,
  by: string,
  reason: string,
  options: { onlyIfOverdueAt?: string } = {},
): Promise<Order | undefined> {
  const now = deps.now?.() ?? new Date();
  return deps.orders.transition({ orderId: current.id }, OrderStatus.CancelledByShop, now.toISOString(), {
    from: current.orderStatus,
    by,
    reason,
    failureReason: shopCancellationReason(reason),
    require: "paymentSucceeded",
    notificationStillDue: owesNotification(current),
    onlyIfOverdueAt: options.onlyIfOverdueAt,
  });
}

/**
 * Refunds a paid order the shop cancelled, exactly once: the processor is asked with the order id
 * as idempotency key (a repeated call is the same refund), and the refund is recorded by the one
 * write CANCELLED_BY_SHOP → REFUNDED, which requires none recorded — so retries, racing cancels
 * and the reconciler all end with one refund in the order's history. Already refunded: the order.
 */
export async function refundOrder(deps: KitchenDependencies, key: OrderKey, by: string): Promise<Order> {
  const order = await deps.orders.get(key);
  if (!order) throw new TransientOrderError(`Order ${key.orderId} disappeared while it was being refunded`);
  if (order.orderStatus === OrderStatus.Refunded) return order;
  const refunded = await recordRefund(deps, order, by);
  if (refunded) return refunded;
  const latest = await deps.orders.get(key);
  if (latest?.orderStatus === OrderStatus.Refunded) return latest;
  throw new TransientOrderError(`Order ${key.orderId} changed while it was being refunded`);
}

/** Asks the processor for the refund and records it: the order after, or undefined when another caller recorded it first. */
export async function recordRefund(deps: KitchenDependencies, order: Order, by: string): Promise<Order | undefined> {
  if (order.orderStatus !== OrderStatus.CancelledByShop || order.payment?.outcome !== "SUCCEEDED") {
    throw new OrderNotModifiableError(`Order ${order.orderNumber ?? order.id} is ${order.orderStatus}: there is no payment to refund`);
  }
  const now = deps.now?.() ?? new Date();
  const refund = await (deps.refund ?? simulateRefund)({ orderId: order.id, amountCents: order.payment.amountCents, chargeReference: order.payment.reference });
  return deps.orders.transition({ orderId: order.id }, OrderStatus.Refunded, now.toISOString(), {
    from: OrderStatus.CancelledByShop,
    by,
    reason: `Refunded ${(order.payment.amountCents / 100).toFixed(2)} ${order.currency}`,
    refund: { amountCents: order.payment.amountCents, reference: refund.reference, at: now.toISOString() },
    notificationStillDue: owesNotification(order),
  });
}

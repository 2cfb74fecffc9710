// The order workflow's task steps. Each is safe to run more than once (Step Functions retries a
// task that timed out even if it had done its work): it re-reads the order and treats "already
// done" as success, and it throws OrderClosedError when the order was closed first (cancelled by
// its customer, or finished by the deadline reconciler).
import { NotificationInProgressError, OrderClosedError, OrderNotFoundError, TransientOrderError } from "../errors";
import type { OrderNotifier } from "../notification/orderNotifier";
import { finishOrder, type FinishCause, type WorkflowError } from "../order/finishOrder";
import { ChangedBy, type Order, type OrderKey, type PaymentRecord } from "../order/order";
import type { OrderRepository } from "../order/orderRepository";
import { OrderStatus } from "../order/rules";
import { simulateCharge, type PaymentSimulatorOptions } from "../payment/paymentSimulator";

export type { WorkflowError };

export interface WorkflowState extends OrderKey {
  payment?: { outcome: PaymentRecord["outcome"]; declineReason?: string };
  /** What the workflow's Choice branches on: the core reads the payment record, the ASL names no outcome. */
  paymentSucceeded?: boolean;
  orderStatus?: string;
  /** Set by a Catch (ResultPath $.error). */
  error?: WorkflowError;
}

export interface TaskDependencies {
  orders: OrderRepository;
  now?: () => Date;
}

const stamp = (deps: TaskDependencies) => (deps.now?.() ?? new Date()).toISOString();

async function mustGet(orders: OrderRepository, key: OrderKey): Promise<Order> {
  const order = await orders.get(key);
  if (!order) throw new OrderNotFoundError(key.orderId);
  return order;
}

function closed(order: Order): OrderClosedError {
  return new OrderClosedError(`Order ${order.id} is already ${order.orderStatus}`);
}

function keyOf(state: OrderKey): OrderKey {
  return { orderId: state.orderId };
}

/** QUEUED → PENDING_PAYMENT. */
export async function initializeOrder(deps: TaskDependencies, state: WorkflowState): Promise<WorkflowState> {
  const key = keyOf(state);
  const moved = await deps.orders.transition(key, OrderStatus.PendingPayment, stamp(deps), { by: ChangedBy.System });
  if (moved) return { ...key, orderStatus: moved.orderStatus };
  const order = await mustGet(deps.orders, key);
  if (order.orderStatus === OrderStatus.PendingPayment) return { ...key, orderStatus: order.orderStatus };
  throw closed(order);
}

/** Takes the payment once per order and records the outcome on the order. */
export async function processPayment(
  deps: TaskDependencies & { payment: PaymentSimulatorOptions },
  state: WorkflowState,
): Promise<WorkflowState> {
  const key = keyOf(state);
  const order = await mustGet(deps.orders, key);
  if (order.payment) return paidState(key, order.payment);
  if (order.orderStatus !== OrderStatus.PendingPayment) throw closed(order);

  // The processor's idempotency key: the order, or for another card the order's attempt.
  const chargeKey = order.paymentAttempt && order.paymentAttempt > 1 ? `${order.id}-${order.paymentAttempt}` : order.id;
  const charge = simulateCharge({ orderId: chargeKey, amountCents: order.totalCents, token: order.paymentToken }, deps.payment);
  const record: PaymentRecord = {
    outcome: charge.outcome,
    amountCents: order.totalCents,
    reference: charge.reference,
    ...(charge.outcome === "DECLINED" ? { declineReason: charge.declineReason } : {}),
    at: stamp(deps),
  };
  const paid = await deps.orders.recordPayment(key, record, order.version);
  if (paid?.payment) return paidState(key, paid.payment);

  const latest = await mustGet(deps.orders, key);
  if (latest.payment) return paidState(key, latest.payment);
  if (latest.orderStatus !== OrderStatus.PendingPayment) throw closed(latest);
  // The customer changed the order while we priced it: retrying charges the new total.
  throw new TransientOrderError(`Order ${order.id} changed while the payment was prepared`);
}

function paymentSummary(payment: PaymentRecord): NonNullable<WorkflowState["payment"]> {
  return payment.declineReason ? { outcome: payment.outcome, declineReason: payment.declineReason } : { outcome: payment.outcome };
}

function paidState(key: OrderKey, payment: PaymentRecord): WorkflowState {
  return { ...key, payment: paymentSummary(payment), paymentSucceeded: payment.outcome === "SUCCEEDED" };
}

/**
 * Ends the order once the workflow is past its payment step (or has given up) and delivers the
 * customer's notification: the core decides the end from the payment record (finishOrder.ts), so
 * a paid order always completes, whichever step failed. A publish that keeps failing throws, so
 * the workflow retries it with backoff; a notification another sender holds a live claim on
 * throws NotificationInProgressError, retried after the claim's lease.
 */
async function finishingStep(deps: TaskDependencies & { notifier: OrderNotifier }, state: WorkflowState): Promise<WorkflowState> {
  const key = keyOf(state);
  const cause: FinishCause = state.error ? { kind: "workflowError", error: state.error } : { kind: "paymentDecided" };
  const { order, notification } = await finishOrder(deps, key, cause);
  if (notification === "claimedElsewhere") throw new NotificationInProgressError(`The notification of order ${key.orderId} is being sent elsewhere`);
  return { ...key, orderStatus: order.orderStatus, ...(state.error ? { error: state.error } : {}) };
}

/** A paid order → RECEIVED (its restaurant's kitchen has it), then one notification. The state keeps its name: it completes the payment path. */
export const completeOrder = finishingStep;

/**
 * An order that cannot complete: a declined payment → PAYMENT_FAILED with the decline reason;
 * an error caught by the workflow → CANCELLED with a reason, unless a successful payment is
 * recorded (then RECEIVED: to the kitchen). Then one notification.
 */
export const cancelFailedOrder = finishingStep;

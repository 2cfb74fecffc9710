// The order workflow's task steps. Each is safe to run more than once (Step Functions retries a
// task that timed out even if it had done its work): it re-reads the order and treats "already
// done" as success, and it throws OrderClosedError when the customer closed the order first.
import { OrderClosedError, OrderNotFoundError, TransientOrderError } from "../errors";
import type { OrderNotifier } from "../notification/orderNotifier";
import type { Order, OrderKey, PaymentRecord } from "../order/order";
import type { OrderRepository } from "../order/orderRepository";
import { isTerminal, OrderStatus } from "../order/rules";
import { simulateCharge, type PaymentSimulatorOptions } from "../payment/paymentSimulator";

export interface WorkflowError {
  Error: string;
  Cause?: string;
}

export interface WorkflowState extends OrderKey {
  payment?: { outcome: PaymentRecord["outcome"]; declineReason?: string };
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
  const moved = await deps.orders.transition(key, OrderStatus.PendingPayment, stamp(deps));
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
  if (order.payment) return { ...key, payment: paymentSummary(order.payment) };
  if (order.orderStatus !== OrderStatus.PendingPayment) throw closed(order);

  const charge = simulateCharge({ orderId: order.id, amountCents: order.totalCents, token: order.paymentToken }, deps.payment);
  const record: PaymentRecord = {
    outcome: charge.outcome,
    amountCents: order.totalCents,
    reference: charge.reference,
    ...(charge.outcome === "DECLINED" ? { declineReason: charge.declineReason } : {}),
    at: stamp(deps),
  };
  const paid = await deps.orders.recordPayment(key, record, order.version);
  if (paid?.payment) return { ...key, payment: paymentSummary(paid.payment) };

  const latest = await mustGet(deps.orders, key);
  if (latest.payment) return { ...key, payment: paymentSummary(latest.payment) };
  if (latest.orderStatus !== OrderStatus.PendingPayment) throw closed(latest);
  // The customer changed the order while we priced it: retrying charges the new total.
  throw new TransientOrderError(`Order ${order.id} changed while the payment was prepared`);
}

function paymentSummary(payment: PaymentRecord): NonNullable<WorkflowState["payment"]> {
  return payment.declineReason ? { outcome: payment.outcome, declineReason: payment.declineReason } : { outcome: payment.outcome };
}

/** PENDING_PAYMENT (paid) → COMPLETED, then one notification. */
export async function completeOrder(deps: TaskDependencies & { notifier: OrderNotifier }, state: WorkflowState): Promise<WorkflowState> {
  const key = keyOf(state);
  const at = stamp(deps);
  let order = await deps.orders.transition(key, OrderStatus.Completed, at, { require: "paymentSucceeded", claimNotification: true });
  const claimed = order !== undefined;
  if (!order) {
    order = await mustGet(deps.orders, key);
    if (order.orderStatus !== OrderStatus.Completed) {
      if (isTerminal(order.orderStatus)) throw closed(order);
      throw new Error(`Order ${order.id} cannot be completed: no successful payment is recorded`);
    }
  }
  await deps.notifier.notifyOnce(order, at, { claimed });
  return { ...key, orderStatus: order.orderStatus };
}

/** Human-readable reasons for the errors a Catch can hand to CancelFailedOrder. */
export function failureReasonFor(error: WorkflowError | undefined): string {
  switch (error?.Error) {
    case "PaymentProviderUnavailableError":
      return "The payment provider did not respond, so the order was cancelled. You have not been charged.";
    case "States.Timeout":
      return "Processing the order took too long, so it was cancelled. You have not been charged.";
    default:
      return `Processing the order failed (${error?.Error ?? "unknown error"}), so it was cancelled. Any payment taken will be refunded.`;
  }
}

/**
 * Ends an order that cannot complete: a declined payment → PAYMENT_FAILED with the decline
 * reason; any error caught by the workflow → CANCELLED with a reason. Then one notification.
 */
export async function cancelFailedOrder(deps: TaskDependencies & { notifier: OrderNotifier }, state: WorkflowState): Promise<WorkflowState> {
  const key = keyOf(state);
  const at = stamp(deps);
  const declined = !state.error && state.payment?.outcome === "DECLINED";
  const target = declined ? OrderStatus.PaymentFailed : OrderStatus.Cancelled;
  const reason = declined ? (state.payment?.declineReason ?? "The payment was declined.") : failureReasonFor(state.error);

  let order = await deps.orders.transition(key, target, at, { failureReason: reason, claimNotification: true });
  const claimed = order !== undefined;
  if (!order) {
    order = await mustGet(deps.orders, key);
    if (order.orderStatus !== target) throw closed(order);
  }
  await deps.notifier.notifyOnce(order, at, { claimed });
  return { ...key, orderStatus: order.orderStatus, ...(state.error ? { error: state.error } : {}) };
}

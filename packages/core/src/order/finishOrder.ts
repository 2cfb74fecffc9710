// How the payment path ends, decided in one place for the workflow's last steps and the deadline
// reconciler alike: by what the payment record says, never by who is asking.
//   - a successful payment is recorded → RECEIVED: the order goes to its restaurant's kitchen (a
//     paid order is never cancelled or relabelled here; only the shop cancels it, refunding),
//   - a declined payment is recorded   → PAYMENT_FAILED with the decline reason,
//   - no payment is recorded           → CANCELLED with a reason the customer can read; no
//     payment was taken (the payment step records a charge in the same write that takes it).
// Each end is one conditional write (the payment requirement is part of the condition), and it
// makes the customer's notification due and claims it, so the notification follows exactly once.
import type { OrderNotifier, DeliveryOutcome } from "../notification/orderNotifier";
import { newNotificationClaim } from "../notification/orderNotifier";
import { errorNameOf, OrderNotFoundError, PaymentProviderUnavailableError, TransientOrderError } from "../errors";
import { LAMBDA_FUNCTION_TIMEOUT, STATES_TIMEOUT } from "../workflow/workflowErrorNames";
import type { Order, OrderKey } from "./order";
import type { OrderRepository, PaymentRequirement } from "./orderRepository";
import { etaOnEntering } from "../kitchen/etaOnEntering";
import { ChangedBy } from "./order";
import { isPastPaymentPath, OrderStatus } from "./rules";

export interface WorkflowError {
  Error: string;
  Cause?: string;
}

/** Why the order is being ended. */
export type FinishCause =
  /** The workflow reached its last step normally (the payment outcome decides). */
  | { kind: "paymentDecided" }
  /** A workflow step failed for good (caught by the workflow). */
  | { kind: "workflowError"; error: WorkflowError }
  /** The order passed its deadline in `status` (deadline reconciler). */
  | { kind: "overdue"; status: OrderStatus };

export const DEFAULT_DECLINE_REASON = "The payment was declined.";

const PAYMENT_PROVIDER_UNAVAILABLE = errorNameOf(PaymentProviderUnavailableError);

/** Reasons for a cancellation, for the customer: what happened, and that nothing was charged. */
export function cancellationReasonFor(cause: FinishCause): string {
  if (cause.kind === "overdue") {
    return cause.status === OrderStatus.Queued
      ? "We could not start preparing the order in time, so it was cancelled. You have not been charged."
      : "Taking the payment did not finish in time, so the order was cancelled. You have not been charged.";
  }
  const error = cause.kind === "workflowError" ? cause.error.Error : undefined;
  if (error === PAYMENT_PROVIDER_UNAVAILABLE) return "The payment provider did not respond, so the order was cancelled. You have not been charged.";
  if (error === STATES_TIMEOUT || error === LAMBDA_FUNCTION_TIMEOUT)
    return "Processing the order took too long, so it was cancelled. You have not been charged.";
  return `Processing the order failed (${error ?? "no payment was taken"}), so it was cancelled. You have not been charged.`;
}

export interface FinalOutcome {
  to: OrderStatus;
  require: PaymentRequirement;
  failureReason?: string;
}

/** The end an unfinished order gets, from its payment record. */
export function finalOutcomeOf(order: Pick<Order, "payment">, cause: FinishCause): FinalOutcome {
  if (order.payment?.outcome === "SUCCEEDED") return { to: OrderStatus.Received, require: "paymentSucceeded" };
  if (order.payment?.outcome === "DECLINED") {
    return { to: OrderStatus.PaymentFailed, require: "paymentDeclined", failureReason: order.payment.declineReason ?? DEFAULT_DECLINE_REASON };
  }
  return { to: OrderStatus.Cancelled, require: "noPayment", failureReason: cancellationReasonFor(cause) };
}

export interface FinishDependencies {
  orders: OrderRepository;
  notifier: OrderNotifier;
  now?: () => Date;
}

export interface FinishResult {
  order: Order;
  /** This call ended the order (false: it had ended before). */
  ended: boolean;
  notification: DeliveryOutcome;
}

/**
 * Ends the order per finalOutcomeOf and delivers its notification; an order that had ended
 * already only gets its due notification delivered. `onlyIfOverdueAt`: end it only if its
 * deadline is still past at that time (nobody moved it on meanwhile).
 */
export async function finishOrder(
  deps: FinishDependencies,
  key: OrderKey,
  cause: FinishCause,
  options: { onlyIfOverdueAt?: string } = {},
): Promise<FinishResult> {
  const now = deps.now?.() ?? new Date();
  const current = await deps.orders.get(key);
  if (!current) throw new OrderNotFoundError(key.orderId);
  if (isPastPaymentPath(current.orderStatus)) return { order: current, ended: false, notification: await deps.notifier.deliver(key, now) };

  const outcome = finalOutcomeOf(current, cause);
  const claim = newNotificationClaim(now);
  const ended = await deps.orders.transition(key, outcome.to, now.toISOString(), {
    require: outcome.require,
    failureReason: outcome.failureReason,
    claimNotification: claim,
    onlyIfOverdueAt: options.onlyIfOverdueAt,
    by: cause.kind === "overdue" ? ChangedBy.Reconciler : ChangedBy.System,
    eta: outcome.to === OrderStatus.Received ? await etaOnEntering(deps.orders, current, OrderStatus.Received, now) : undefined,
  });
  if (ended) return { order: ended, ended: true, notification: await deps.notifier.deliver(key, now, { order: ended, claim }) };

  const latest = await deps.orders.get(key);
  if (!latest) throw new OrderNotFoundError(key.orderId);
  if (isPastPaymentPath(latest.orderStatus)) return { order: latest, ended: false, notification: await deps.notifier.deliver(key, now) };
  // The payment was recorded, or the workflow moved the order on, between the read and the write.
  throw new TransientOrderError(`Order ${key.orderId} changed while it was being finished`);
}

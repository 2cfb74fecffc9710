// The deadline reconciler: finishes every order whose deadline has passed, wherever it stopped —
// a lost queue message or failed workflow start (QUEUED), a stopped or failed execution before or
// after the payment (PENDING_PAYMENT), a finishing step that kept failing, or a notification that
// was claimed but never recorded as sent. It ends orders exactly as the workflow's last step does
// (finishOrder.ts: paid → completed, declined → payment failed, unpaid → cancelled with a reason)
// and sends the one notification through the same claim.
//
// Safe to run twice at once and against the workflow: every end is a conditional write that also
// requires the deadline to be still past (any progress by the workflow sets a later one), and the
// notification claim lets one sender at a time publish.
import { OrderNotModifiableError, TransientOrderError } from "../errors";
import { cancelPaidOrder, recordRefund } from "../kitchen/kitchenStages";
import { finishOrder, type FinishDependencies } from "../order/finishOrder";
import { ChangedBy, type Order } from "../order/order";
import { isPastPaymentPath, isTerminal, OrderStatus, TERMINAL_STATUSES } from "../order/rules";
import type { RefundProvider } from "../payment/paymentSimulator";

export type ReconcileAction =
  /** The order was ended (to the status given) and notified. */
  | "ended"
  /** The order had ended; its due notification went out now. */
  | "notified"
  /** Ended order with nothing owed, taken out of the index. */
  | "untracked"
  /** Someone else is at it (the workflow moved on, or another sender holds the notification). */
  | "skipped";

export interface ReconciledOrder {
  orderId: string;
  action: ReconcileAction;
  /** The status the order was found in, and the one it has now. */
  from: OrderStatus;
  to: OrderStatus;
  reason?: string;
}

export interface ReconcileReport {
  /** The time deadlines were compared with. */
  at: string;
  examined: number;
  orders: ReconciledOrder[];
  /** Orders that could not be handled this run (they stay overdue and are tried next run). */
  failures: Array<{ orderId: string; error: string }>;
}

/** The overdue orders come from the repository's in-flight index (OrderRepository.listOverdue). */
export type ReconcileDependencies = FinishDependencies & { refund?: RefundProvider };

/** What the shop does when the kitchen lets a stage's deadline pass, and what the customer reads. */
export const KITCHEN_DEADLINE_REASONS = {
  notAccepted: "The restaurant did not accept the order in time",
  notFinished: "The kitchen did not finish the order in time",
  notCollected: "Ready but not collected in time; closed by the shop",
  deliveryUnconfirmed: "The delivery was not confirmed in time; closed by the shop",
} as const;

export const RECONCILE_PAGE_SIZE = 25;

/**
 * One reconciler run: pages through the overdue orders until none is left or `shouldStop` says
 * the run is out of time (the rest wait for the next run).
 */
export async function reconcileOverdueOrders(deps: ReconcileDependencies, options: { shouldStop?: () => boolean } = {}): Promise<ReconcileReport> {
  const at = (deps.now?.() ?? new Date()).toISOString();
  const report: ReconcileReport = { at, examined: 0, orders: [], failures: [] };
  let startAt: Record<string, unknown> | undefined;
  do {
    const page = await deps.orders.listOverdue(at, RECONCILE_PAGE_SIZE, startAt);
    for (const key of page.keys) {
      if (options.shouldStop?.()) return report;
      report.examined++;
      try {
        const handled = await reconcileOne(deps, key, at);
        if (handled) report.orders.push(handled);
      } catch (error) {
        report.failures.push({ orderId: key.orderId, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
      }
    }
    startAt = page.next;
  } while (startAt && !options.shouldStop?.());
  return report;
}

async function reconcileOne(deps: ReconcileDependencies, key: { orderId: string }, at: string): Promise<ReconciledOrder | undefined> {
  const order = await deps.orders.get(key);
  // Gone (deleted) or no longer overdue (the index lags, or the workflow moved it on): nothing to do.
  if (!order || !order.deadlineAt || order.deadlineAt > at) return undefined;
  const from = order.orderStatus;

  if (isTerminal(from) && !order.notificationDue) {
    await deps.orders.stopTracking(key, TERMINAL_STATUSES);
    return { orderId: order.id, action: "untracked", from, to: from };
  }
  if (isPastPaymentPath(from) && !isTerminal(from)) return reconcileKitchenStage(deps, order, at);
  try {
    const finished = await finishOrder(deps, key, { kind: "overdue", status: from }, { onlyIfOverdueAt: at });
    const to = finished.order.orderStatus;
    if (finished.notification === "claimedElsewhere") return { orderId: order.id, action: "skipped", from, to };
    if (finished.ended) return { orderId: order.id, action: "ended", from, to, reason: finished.order.failureReason };
    return { orderId: order.id, action: finished.notification === "sent" ? "notified" : "skipped", from, to };
  } catch (error) {
    // The order moved on between the read and the conditional write: the workflow has it.
    if (error instanceof TransientOrderError) return { orderId: order.id, action: "skipped", from, to: from };
    throw error;
  }
}

/**
 * An order its kitchen let wait past its stage's deadline (deadlines.ts): a notification still
 * owed goes out first; then, not accepted or not finished → the shop cancels and refunds (the
 * customer's money is safe); ready and never collected, or a delivery never confirmed → completed
 * with the reason; cancelled by the shop and not yet refunded (a crash between the two) → refunded.
 * Every write is conditional on the stage and on the deadline still being past.
 */
async function reconcileKitchenStage(deps: ReconcileDependencies, found: Order, at: string): Promise<ReconciledOrder> {
  const key = { orderId: found.id };
  const from = found.orderStatus;
  let order = found;
  if (order.notificationDue && !order.notificationSentAt) {
    const outcome = await deps.notifier.deliver(key, deps.now?.() ?? new Date(at));
    if (outcome === "claimedElsewhere") return { orderId: order.id, action: "skipped", from, to: from };
    const latest = await deps.orders.get(key);
    if (!latest || latest.orderStatus !== from) return { orderId: order.id, action: "skipped", from, to: latest?.orderStatus ?? from };
    order = latest;
  }
  try {
    const ended = await endKitchenStage(deps, order, at);
    if (!ended) return { orderId: order.id, action: "skipped", from, to: from };
    return { orderId: order.id, action: "ended", from, to: ended.orderStatus, reason: ended.failureReason ?? ended.statusHistory.at(-1)?.reason };
  } catch (error) {
    // The kitchen moved the order on between the read and the write: its new stage has its own deadline.
    if (error instanceof OrderNotModifiableError || error instanceof TransientOrderError) return { orderId: order.id, action: "skipped", from, to: from };
    throw error;
  }
}

async function endKitchenStage(deps: ReconcileDependencies, order: Order, at: string): Promise<Order | undefined> {
  switch (order.orderStatus) {
    case OrderStatus.Received:
    case OrderStatus.Preparing:
    case OrderStatus.Baking: {
      const reason = order.orderStatus === OrderStatus.Received ? KITCHEN_DEADLINE_REASONS.notAccepted : KITCHEN_DEADLINE_REASONS.notFinished;
      const cancelled = await cancelPaidOrder(deps, order, ChangedBy.Reconciler, reason, { onlyIfOverdueAt: at });
      // Cancelled by this run: refund it now (a racing refund is the same one, recorded once).
      return cancelled && ((await recordRefund(deps, cancelled, ChangedBy.Reconciler)) ?? (await deps.orders.get({ orderId: order.id })));
    }
    case OrderStatus.Ready:
    case OrderStatus.OutForDelivery:
      return deps.orders.transition({ orderId: order.id }, OrderStatus.Completed, at, {
        from: order.orderStatus,
        by: ChangedBy.Reconciler,
        reason: order.orderStatus === OrderStatus.Ready ? KITCHEN_DEADLINE_REASONS.notCollected : KITCHEN_DEADLINE_REASONS.deliveryUnconfirmed,
        onlyIfOverdueAt: at,
      });
    case OrderStatus.CancelledByShop:
      return recordRefund(deps, order, ChangedBy.Reconciler);
    default:
      return undefined;
  }
}

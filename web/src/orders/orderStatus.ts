import { isTerminal, OrderStatus as Status } from "@pizza-orders/core/order/rules";
import type { OrderFieldsFragment, OrderStatus } from "../gql/graphql";

export const STATUS_LABELS: Record<OrderStatus, string> = {
  [Status.Queued]: "Queued",
  [Status.PendingPayment]: "Awaiting payment",
  [Status.Received]: "Received by the kitchen",
  [Status.Preparing]: "Preparing",
  [Status.Baking]: "Baking",
  [Status.Ready]: "Ready",
  [Status.OutForDelivery]: "Out for delivery",
  [Status.Completed]: "Completed",
  [Status.PaymentFailed]: "Payment failed",
  [Status.Cancelled]: "Cancelled",
  [Status.CancelledByShop]: "Cancelled by the restaurant",
  [Status.Refunded]: "Refunded",
};

interface TimelineStep {
  status: OrderStatus;
  label: string;
  /** When the order reached this step; undefined while it has not. */
  at?: string;
  state: "done" | "current" | "upcoming";
}

/**
 * The steps an order walks through: queued → awaiting payment → one outcome. Until the order ends,
 * the outcome shown is the hoped-for one (completed); afterwards it is the real one.
 */
export function timelineOf(status: OrderStatus, history: OrderFieldsFragment["statusHistory"]): TimelineStep[] {
  const reachedAt = new Map(history.map((change) => [change.status, change.at]));
  const outcome: OrderStatus = isTerminal(status) ? status : Status.Completed;
  const path: OrderStatus[] = [Status.Queued, Status.PendingPayment, outcome];
  // A cancellation can happen before the payment step; then that step was skipped, not reached.
  const steps = path.filter((step) => step !== Status.PendingPayment || reachedAt.has(step) || !isTerminal(status));
  return steps.map((step) => ({
    status: step,
    label: STATUS_LABELS[step],
    at: reachedAt.get(step),
    state: step === status ? (isTerminal(step) ? "done" : "current") : reachedAt.has(step) ? "done" : "upcoming",
  }));
}

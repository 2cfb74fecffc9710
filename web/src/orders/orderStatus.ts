import { isTerminal } from "@pizza-orders/core/order/rules";
import type { OrderFieldsFragment, OrderStatus } from "../gql/graphql";

export const STATUS_LABELS: Record<OrderStatus, string> = {
  QUEUED: "Queued",
  PENDING_PAYMENT: "Awaiting payment",
  COMPLETED: "Completed",
  PAYMENT_FAILED: "Payment failed",
  CANCELLED: "Cancelled",
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
  const outcome: OrderStatus = isTerminal(status) ? status : "COMPLETED";
  const path: OrderStatus[] = ["QUEUED", "PENDING_PAYMENT", outcome];
  // A cancellation can happen before the payment step; then that step was skipped, not reached.
  const steps = path.filter((step) => step !== "PENDING_PAYMENT" || reachedAt.has(step) || !isTerminal(status));
  return steps.map((step) => ({
    status: step,
    label: STATUS_LABELS[step],
    at: reachedAt.get(step),
    state: step === status ? (isTerminal(step) ? "done" : "current") : reachedAt.has(step) ? "done" : "upcoming",
  }));
}

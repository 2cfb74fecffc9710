import { Fulfilment, isTerminal, KITCHEN_FLOW, OrderStatus as Status } from "@pizza-orders/core/order/rules";
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
 * The steps an order walks through: queued → awaiting payment → the kitchen's stages for its way of
 * getting it (the core's KITCHEN_FLOW: received → preparing → baking → ready → (out for delivery →)
 * completed). An order that has ended shows the steps it reached and its end; one in progress
 * shows what it reached and the stages still ahead.
 */
export function timelineOf(status: OrderStatus, history: OrderFieldsFragment["statusHistory"], fulfilment: Fulfilment = Fulfilment.Pickup): TimelineStep[] {
  const reachedAt = new Map(history.map((change) => [change.status, change.at]));
  const path: OrderStatus[] = isTerminal(status)
    ? [...history.map((change) => change.status).filter((step, index, all) => all.indexOf(step) === index && step !== status), status]
    : [Status.Queued, Status.PendingPayment, ...KITCHEN_FLOW[fulfilment]];
  return path.map((step) => ({
    status: step,
    label: STATUS_LABELS[step],
    at: reachedAt.get(step),
    state: step === status ? (isTerminal(step) ? "done" : "current") : reachedAt.has(step) ? "done" : "upcoming",
  }));
}

/** Past its ETA and not yet with the customer: the tracker says it is taking longer than usual. */
export function isLate(order: Pick<OrderFieldsFragment, "eta" | "orderStatus">, now: number): boolean {
  return Boolean(order.eta) && !isTerminal(order.orderStatus) && Date.parse(order.eta as string) < now;
}

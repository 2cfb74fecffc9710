// The app's CloudWatch metrics, named once: the functions emit them (Powertools Metrics, EMF) and
// the stacks alarm on them and chart them. Pure constants, so the stacks can import them.
import type { OrderMilestone } from "@pizza-orders/core/changes/orderMilestones";
import { SERVICE_NAME } from "./serviceIdentity";

export const METRICS_NAMESPACE = "PizzaOrders";

/** Every metric carries these dimensions (Powertools adds `service`; `stage` is SST_STAGE). */
export function defaultMetricDimensions(stage: string): { service: string; stage: string } {
  return { service: SERVICE_NAME, stage };
}

/** Count of orders reaching each milestone. */
export const MILESTONE_METRICS: Record<OrderMilestone, string> = {
  placed: "OrdersPlaced",
  paid: "OrdersPaid",
  paymentFailed: "OrdersPaymentFailed",
  completed: "OrdersCompleted",
  cancelled: "OrdersCancelled",
  cancelledByShop: "OrdersCancelledByShop",
  refunded: "OrdersRefunded",
};

export const METRIC = {
  /** One per status change, with the dimension STATUS_DIMENSION: any status, kitchen stages included, without code here. */
  statusChanges: "OrderStatusChanges",
  /** Milliseconds from the order's placement to the status it reached (dimension STATUS_DIMENSION). */
  timeToStatus: "TimeFromPlacementToStatus",
  /** Orders the deadline reconciler had to finish or notify: the pipeline left them stranded. */
  strandedOrders: "StrandedOrdersFinished",
  /** Overdue orders the reconciler could not handle this run (they are tried again next run). */
  reconcilerFailures: "OrdersNotReconciled",
} as const;

export const STATUS_DIMENSION = "status";

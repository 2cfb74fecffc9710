// Every waiting status has a deadline: no order stays in flight. While an order waits for the
// pipeline (or for its notification to go out) it carries `inFlight` and `deadlineAt`, which put
// it in the sparse in-flight index (tableDesign.ts); the deadline reconciler queries that index
// for deadlines that have passed and finishes those orders. A terminal order whose notification
// has gone out leaves the index.
//
// The deadlines are deployment configuration (ORDER_DEADLINE_SECONDS, read in config.ts), and
// each one must be at least the workflow's own worst case, so the reconciler only acts on orders
// the pipeline has really given up on (packages/core/test/deadlines.test.ts ties the floor to the
// workflow definition and the queue's redelivery window). Only a value that says
// `localTestOverride` may go below it: local mode's crash tests, never a deployed stage
// (stacks/stageConfig.ts refuses it).
import { isTerminal, OrderStatus } from "./rules";

/** The one partition of the in-flight index (see tableDesign.ts for why a single one suffices). */
export const IN_FLIGHT = "IN_FLIGHT";

/** The statuses an order waits in; each must have a deadline. */
export type WaitingStatus = Exclude<OrderStatus, typeof OrderStatus.Completed | typeof OrderStatus.PaymentFailed | typeof OrderStatus.Cancelled | typeof OrderStatus.Refunded>;

/** Seconds an order may wait in each waiting status, and a finished order for its notification. */
export type OrderDeadlines = Readonly<Record<WaitingStatus | "notification", number>>;

/**
 * The workflow's own worst case, the floor of every deadline: the execution times out after
 * 900 s (its longest path through timeouts and retries is shorter), and a message is redelivered
 * for at most 4 × 180 s = 720 s before it is dead-lettered.
 */
export const WORKFLOW_WORST_CASE_SECONDS = 15 * 60;

export const DEFAULT_ORDER_DEADLINE_SECONDS: OrderDeadlines = {
  // Queued until the workflow picks the order up: the queue redelivers a message 4 times with a
  // 180 s visibility timeout (12 min) before it is dead-lettered; past 20 min the message or the
  // execution start is lost.
  [OrderStatus.Queued]: 20 * 60,
  // Awaiting payment while the execution runs: it times out after 15 min at the latest.
  [OrderStatus.PendingPayment]: 20 * 60,
  // Finished, notification not yet recorded as sent: the workflow's own retries are over well
  // within the execution's 15 min.
  notification: 20 * 60,
  // The kitchen's stages wait for people, not for the pipeline. A paid order nobody accepts in
  // 20 min is cancelled by the shop and refunded; one stuck in preparation or the oven for an hour
  // likewise (the customer's money is safe, never a pizza that may not come); a READY order never
  // collected, or a delivery never confirmed, is closed as completed with a reason after 1 h / 2 h.
  [OrderStatus.Received]: 20 * 60,
  [OrderStatus.Preparing]: 60 * 60,
  [OrderStatus.Baking]: 60 * 60,
  [OrderStatus.Ready]: 60 * 60,
  [OrderStatus.OutForDelivery]: 2 * 60 * 60,
  // Cancelled by the shop, refund not yet recorded (a crash between the two): refunded by then.
  [OrderStatus.CancelledByShop]: 20 * 60,
};

export interface InFlightTracking {
  inFlight: typeof IN_FLIGHT;
  deadlineAt: string;
}

function secondsAfter(at: string, seconds: number): string {
  return new Date(Date.parse(at) + seconds * 1000).toISOString();
}

/**
 * Where an order entering `status` at `at` stands in the in-flight index: tracked with its
 * deadline, or (undefined) out of the index — terminal with no notification to send.
 */
export function inFlightTracking(
  status: OrderStatus,
  at: string,
  notificationDue = false,
  deadlines: OrderDeadlines = DEFAULT_ORDER_DEADLINE_SECONDS,
): InFlightTracking | undefined {
  if (!isTerminal(status)) {
    const seconds = deadlines[status as WaitingStatus];
    if (seconds === undefined) throw new Error(`No deadline for the waiting status ${status}`);
    return { inFlight: IN_FLIGHT, deadlineAt: secondsAfter(at, seconds) };
  }
  return notificationDue ? { inFlight: IN_FLIGHT, deadlineAt: secondsAfter(at, deadlines.notification) } : undefined;
}

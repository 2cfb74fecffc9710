// Every waiting status has a deadline: no order stays in flight. While an order waits for the
// pipeline (or for its notification to go out) it carries `inFlight` and `deadlineAt`, which put
// it in the sparse in-flight index (tableDesign.ts); the deadline reconciler queries that index
// for deadlines that have passed and finishes those orders. A terminal order whose notification
// has gone out leaves the index.
//
// Each deadline is longer than the workflow's own worst case, so the reconciler only acts on
// orders the pipeline has really given up on (packages/core/test/deadlines.test.ts checks them
// against the workflow definition and the queue's redelivery window).
import { isTerminal, OrderStatus } from "./rules";

/** The one partition of the in-flight index (see tableDesign.ts for why a single one suffices). */
export const IN_FLIGHT = "IN_FLIGHT";

/** The statuses an order waits in; each must have a deadline. */
export type WaitingStatus = typeof OrderStatus.Queued | typeof OrderStatus.PendingPayment;

export const ORDER_DEADLINE_SECONDS: Readonly<Record<WaitingStatus | "notification", number>> = {
  // Queued until the workflow picks the order up: the queue redelivers a message 4 times with a
  // 180 s visibility timeout (12 min) before it is dead-lettered; past 20 min the message or the
  // execution start is lost.
  [OrderStatus.Queued]: 20 * 60,
  // Awaiting payment while the execution runs: it times out after 15 min at the latest.
  [OrderStatus.PendingPayment]: 20 * 60,
  // Finished, notification not yet recorded as sent: the workflow's own retries are over well
  // within the execution's 15 min.
  notification: 20 * 60,
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
export function inFlightTracking(status: OrderStatus, at: string, notificationDue = false): InFlightTracking | undefined {
  if (!isTerminal(status)) {
    const seconds = ORDER_DEADLINE_SECONDS[status as WaitingStatus];
    if (seconds === undefined) throw new Error(`No deadline for the waiting status ${status}`);
    return { inFlight: IN_FLIGHT, deadlineAt: secondsAfter(at, seconds) };
  }
  return notificationDue ? { inFlight: IN_FLIGHT, deadlineAt: secondsAfter(at, ORDER_DEADLINE_SECONDS.notification) } : undefined;
}

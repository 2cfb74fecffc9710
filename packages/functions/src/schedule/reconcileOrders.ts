import { orderNotifierFromEnv, orderRepositoryFromEnv } from "@pizza-orders/core/aws/orderServices";
import { reconcileOverdueOrders } from "@pizza-orders/core/reconciler/reconcileOverdueOrders";
import { logger } from "../observability/logger";
import { recordReconcilerRun } from "../observability/metrics";
import { observedHandler } from "../observability/observedHandler";

const orders = orderRepositoryFromEnv();
const deps = { orders, notifier: orderNotifierFromEnv(orders) };

/** Leaves this much of the invocation for the order in hand, so a run never dies mid-order. */
const STOP_MARGIN_MS = 5_000;

/**
 * The deadline reconciler, run every minute by a schedule (EventBridge Scheduler in AWS, a timer
 * in local mode). Returns what it did; logs each finished order and each failure (with its order
 * id), and counts the stranded orders it finished (the StrandedOrdersFinished alarm).
 */
export const handler = observedHandler(async (_event: unknown, context) => {
  const report = await reconcileOverdueOrders(deps, { shouldStop: () => context.getRemainingTimeInMillis() < STOP_MARGIN_MS });
  for (const order of report.orders) logger.info("order reconciled", { ...order });
  for (const failure of report.failures) logger.error("order not reconciled", { ...failure });
  recordReconcilerRun(report);
  return report;
});

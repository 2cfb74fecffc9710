import type { WorkflowState } from "@pizza-orders/core/workflow/orderTasks";
import { logger } from "../observability/logger";
import { observedHandler } from "../observability/observedHandler";

/**
 * A workflow Task's handler: the step, observed like every handler (its state names the order, so
 * every line carries the order id), and one line saying where the step left the order.
 */
export function workflowTask(step: (state: WorkflowState) => Promise<WorkflowState>) {
  return observedHandler(async (state: WorkflowState) => {
    const result = await step(state);
    logger.info("workflow step done", {
      ...(result.orderStatus ? { orderStatus: result.orderStatus } : {}),
      ...(result.payment ? { paymentOutcome: result.payment.outcome } : {}),
    });
    return result;
  });
}

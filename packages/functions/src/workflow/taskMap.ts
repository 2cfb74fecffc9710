// Which handler runs which Task state of the order workflow (stack and local runtime share it).
import type { OrderWorkflowTask } from "@pizza-orders/core/workflow/orderWorkflowDefinition";

export const WORKFLOW_TASK_HANDLERS: Record<OrderWorkflowTask, string> = {
  InitializeOrder: "workflow/initializeOrder",
  ProcessPayment: "workflow/processPayment",
  CompleteOrder: "workflow/completeOrder",
  CancelFailedOrder: "workflow/cancelFailedOrder",
};

export const ORDER_QUEUE_CONSUMER_HANDLER = "queue/startOrderWorkflow";

/** The deadline reconciler, run on a schedule. */
export const RECONCILER_HANDLER = "schedule/reconcileOrders";

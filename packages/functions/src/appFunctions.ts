// Every Lambda function the app deploys, one line each: its handler and its timeout, from the maps
// and settings the stacks wire them from. The stack tests check that the app deploys exactly these
// (and counts alarms and log groups from them); the bench measures each one's bundle.
import { ORDER_WORKFLOW_TASKS } from "@pizza-orders/core/workflow/orderWorkflowDefinition";
import { API_RESOLVERS } from "./api/resolverMap";
import { EMAIL_ACCEPTED_TARGET, ORDER_EVENT_TARGETS } from "./events/eventTargets";
import { FUNCTION_TIMEOUT_SECONDS } from "./functionSettings";
import { ORDERS_QUEUE_SETTINGS } from "./queue/ordersQueueSettings";
import { ORDER_CHANGES_HANDLER, ORDER_CHANGES_STREAM_SETTINGS } from "./stream/orderChangesSettings";
import { ORDER_QUEUE_CONSUMER_HANDLER, RECONCILER_HANDLER, WORKFLOW_TASK_HANDLERS } from "./workflow/taskMap";

export interface AppFunction {
  /** Module under packages/functions/src (see handlerPath). */
  handler: string;
  timeoutSeconds: number;
  /** What invokes it: AppSync (a field's resolver), the workflow (a Task state), or a queue, stream, schedule or event rule. */
  invokedBy: "api" | "workflow" | "background";
}

export const APP_FUNCTIONS: readonly AppFunction[] = [
  ...API_RESOLVERS.map((resolver) => ({ handler: resolver.handler, timeoutSeconds: FUNCTION_TIMEOUT_SECONDS.apiResolver, invokedBy: "api" as const })),
  ...ORDER_WORKFLOW_TASKS.map((task) => ({
    handler: WORKFLOW_TASK_HANDLERS[task],
    timeoutSeconds: FUNCTION_TIMEOUT_SECONDS.workflowTask,
    invokedBy: "workflow" as const,
  })),
  { handler: ORDER_QUEUE_CONSUMER_HANDLER, timeoutSeconds: ORDERS_QUEUE_SETTINGS.consumerTimeoutSeconds, invokedBy: "background" },
  { handler: ORDER_CHANGES_HANDLER, timeoutSeconds: ORDER_CHANGES_STREAM_SETTINGS.consumerTimeoutSeconds, invokedBy: "background" },
  { handler: RECONCILER_HANDLER, timeoutSeconds: FUNCTION_TIMEOUT_SECONDS.reconciler, invokedBy: "background" },
  ...ORDER_EVENT_TARGETS.map((target) => ({ handler: target.handler, timeoutSeconds: target.timeoutSeconds, invokedBy: "background" as const })),
  { handler: EMAIL_ACCEPTED_TARGET.handler, timeoutSeconds: EMAIL_ACCEPTED_TARGET.timeoutSeconds, invokedBy: "background" },
];

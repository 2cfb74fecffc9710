// Every Lambda handler the app deploys, as module paths under packages/functions/src, read from the
// maps the stacks wire them from (API resolvers, workflow tasks, the queue consumer).
import { API_RESOLVERS } from "@pizza-orders/functions/api/resolverMap";
import { ORDER_QUEUE_CONSUMER_HANDLER, WORKFLOW_TASK_HANDLERS } from "@pizza-orders/functions/workflow/taskMap";

export const APP_HANDLERS: readonly string[] = [...API_RESOLVERS.map((resolver) => resolver.handler), ...Object.values(WORKFLOW_TASK_HANDLERS), ORDER_QUEUE_CONSUMER_HANDLER];

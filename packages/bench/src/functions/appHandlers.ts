// Every Lambda handler the app deploys, as module paths under packages/functions/src, read from the
// maps the stacks wire them from (API resolvers, workflow tasks, the queue consumer).
import { API_RESOLVERS } from "@pizza-orders/functions/api/resolverMap";
import { ORDER_QUEUE_CONSUMER_HANDLER, WORKFLOW_TASK_HANDLERS } from "@pizza-orders/functions/workflow/taskMap";

export const APP_HANDLERS: readonly string[] = [...API_RESOLVERS.map((resolver) => resolver.handler), ...Object.values(WORKFLOW_TASK_HANDLERS), ORDER_QUEUE_CONSUMER_HANDLER];

const resolverOf = (typeName: string, fieldName: string) => API_RESOLVERS.find((resolver) => resolver.typeName === typeName && resolver.fieldName === fieldName)!.handler;
export const POST_ORDER_HANDLER = resolverOf("Mutation", "postOrder");
/** The handler behind each tracker request (Query.order). */
export const ORDER_QUERY_HANDLER = resolverOf("Query", "order");
/** The one handler that serves static data (no DynamoDB client in its bundle). */
export const MENU_HANDLER = resolverOf("Query", "menu");

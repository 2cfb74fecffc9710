// Every Lambda handler the app deploys, as module paths under packages/functions/src: the function
// manifest's (API resolvers, workflow tasks, queue and stream consumers, the reconciler).
import { APP_FUNCTIONS, resolverOf, theFunctionTriggeredBy } from "@pizza-orders/functions/functionManifest";

export const APP_HANDLERS: readonly string[] = APP_FUNCTIONS.map((fn) => fn.handler);

export const POST_ORDER_HANDLER = resolverOf("Mutation", "postOrder").handler;
/** The staff's kitchen move (Mutation.advanceOrder): one per kitchen stage. */
export const ADVANCE_ORDER_HANDLER = resolverOf("Mutation", "advanceOrder").handler;
/** The handler behind each tracker request (Query.order). */
export const ORDER_QUERY_HANDLER = resolverOf("Query", "order").handler;
/** The one handler that serves static data (no DynamoDB client in its bundle). */
export const MENU_HANDLER = resolverOf("Query", "menu").handler;
/** The orders queue's consumer (starts one workflow execution per order). */
export const ORDER_QUEUE_CONSUMER_HANDLER = theFunctionTriggeredBy("ordersQueue").handler;

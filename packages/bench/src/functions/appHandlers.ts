// Every Lambda handler the app deploys, as module paths under packages/functions/src: the functions
// package's list (API resolvers, workflow tasks, queue and stream consumers, the reconciler).
import { API_RESOLVERS } from "@pizza-orders/functions/api/resolverMap";
import { APP_FUNCTIONS } from "@pizza-orders/functions/appFunctions";

export const APP_HANDLERS: readonly string[] = APP_FUNCTIONS.map((fn) => fn.handler);

const resolverOf = (typeName: string, fieldName: string) =>
  API_RESOLVERS.find((resolver) => resolver.typeName === typeName && resolver.fieldName === fieldName)!.handler;
export const POST_ORDER_HANDLER = resolverOf("Mutation", "postOrder");
/** The handler behind each tracker request (Query.order). */
export const ORDER_QUERY_HANDLER = resolverOf("Query", "order");
/** The one handler that serves static data (no DynamoDB client in its bundle). */
export const MENU_HANDLER = resolverOf("Query", "menu");

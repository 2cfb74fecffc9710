import { orderRepositoryFromEnv } from "@pizza-orders/core/aws/orderServices";
import { authorizeOrderUpdates } from "@pizza-orders/core/changes/authorizeOrderUpdates";
import type { OrderRepository } from "@pizza-orders/core/order/orderRepository";
import type { AppSyncResolverEvent } from "aws-lambda";
import { callerOf } from "./callerIdentity";
import { resolver } from "./resolverError";

// Only the order channel's function has the table (and its configuration): built on first use.
let repository: OrderRepository | undefined;
const orders = () => (repository ??= orderRepositoryFromEnv());

/**
 * Subscription.onOrderUpdate / onCustomerOrderUpdates / onRestaurantOrderUpdates, run when a
 * subscription starts: refuses strangers (the core decides, from the verified identity and the
 * order as stored); AppSync delivers nothing from the result. The refusal is returned like every
 * domain error (resolverError.ts), so it reaches the client as errorType `Unauthorized` — thrown,
 * it would arrive as `Lambda:Unhandled`, which a client cannot tell from an outage.
 */
export const handler = resolver(async (event: AppSyncResolverEvent<Record<string, unknown>>) => {
  await authorizeOrderUpdates(event.info.fieldName, event.arguments, callerOf(event.identity), (orderId) => orders().get({ orderId }));
  return null;
});

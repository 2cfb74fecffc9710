import { orderRepositoryFromEnv } from "@pizza-orders/core/aws/orderServices";
import { listOrders } from "@pizza-orders/core/order/findOrders";
import { toOrderView } from "@pizza-orders/core/order/orderView";
import type { AppSyncResolverEvent } from "aws-lambda";
import { callerOf } from "./callerIdentity";
import { resolver } from "./resolverError";

const orders = orderRepositoryFromEnv();

/** Query.myOrders(limit, nextToken): the signed-in customer's orders, newest first, paginated. */
export const handler = resolver(async (event: AppSyncResolverEvent<{ limit?: unknown; nextToken?: unknown }>) => {
  const page = await listOrders(orders, callerOf(event.identity), event.arguments);
  return { items: page.orders.map((order) => toOrderView(order)), nextToken: page.nextToken ?? null };
});

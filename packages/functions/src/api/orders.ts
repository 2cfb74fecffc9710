import type { AppSyncResolverEvent } from "aws-lambda";
import { orderRepositoryFromEnv } from "@pizza-orders/core/aws/orderServices";
import { listOrders } from "@pizza-orders/core/order/findOrders";
import { toOrderView } from "@pizza-orders/core/order/orderView";
import { customerIdOf } from "./callerIdentity";

const orders = orderRepositoryFromEnv();

/** Query.orders(limit, nextToken) */
export const handler = async (event: AppSyncResolverEvent<{ limit?: unknown; nextToken?: unknown }>) => {
  const page = await listOrders(orders, customerIdOf(event.identity), event.arguments);
  return { items: page.orders.map(toOrderView), nextToken: page.nextToken ?? null };
};

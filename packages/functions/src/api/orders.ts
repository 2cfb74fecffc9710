import { orderRepositoryFromEnv } from "@pizza-orders/core/aws/orderServices";
import { listOrders } from "@pizza-orders/core/order/findOrders";
import { toOrderView } from "@pizza-orders/core/order/orderView";
import { ORDER_LIMITS } from "@pizza-orders/core/order/rules";
import type { AppSyncResolverEvent } from "aws-lambda";
import { callerOf } from "./callerIdentity";
import { resolver } from "./resolverError";

const orders = orderRepositoryFromEnv();

/** Query.orders — the original tutorial's list: the caller's newest orders (one page of the largest size); a guest has none. */
export const handler = resolver(async (event: AppSyncResolverEvent<Record<string, never>>) => {
  const page = await listOrders(orders, callerOf(event.identity), { limit: ORDER_LIMITS.maxPageSize });
  return page.orders.map((order) => toOrderView(order));
});

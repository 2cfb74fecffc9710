import { orderRepositoryFromEnv } from "@pizza-orders/core/aws/orderServices";
import { findOrder } from "@pizza-orders/core/order/findOrders";
import { toOrderView } from "@pizza-orders/core/order/orderView";
import type { AppSyncResolverEvent } from "aws-lambda";
import { callerOf } from "./callerIdentity";
import { resolver } from "./resolverError";

const orders = orderRepositoryFromEnv();

/** Query.order(id, guestSecret): the order if the caller may see it, else null (unknown or not theirs alike). */
export const handler = resolver(async (event: AppSyncResolverEvent<{ id: unknown; guestSecret?: unknown }>) => {
  const order = await findOrder(orders, callerOf(event.identity), { id: event.arguments.id, guestSecret: event.arguments.guestSecret });
  return order ? toOrderView(order) : null;
});

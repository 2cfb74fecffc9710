import type { AppSyncResolverEvent } from "aws-lambda";
import { orderRepositoryFromEnv } from "@pizza-orders/core/aws/orderServices";
import { findOrder } from "@pizza-orders/core/order/findOrders";
import { toOrderView } from "@pizza-orders/core/order/orderView";
import { customerIdOf } from "./callerIdentity";

const orders = orderRepositoryFromEnv();

/** Query.order(id) */
export const handler = async (event: AppSyncResolverEvent<{ id: unknown }>) => {
  const order = await findOrder(orders, customerIdOf(event.identity), event.arguments.id);
  return order ? toOrderView(order) : null;
};

import type { AppSyncResolverEvent } from "aws-lambda";
import { orderQueueFromEnv, orderRepositoryFromEnv } from "@pizza-orders/core/aws/orderServices";
import { orderAgain } from "@pizza-orders/core/order/orderAgain";
import { toOrderView } from "@pizza-orders/core/order/orderView";
import { logger } from "../observability/logger";
import { callerOf } from "./callerIdentity";
import { resolver } from "./resolverError";

const deps = { orders: orderRepositoryFromEnv(), queue: orderQueueFromEnv() };

/** Mutation.orderAgain(id, …): a new order with the same lines, re-priced (and a guest's new secret, once). */
export const handler = resolver(async (event: AppSyncResolverEvent<Record<string, unknown>>) => {
  const { order, guestSecret } = await orderAgain(deps, callerOf(event.identity), event.arguments);
  logger.info("order placed again", { orderId: order.id, totalCents: order.totalCents });
  return toOrderView(order, guestSecret);
});

import { orderQueueFromEnv, orderRepositoryFromEnv } from "@pizza-orders/core/aws/orderServices";
import { toOrderView } from "@pizza-orders/core/order/orderView";
import { placeOrder } from "@pizza-orders/core/order/placeOrder";
import type { AppSyncResolverEvent } from "aws-lambda";
import { logger } from "../observability/logger";
import { callerOf } from "./callerIdentity";
import { resolver } from "./resolverError";

const deps = { orders: orderRepositoryFromEnv(), queue: orderQueueFromEnv() };

/** Mutation.postOrder(input): the new order with its id, status QUEUED (and a guest's secret, once). */
export const handler = resolver(async (event: AppSyncResolverEvent<{ input: unknown }>) => {
  const { order, guestSecret } = await placeOrder(deps, callerOf(event.identity), event.arguments.input);
  logger.info("order placed", { orderId: order.id, totalCents: order.totalCents, guest: guestSecret !== undefined });
  return toOrderView(order, guestSecret);
});

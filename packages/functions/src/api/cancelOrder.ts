import { orderRepositoryFromEnv } from "@pizza-orders/core/aws/orderServices";
import { cancelOrder } from "@pizza-orders/core/order/cancelOrder";
import { toOrderView } from "@pizza-orders/core/order/orderView";
import type { AppSyncResolverEvent } from "aws-lambda";
import { logger } from "../observability/logger";
import { callerOf } from "./callerIdentity";
import { resolver } from "./resolverError";

const orders = orderRepositoryFromEnv();

/** Mutation.cancelOrder(id, guestSecret): cancels an unpaid order; refused once paid, changing nothing. */
export const handler = resolver(async (event: AppSyncResolverEvent<{ id: unknown; guestSecret?: unknown }>) => {
  const order = await cancelOrder(orders, callerOf(event.identity), { id: event.arguments.id, guestSecret: event.arguments.guestSecret });
  logger.info("order cancelled", { orderId: order.id });
  return toOrderView(order);
});

import type { AppSyncResolverEvent } from "aws-lambda";
import { orderRepositoryFromEnv } from "@pizza-orders/core/aws/orderServices";
import { cancelOrderByShop } from "@pizza-orders/core/kitchen/kitchenStages";
import { toOrderView } from "@pizza-orders/core/order/orderView";
import { logger } from "../observability/logger";
import { callerOf } from "./callerIdentity";
import { resolver } from "./resolverError";

const deps = { orders: orderRepositoryFromEnv() };

/** Mutation.cancelOrderByShop(id, reason): the kitchen cancels a paid order; refunded once. */
export const handler = resolver(async (event: AppSyncResolverEvent<{ id: unknown; reason: unknown }>) => {
  const order = await cancelOrderByShop(deps, callerOf(event.identity), event.arguments);
  logger.info("order cancelled by the shop", { orderId: order.id, orderStatus: order.orderStatus });
  return toOrderView(order);
});

import type { AppSyncResolverEvent } from "aws-lambda";
import { orderRepositoryFromEnv } from "@pizza-orders/core/aws/orderServices";
import { advanceOrder } from "@pizza-orders/core/kitchen/kitchenStages";
import { toOrderView } from "@pizza-orders/core/order/orderView";
import { logger } from "../observability/logger";
import { callerOf } from "./callerIdentity";
import { resolver } from "./resolverError";

const deps = { orders: orderRepositoryFromEnv() };

/** Mutation.advanceOrder(id, to): the kitchen moves a paid order to its next stage. */
export const handler = resolver(async (event: AppSyncResolverEvent<{ id: unknown; to: unknown }>) => {
  const order = await advanceOrder(deps, callerOf(event.identity), event.arguments);
  logger.info("kitchen stage", { orderId: order.id, orderStatus: order.orderStatus });
  return toOrderView(order);
});

import type { AppSyncResolverEvent } from "aws-lambda";
import { orderRepositoryFromEnv } from "@pizza-orders/core/aws/orderServices";
import { cancelOrDeleteOrder } from "@pizza-orders/core/order/cancelOrDeleteOrder";
import { toOrderView } from "@pizza-orders/core/order/orderView";
import { logger } from "../observability/logger";
import { customerIdOf } from "./callerIdentity";

const orders = orderRepositoryFromEnv();

/** Mutation.deleteOrder(id): deletes a finished order, cancels an unpaid one, refuses a paid one. */
export const handler = async (event: AppSyncResolverEvent<{ id: unknown }>) => {
  const result = await cancelOrDeleteOrder(orders, customerIdOf(event.identity), event.arguments.id);
  logger.info(`order ${result.action}`, { orderId: result.order.id });
  return toOrderView(result.order);
};

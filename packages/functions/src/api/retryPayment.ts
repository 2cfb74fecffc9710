import type { AppSyncResolverEvent } from "aws-lambda";
import { orderQueueFromEnv, orderRepositoryFromEnv } from "@pizza-orders/core/aws/orderServices";
import { toOrderView } from "@pizza-orders/core/order/orderView";
import { retryPayment } from "@pizza-orders/core/order/retryPayment";
import { logger } from "../observability/logger";
import { callerOf } from "./callerIdentity";
import { resolver } from "./resolverError";

const deps = { orders: orderRepositoryFromEnv(), queue: orderQueueFromEnv() };

/** Mutation.retryPayment(id, paymentToken, guestSecret): another card for a declined order. */
export const handler = resolver(async (event: AppSyncResolverEvent<Record<string, unknown>>) => {
  const order = await retryPayment(deps, callerOf(event.identity), event.arguments);
  logger.info("payment retried", { orderId: order.id, paymentAttempt: order.paymentAttempt });
  return toOrderView(order);
});

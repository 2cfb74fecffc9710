import type { AppSyncResolverEvent } from "aws-lambda";
import { orderQueueFromEnv, orderRepositoryFromEnv } from "@pizza-orders/core/aws/orderServices";
import { toOrderView } from "@pizza-orders/core/order/orderView";
import { placeOrder } from "@pizza-orders/core/order/placeOrder";
import { logger } from "../observability/logger";
import { customerIdOf } from "./callerIdentity";

const deps = { orders: orderRepositoryFromEnv(), queue: orderQueueFromEnv() };

/** Mutation.postOrder(input): the new order with its id, status QUEUED. */
export const handler = async (event: AppSyncResolverEvent<{ input: unknown }>) => {
  const order = await placeOrder(deps, customerIdOf(event.identity), event.arguments.input);
  logger.info("order placed", { orderId: order.id, totalCents: order.totalCents });
  return toOrderView(order);
};

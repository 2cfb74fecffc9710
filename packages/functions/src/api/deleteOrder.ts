import { orderRepositoryFromEnv } from "@pizza-orders/core/aws/orderServices";
import { removeFromHistory } from "@pizza-orders/core/order/removeFromHistory";
import type { AppSyncResolverEvent } from "aws-lambda";
import { logger } from "../observability/logger";
import { callerOf } from "./callerIdentity";
import { resolver } from "./resolverError";

const orders = orderRepositoryFromEnv();

/** Mutation.deleteOrder(id) — the original call: removes a finished order from the caller's history (the record is kept); returns the id. */
export const handler = resolver(async (event: AppSyncResolverEvent<{ id: unknown }>) => {
  const orderId = await removeFromHistory(orders, callerOf(event.identity), event.arguments.id);
  logger.info("order removed from its customer's history", { orderId });
  return orderId;
});

import { orderRepositoryFromEnv } from "@pizza-orders/core/aws/orderServices";
import { claimGuestOrders } from "@pizza-orders/core/order/claimGuestOrders";
import type { AppSyncResolverEvent } from "aws-lambda";
import { logger } from "../observability/logger";
import { callerOf } from "./callerIdentity";
import { resolver } from "./resolverError";

const orders = orderRepositoryFromEnv();

/** Mutation.claimGuestOrders(claims): moves proven guest orders into the signed-in customer's account. */
export const handler = resolver(async (event: AppSyncResolverEvent<{ claims: unknown }>) => {
  const results = await claimGuestOrders(orders, callerOf(event.identity), event.arguments.claims);
  logger.info("guest orders claimed", {
    claimed: results.filter((result) => result.claimed).length,
    refused: results.filter((result) => !result.claimed).length,
  });
  return results.map((result) => ({ id: result.id, claimed: result.claimed, reason: result.reason ?? null }));
});

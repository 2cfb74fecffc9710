import type { AppSyncResolverEvent } from "aws-lambda";
import { orderRepositoryFromEnv } from "@pizza-orders/core/aws/orderServices";
import { changeRestaurantSettings } from "@pizza-orders/core/kitchen/restaurantView";
import { callerOf } from "./callerIdentity";
import { resolver } from "./resolverError";

const orders = orderRepositoryFromEnv();

/** Mutation.updateRestaurantSettings(input): switch, hours, capacity; the restaurant's staff only. */
export const handler = resolver(async (event: AppSyncResolverEvent<{ input: unknown }>) =>
  changeRestaurantSettings(orders, callerOf(event.identity), event.arguments.input),
);

import type { AppSyncResolverEvent } from "aws-lambda";
import { orderRepositoryFromEnv } from "@pizza-orders/core/aws/orderServices";
import { describeRestaurant } from "@pizza-orders/core/kitchen/restaurantView";
import { resolver } from "./resolverError";

const orders = orderRepositoryFromEnv();

/** Query.restaurant(id): its hours, switch, capacity, whether it takes orders now and the ETA; null off the menu. */
export const handler = resolver(async (event: AppSyncResolverEvent<{ id: unknown }>) => describeRestaurant(orders, event.arguments.id));

import type { AppSyncResolverEvent } from "aws-lambda";
import { orderRepositoryFromEnv } from "@pizza-orders/core/aws/orderServices";
import { pickupBoardOf } from "@pizza-orders/core/kitchen/restaurantView";
import { resolver } from "./resolverError";

const orders = orderRepositoryFromEnv();

/** Query.pickupBoard(restaurantId): order numbers preparing and ready, nothing else. */
export const handler = resolver(async (event: AppSyncResolverEvent<{ restaurantId: unknown }>) => pickupBoardOf(orders, event.arguments.restaurantId));

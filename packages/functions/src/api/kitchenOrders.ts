import type { AppSyncResolverEvent } from "aws-lambda";
import { orderRepositoryFromEnv } from "@pizza-orders/core/aws/orderServices";
import { listKitchenOrders } from "@pizza-orders/core/kitchen/kitchenStages";
import { toOrderView } from "@pizza-orders/core/order/orderView";
import { callerOf } from "./callerIdentity";
import { resolver } from "./resolverError";

const orders = orderRepositoryFromEnv();

/** Query.kitchenOrders(restaurantId, stages): the kitchen's active orders, staff of that restaurant only ([] for anyone else). */
export const handler = resolver(async (event: AppSyncResolverEvent<{ restaurantId: unknown; stages?: unknown }>) =>
  (await listKitchenOrders(orders, callerOf(event.identity), event.arguments)).map((order) => toOrderView(order)),
);

import { orderRepositoryFromEnv } from "@pizza-orders/core/aws/orderServices";
import { changeOrder } from "@pizza-orders/core/order/changeOrder";
import { toOrderView } from "@pizza-orders/core/order/orderView";
import type { AppSyncResolverEvent } from "aws-lambda";
import { callerOf } from "./callerIdentity";
import { resolver } from "./resolverError";

const orders = orderRepositoryFromEnv();

/** Mutation.updateOrder(input): refused once the payment has been taken. */
export const handler = resolver(async (event: AppSyncResolverEvent<{ input: unknown }>) =>
  toOrderView(await changeOrder(orders, callerOf(event.identity), event.arguments.input)),
);

import { orderRepositoryFromEnv, receiptStoreFromEnv } from "@pizza-orders/core/aws/orderServices";
import { toOrderView } from "@pizza-orders/core/order/orderView";
import { findOrderWithReceipt } from "@pizza-orders/core/receipt/receiptLink";
import type { AppSyncResolverEvent } from "aws-lambda";
import { callerOf } from "./callerIdentity";
import { resolver } from "./resolverError";

const deps = { orders: orderRepositoryFromEnv(), receipts: receiptStoreFromEnv() };

/**
 * Query.order(id, guestSecret): the order if the caller may see it, else null (unknown or not
 * theirs alike), with `receiptUrl`: a short-lived link to its receipt once there is one. Only this
 * field resolves the link (lists and mutations leave it null): one S3 look-up per order read.
 */
export const handler = resolver(async (event: AppSyncResolverEvent<{ id: unknown; guestSecret?: unknown }>) => {
  const found = await findOrderWithReceipt(deps, callerOf(event.identity), { id: event.arguments.id, guestSecret: event.arguments.guestSecret });
  return found ? { ...toOrderView(found.order), receiptUrl: found.receiptUrl } : null;
});

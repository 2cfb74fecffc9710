import type { AppSyncIdentityCognito, AppSyncResolverEvent } from "aws-lambda";
import { orderRepositoryFromEnv } from "@pizza-orders/core/aws/orderServices";
import type { OrderRepository } from "@pizza-orders/core/order/orderRepository";
import { authorizeOrderUpdates } from "@pizza-orders/core/changes/authorizeOrderUpdates";
import type { Watcher } from "@pizza-orders/core/access/orderUpdateWatch";
import { customerIdOf, GUEST_CUSTOMER_ID } from "./callerIdentity";

// Only the order channel's function has the table (and its configuration): built on first use.
let repository: OrderRepository | undefined;
const orders = () => (repository ??= orderRepositoryFromEnv());

function watcherOf(identity: AppSyncResolverEvent<unknown>["identity"]): Watcher {
  const customerId = customerIdOf(identity);
  if (customerId === GUEST_CUSTOMER_ID) return { groups: [] };
  return { customerId, groups: (identity as AppSyncIdentityCognito).groups ?? [] };
}

/**
 * Subscription.onOrderUpdate / onCustomerOrderUpdates / onRestaurantOrderUpdates, run when a
 * subscription starts: refuses strangers; AppSync delivers nothing from the result.
 */
export const handler = async (event: AppSyncResolverEvent<Record<string, unknown>>) => {
  const watcher = watcherOf(event.identity);
  await authorizeOrderUpdates(event.info.fieldName, event.arguments, watcher, (orderId) =>
    orders().get({ customerId: watcher.customerId ?? GUEST_CUSTOMER_ID, orderId }),
  );
  return null;
};

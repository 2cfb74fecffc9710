// The subscription fields' one use case: refuse a subscriber who may not watch the channel, before
// AppSync delivers anything. Runs when the subscription starts (AppSync invokes a subscription
// field's resolver at subscribe time; an error refuses the subscription).
import type { Caller } from "../access/caller";
import { type GuardedOrder, mayWatchOrderUpdates, type OrderUpdateChannel } from "../access/orderAccess";
import { OrderUpdatesNotAuthorizedError, ValidationError } from "../errors";

export const ORDER_UPDATE_SUBSCRIPTIONS = {
  onOrderUpdate: "order",
  onCustomerOrderUpdates: "customer",
  onRestaurantOrderUpdates: "restaurant",
} as const;
export type OrderUpdateSubscriptionField = keyof typeof ORDER_UPDATE_SUBSCRIPTIONS;

function requiredString(args: Record<string, unknown>, name: string): string {
  const value = args[name];
  if (typeof value !== "string" || value.length === 0 || value.length > 200) throw new ValidationError(`${name} must be a non-empty string`);
  return value;
}

export function orderUpdateChannelOf(fieldName: string, args: Record<string, unknown>): OrderUpdateChannel {
  switch (fieldName as OrderUpdateSubscriptionField) {
    case "onOrderUpdate": {
      const key = args.guestTrackingKey;
      if (key !== undefined && key !== null && typeof key !== "string") throw new ValidationError("guestTrackingKey must be a string");
      return { kind: "order", orderId: requiredString(args, "orderId"), ...(typeof key === "string" ? { guestTrackingKey: key } : {}) };
    }
    case "onCustomerOrderUpdates":
      return { kind: "customer", customerId: requiredString(args, "customerId") };
    case "onRestaurantOrderUpdates":
      return { kind: "restaurant", restaurantId: requiredString(args, "restaurantId") };
    default:
      throw new ValidationError(`${fieldName} is not an order update subscription`);
  }
}

/**
 * Resolves when the caller may subscribe; rejects with OrderUpdatesNotAuthorizedError otherwise.
 * `findOrder` reads the order an order channel names, by its id (the decision is made here, not by the read).
 */
export async function authorizeOrderUpdates(
  fieldName: string,
  args: Record<string, unknown>,
  caller: Caller,
  findOrder: (orderId: string) => Promise<GuardedOrder | undefined>,
): Promise<void> {
  const channel = orderUpdateChannelOf(fieldName, args);
  const order = channel.kind === "order" ? await findOrder(channel.orderId) : undefined;
  if (!mayWatchOrderUpdates(caller, channel, order)) throw new OrderUpdatesNotAuthorizedError(fieldName);
}

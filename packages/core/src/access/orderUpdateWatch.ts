// Who may watch which live order updates — decided once, when a subscription starts (the
// subscription fields' resolver asks here; AppSync then filters every publish by the
// subscription's arguments, so the decision made at the start holds for every update).
//
//   subscription                          allowed
//   onOrderUpdate(orderId)                the order's owner; staff of its restaurant
//   onOrderUpdate(orderId, trackingKey)   a guest whose key is the order's (no account owns it yet)
//   onCustomerOrderUpdates(customerId)    that signed-in customer only
//   onRestaurantOrderUpdates(restaurant)  staff of that restaurant only
//
// Why a guest proves the order with a tracking key (the SHA-256 of the guest secret) and not with
// the secret: without enhanced filtering, AppSync compares every subscription argument that is
// given with the published field of the same name. A `guestSecret` argument would have to be
// published to match — but the server keeps only the secret's hash. So the published update
// carries the hash as `guestTrackingKey` (only while no account owns the order) and the guest,
// who holds the secret, presents its hash. The key only opens the live status of that one order,
// for people who already receive its updates (its guest, staff of its restaurant); reading,
// changing or cancelling the order still needs the secret itself, which the hash does not give.
import { timingSafeEqual } from "node:crypto";
import { restaurantOfStaffGroup } from "./staffGroups";

/** The subscriber, as the verified identity says: a signed-in person (Cognito `sub`, groups) or a guest (API key). */
export interface Watcher {
  /** Undefined for a guest. */
  customerId?: string;
  groups: readonly string[];
}

export type OrderUpdateChannel =
  | { kind: "order"; orderId: string; guestTrackingKey?: string }
  | { kind: "customer"; customerId: string }
  | { kind: "restaurant"; restaurantId: string };

/** What the decision looks at on a watched order. */
export interface WatchedOrder {
  customerId?: string;
  restaurantId: string;
  guestSecretHash?: string;
}

export function staffRestaurantsOfWatcher(watcher: Watcher): string[] {
  return watcher.groups.flatMap((group) => {
    const restaurant = restaurantOfStaffGroup(group);
    return restaurant ? [restaurant] : [];
  });
}

function sameKey(presented: string, stored: string): boolean {
  const a = Buffer.from(presented);
  const b = Buffer.from(stored);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** For an order channel, `order` is the order as stored (undefined when unknown); other channels need none. */
export function mayWatchOrderUpdates(watcher: Watcher, channel: OrderUpdateChannel, order?: WatchedOrder): boolean {
  switch (channel.kind) {
    case "customer":
      return watcher.customerId !== undefined && watcher.customerId === channel.customerId;
    case "restaurant":
      return watcher.customerId !== undefined && staffRestaurantsOfWatcher(watcher).includes(channel.restaurantId);
    case "order": {
      if (!order) return false;
      if (channel.guestTrackingKey !== undefined) {
        return order.customerId === undefined && order.guestSecretHash !== undefined && sameKey(channel.guestTrackingKey, order.guestSecretHash);
      }
      if (watcher.customerId === undefined) return false;
      return order.customerId === watcher.customerId || staffRestaurantsOfWatcher(watcher).includes(order.restaurantId);
    }
  }
}

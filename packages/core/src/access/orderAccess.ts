// Who may do what with an order — the one place. Every use case that reads or writes an order
// asks here first, with the caller the verified identity gave and the order as stored.
//
//   action           owner (customer/staff)  guest secret*  staff of its restaurant  backend (IAM)
//   read             yes                     yes            yes                      yes
//   change, cancel   yes                     yes            no                       no
//   hideFromHistory  yes                     no             no                       no
//   claim            yes (already theirs)    signed in only no                       no
//   kitchen          no                      no             yes                      no
//
// `kitchen` is a kitchen stage change or the shop's cancellation (with its refund). A restaurant's
// own screens and settings (mayRunKitchen) are its staff's alone; reordering needs `read`, trying
// another card `change`.
//
// * the order's guest secret, for an order no account owns yet. A refusal is answered exactly
//   like an unknown order (see OrderNotFoundError), so ids cannot be probed.
//
// Live updates (mayWatchOrderUpdates, decided when a subscription starts; AppSync then delivers
// only publishes whose fields equal the subscription's arguments):
//   onOrderUpdate(orderId)               its owner; staff of its restaurant (as for read)
//   onOrderUpdate(orderId, trackingKey)  a guest whose key is the order's stored secret hash
//   onCustomerOrderUpdates(customerId)   that signed-in customer only
//   onRestaurantOrderUpdates(restaurant) staff of that restaurant only
// Why a guest proves the order with the hash and not the secret: without enhanced filtering an
// argument can only match a published field of the same name, and the server keeps only the hash,
// so the update carries it (as guestTrackingKey, only while no account owns the order). The key
// opens the live status of that one order; reading, changing or cancelling still needs the secret.
import { OrderNotFoundError } from "../errors";
import { type Caller, isSignedIn, type SignedInCaller, staffRestaurantsOf } from "./caller";
import { guestSecretMatches, guestTrackingKeyMatches } from "./guestSecret";

export type OrderAction = "read" | "change" | "cancel" | "hideFromHistory" | "claim" | "kitchen";

/** What access decisions look at on an order. */
export interface GuardedOrder {
  /** The owning account; absent on a guest order until it is claimed. */
  customerId?: string;
  restaurantId: string;
  /** SHA-256 of the guest secret; only on guest orders. */
  guestSecretHash?: string;
}

/** The order belongs to the caller's account (a use case tells "already theirs" from "to be claimed" with it). */
export function isOrderOwner(caller: Caller, order: GuardedOrder): boolean {
  return isSignedIn(caller) && order.customerId !== undefined && order.customerId === caller.customerId;
}

/**
 * A guest's proof opens an order no account owns yet: `matches` compares what was presented (the
 * secret, or for live updates its hash) with the stored hash.
 */
function provesGuestOrder(caller: Caller, order: GuardedOrder, matches: (storedHash: string | undefined) => boolean): boolean {
  return caller.kind !== "backend" && order.customerId === undefined && matches(order.guestSecretHash);
}

const bySecret = (guestSecret: string | undefined) => (storedHash: string | undefined) => guestSecretMatches(guestSecret, storedHash);

function isStaffOf(caller: Caller, order: GuardedOrder): boolean {
  return staffRestaurantsOf(caller).includes(order.restaurantId);
}

export function mayAccessOrder(caller: Caller, action: OrderAction, order: GuardedOrder, guestSecret?: string): boolean {
  switch (action) {
    case "read":
      return isOrderOwner(caller, order) || provesGuestOrder(caller, order, bySecret(guestSecret)) || isStaffOf(caller, order) || caller.kind === "backend";
    case "change":
    case "cancel":
      return isOrderOwner(caller, order) || provesGuestOrder(caller, order, bySecret(guestSecret));
    case "hideFromHistory":
      return isOrderOwner(caller, order);
    case "claim":
      return isSignedIn(caller) && (isOrderOwner(caller, order) || provesGuestOrder(caller, order, bySecret(guestSecret)));
    case "kitchen":
      return isStaffOf(caller, order);
  }
}

/** The restaurant's kitchen screens and settings: its staff only. */
export function mayRunKitchen(caller: Caller, restaurantId: string): boolean {
  return staffRestaurantsOf(caller).includes(restaurantId);
}

/** The order if the caller may do `action` with it; otherwise the same error as for an unknown id. */
export function requireOrderAccess<O extends GuardedOrder>(
  caller: Caller,
  action: OrderAction,
  orderId: string,
  order: O | undefined,
  guestSecret?: string,
): O {
  if (!order || !mayAccessOrder(caller, action, order, guestSecret)) throw new OrderNotFoundError(orderId);
  return order;
}

/** Placing orders: guests and signed-in people; the backend does not order pizza. */
export function mayPlaceOrder(caller: Caller): boolean {
  return caller.kind !== "backend";
}

/** Listing "my orders" needs an account: a guest has no history (their browser keeps their ids). */
export function mayListOwnOrders(caller: Caller): caller is SignedInCaller {
  return isSignedIn(caller);
}

/** A live-update channel a subscription asks for (its arguments). */
export type OrderUpdateChannel =
  | { kind: "order"; orderId: string; guestTrackingKey?: string }
  | { kind: "customer"; customerId: string }
  | { kind: "restaurant"; restaurantId: string };

/** For an order channel, `order` is the order as stored (undefined when unknown); other channels need none. */
export function mayWatchOrderUpdates(caller: Caller, channel: OrderUpdateChannel, order?: GuardedOrder): boolean {
  switch (channel.kind) {
    case "customer":
      return isSignedIn(caller) && caller.customerId === channel.customerId;
    case "restaurant":
      return mayRunKitchen(caller, channel.restaurantId);
    case "order":
      if (!order) return false;
      if (channel.guestTrackingKey !== undefined) {
        const { guestTrackingKey } = channel;
        return provesGuestOrder(caller, order, (storedHash) => guestTrackingKeyMatches(guestTrackingKey, storedHash));
      }
      return isOrderOwner(caller, order) || isStaffOf(caller, order);
  }
}

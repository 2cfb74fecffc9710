// Who is calling, as the API's verified identity says (never as the request says): the one input
// every access decision takes. Built from AppSync's identity by the functions package
// (packages/functions/src/api/callerIdentity.ts); nothing else creates callers.

/** An API-key caller: no identity. Proves an order only by its id and guest secret. */
export interface GuestCaller {
  kind: "guest";
}

/** A signed-in person (Cognito user pool): their customer id is the verified token's `sub`. */
export interface CustomerCaller {
  kind: "customer";
  customerId: string;
  email?: string;
}

/**
 * A signed-in person who also works for one or more restaurants (Cognito groups
 * `staff-<restaurantId>`). They are a customer for their own orders, and may read the orders of
 * their restaurants.
 */
export interface StaffCaller {
  kind: "staff";
  customerId: string;
  email?: string;
  /** Restaurant ids from the menu, never empty. */
  restaurantIds: readonly string[];
}

/** The backend itself (AWS_IAM): reserved for publishers; it reads orders, it does not act as a customer. */
export interface BackendCaller {
  kind: "backend";
  principal: string;
}

export type Caller = GuestCaller | CustomerCaller | StaffCaller | BackendCaller;
export type SignedInCaller = CustomerCaller | StaffCaller;

export const GUEST: GuestCaller = { kind: "guest" };

export function isSignedIn(caller: Caller): caller is SignedInCaller {
  return caller.kind === "customer" || caller.kind === "staff";
}

/** The restaurants the caller works for (empty unless staff). */
export function staffRestaurantsOf(caller: Caller): readonly string[] {
  return caller.kind === "staff" ? caller.restaurantIds : [];
}

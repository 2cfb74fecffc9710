// postOrder's idempotency record: one item per (caller, client token) in the orders table,
// reserving the order id before the order is written.
//
// Why a conditional write of our own and not Powertools Idempotency: Powertools keeps its record
// apart from the order and marks it complete only after the handler returns, so a crash between
// the order write and that mark leaves an "in progress" record that expires and lets a retry
// place a second order; it would also store the whole answer — a guest's secret in plain text.
// Why not a deterministic order id (hash of caller and token): order ids are ULIDs whose time
// prefix sorts "my orders"; a hash cannot carry the time. Why not TransactWriteItems (token item
// + order in one transaction): dynalite 4 does not implement it, and local mode must behave as
// AWS does. So: a reservation item written with `attribute_not_exists` (one conditional PutItem,
// identical in dynalite and DynamoDB) holds the order id; the order is then written under that
// id, also conditionally. Every step can be repeated by a retry — the order is built and created
// by whichever call finds it missing — so a crash anywhere leaves nothing a retry cannot finish.
//
// Its key lives in the order table's partition-key space (`orderId`) under a prefix no ULID can
// have ('#' is not Crockford base32), carries no index attribute (so it is in neither GSI) and no
// order attribute (so no order condition can ever match it); OrderRepository.get never returns it.
import { type Caller, isSignedIn } from "../access/caller";
import { sha256Base64url } from "../digest";
import type { ValidPlaceOrderInput } from "./rules";

export const CHECKOUT_ATTEMPT_KEY_PREFIX = "checkoutAttempt#";
export const CHECKOUT_ATTEMPT_RECORD_TYPE = "checkoutAttempt";

export interface CheckoutAttempt {
  /** CHECKOUT_ATTEMPT_KEY_PREFIX + hash(caller, token): the item's `orderId` key. */
  key: string;
  /** The order this attempt places (reserved before the order is written). */
  placedOrderId: string;
  /** Hash of the validated input, to tell a retry from a different order under the same token. */
  inputFingerprint: string;
  createdAt: string;
}

/**
 * Whose token it is. A signed-in person is their account (customer or staff: the same person);
 * guests have no identity, so for a guest the token alone is the identity — the same token from
 * any API-key caller is the same attempt (and proves it: see guestSecretForClientToken).
 */
function tokenOwner(caller: Caller): string {
  if (isSignedIn(caller)) return `customer:${caller.customerId}`;
  return caller.kind;
}

/** The table never holds the token itself (for a guest it is a credential): only this hash. */
export function checkoutAttemptKey(caller: Caller, clientToken: string): string {
  return `${CHECKOUT_ATTEMPT_KEY_PREFIX}${sha256Base64url(`pizza-orders checkout attempt v1\n${tokenOwner(caller)}\n${clientToken}`)}`;
}

/** The same order asked for twice gives the same fingerprint (each line's toppings in any order). */
export function inputFingerprint(input: ValidPlaceOrderInput): string {
  const { clientToken: _token, ...order } = input;
  const canonical = { ...order, lines: order.lines.map((line) => ({ ...line, toppings: [...line.toppings].sort() })) };
  const sorted = Object.fromEntries(
    Object.entries(canonical)
      .filter(([, value]) => value !== undefined)
      .sort(([a], [b]) => a.localeCompare(b)),
  );
  return sha256Base64url(JSON.stringify(sorted));
}

import { type Caller, isSignedIn } from "../access/caller";
import { hashGuestSecret } from "../access/guestSecret";
import { isOrderOwner, mayAccessOrder } from "../access/orderAccess";
import { SignInRequiredError } from "../errors";
import type { OrderRepository } from "./orderRepository";
import { GuestOrderClaimsSchema } from "./rules";
import { validate } from "./validation";

export interface GuestOrderClaimResult {
  id: string;
  claimed: boolean;
  reason?: string;
}

/** One answer for an unknown id, a wrong secret and someone else's order, so nothing can be probed. */
export const CLAIM_REFUSED = "No guest order with this id and secret.";

/**
 * Moves guest orders into the signed-in customer's account, each proven by its secret, with one
 * conditional write per order. Idempotent: an order that is already the caller's is claimed.
 */
export async function claimGuestOrders(orders: OrderRepository, caller: Caller, rawClaims: unknown): Promise<GuestOrderClaimResult[]> {
  if (!isSignedIn(caller)) throw new SignInRequiredError("Sign in to keep your guest orders in your account.");
  const claims = validate(GuestOrderClaimsSchema, rawClaims);
  const results: GuestOrderClaimResult[] = [];
  for (const claim of claims) {
    const key = { orderId: claim.id };
    const refused = { id: claim.id, claimed: false, reason: CLAIM_REFUSED };
    const order = await orders.get(key);
    if (!order || !mayAccessOrder(caller, "claim", order, claim.guestSecret)) {
      results.push(refused);
      continue;
    }
    if (isOrderOwner(caller, order)) {
      results.push({ id: claim.id, claimed: true });
      continue;
    }
    const claimed = await orders.claimGuestOrder(key, caller.customerId, hashGuestSecret(claim.guestSecret));
    // Lost a race: it counts as claimed only if the winner was this very customer.
    const latest = claimed ?? (await orders.get(key));
    results.push(latest && isOrderOwner(caller, latest) ? { id: claim.id, claimed: true } : refused);
  }
  return results;
}

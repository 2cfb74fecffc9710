// The access rules (packages/core/src/access/): the whole matrix of caller × order × proof ×
// action, against the table written out below from the requirements.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { accountOf } from "../src/access/account";
import type { Caller } from "../src/access/caller";
import { guestSecretMatches, hashGuestSecret, newGuestSecret } from "../src/access/guestSecret";
import { type GuardedOrder, mayAccessOrder, mayListOwnOrders, mayPlaceOrder, type OrderAction, requireOrderAccess } from "../src/access/orderAccess";
import { restaurantOfStaffGroup, staffGroupName, staffGroupsOfMenu } from "../src/access/staffGroups";
import { OrderNotFoundError, SignInRequiredError } from "../src/errors";
import { RESTAURANTS } from "../src/menu/menu";

const SECRET = newGuestSecret();
const OTHER_SECRET = newGuestSecret();

const callers = {
  guest: { kind: "guest" },
  alice: { kind: "customer", customerId: "alice", email: "alice@example.com" },
  bob: { kind: "customer", customerId: "bob" },
  dominosStaff: { kind: "staff", customerId: "carol", restaurantIds: ["Dominos"] },
  luigisStaff: { kind: "staff", customerId: "dave", restaurantIds: ["Luigis"] },
  backend: { kind: "backend", principal: "arn:aws:iam::000000000000:role/publisher" },
} satisfies Record<string, Caller>;
type CallerName = keyof typeof callers;

const orders = {
  alicesAtDominos: { customerId: "alice", restaurantId: "Dominos" },
  carolsOwnAtLuigis: { customerId: "carol", restaurantId: "Luigis" },
  guestsAtDominos: { restaurantId: "Dominos", guestSecretHash: hashGuestSecret(SECRET) },
} satisfies Record<string, GuardedOrder>;
type OrderName = keyof typeof orders;

const proofs = { none: undefined, right: SECRET, wrong: OTHER_SECRET } as const;
type ProofName = keyof typeof proofs;
const ACTIONS: OrderAction[] = ["read", "change", "cancel", "hideFromHistory", "claim", "kitchen"];

/** The requirements, written out: who may do what. */
function expected(caller: CallerName, order: OrderName, proof: ProofName, action: OrderAction): boolean {
  const owner = (caller === "alice" && order === "alicesAtDominos") || (caller === "dominosStaff" && order === "carolsOwnAtLuigis");
  const guestProof = order === "guestsAtDominos" && proof === "right" && caller !== "backend";
  const staffOfRestaurant =
    (caller === "dominosStaff" && orders[order].restaurantId === "Dominos") || (caller === "luigisStaff" && orders[order].restaurantId === "Luigis");
  const signedIn = ["alice", "bob", "dominosStaff", "luigisStaff"].includes(caller);
  switch (action) {
    case "read":
      return owner || guestProof || staffOfRestaurant || caller === "backend";
    case "change":
    case "cancel":
      return owner || guestProof;
    case "hideFromHistory":
      return owner;
    case "claim":
      return signedIn && (owner || guestProof);
    case "kitchen":
      // Only the restaurant's staff: not the owner (even a staff member's own order elsewhere), a guest or the backend.
      return staffOfRestaurant;
  }
}

describe("order access matrix", () => {
  it("allows exactly what the table says, for every caller, order, proof and action", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...(Object.keys(callers) as CallerName[])),
        fc.constantFrom(...(Object.keys(orders) as OrderName[])),
        fc.constantFrom(...(Object.keys(proofs) as ProofName[])),
        fc.constantFrom(...ACTIONS),
        (caller, order, proof, action) => {
          expect(mayAccessOrder(callers[caller], action, orders[order], proofs[proof]), `${caller} ${action} ${order} (${proof} secret)`).toBe(
            expected(caller, order, proof, action),
          );
        },
      ),
      { numRuns: 500 },
    );
  });

  it("lets a stranger do nothing with a customer's order, whatever secret they present", () => {
    fc.assert(
      fc.property(fc.string(), fc.constantFrom(...ACTIONS), (secret, action) => {
        expect(mayAccessOrder(callers.bob, action, orders.alicesAtDominos, secret)).toBe(false);
        expect(mayAccessOrder(callers.guest, action, orders.alicesAtDominos, secret)).toBe(false);
      }),
    );
  });

  it("never lets a guest secret open an order some account owns (a claimed order)", () => {
    const claimed = { ...orders.guestsAtDominos, customerId: "alice" };
    for (const action of ACTIONS) expect(mayAccessOrder(callers.guest, action, claimed, SECRET)).toBe(false);
  });

  it("answers a refusal exactly like an unknown order", () => {
    const unknown = (() => {
      try {
        requireOrderAccess(callers.bob, "read", "01UNKNOWN", undefined);
      } catch (error) {
        return error;
      }
    })();
    const refused = (() => {
      try {
        requireOrderAccess(callers.bob, "read", "01UNKNOWN", orders.alicesAtDominos);
      } catch (error) {
        return error;
      }
    })();
    expect(unknown).toBeInstanceOf(OrderNotFoundError);
    expect(refused).toEqual(unknown);
    expect(requireOrderAccess(callers.alice, "read", "01KNOWN", orders.alicesAtDominos)).toBe(orders.alicesAtDominos);
  });

  it("lets guests and signed-in people order, only signed-in people list, and the backend do neither", () => {
    expect(Object.entries(callers).filter(([, caller]) => mayPlaceOrder(caller)).map(([name]) => name)).toEqual([
      "guest",
      "alice",
      "bob",
      "dominosStaff",
      "luigisStaff",
    ]);
    expect(Object.entries(callers).filter(([, caller]) => mayListOwnOrders(caller)).map(([name]) => name)).toEqual(["alice", "bob", "dominosStaff", "luigisStaff"]);
  });
});

describe("guest secrets", () => {
  it("are at least 128 random bits, base64url, and stored only as a hash that does not contain them", () => {
    const secrets = Array.from({ length: 50 }, newGuestSecret);
    expect(new Set(secrets).size).toBe(secrets.length);
    for (const secret of secrets) {
      expect(secret).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(Buffer.from(secret, "base64url").length * 8).toBeGreaterThanOrEqual(128);
      const hash = hashGuestSecret(secret);
      expect(hash).not.toContain(secret);
      expect(hash).toBe(hashGuestSecret(secret));
    }
  });

  it("match only the secret they were made from", () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), (presented) => {
        expect(guestSecretMatches(presented, hashGuestSecret(SECRET))).toBe(presented === SECRET);
      }),
    );
    expect(guestSecretMatches(SECRET, hashGuestSecret(SECRET))).toBe(true);
    expect(guestSecretMatches(undefined, hashGuestSecret(SECRET))).toBe(false);
    expect(guestSecretMatches(SECRET, undefined)).toBe(false);
    expect(guestSecretMatches("", hashGuestSecret(""))).toBe(false);
  });
});

describe("staff groups", () => {
  it("name one group per restaurant of the menu, and read back only those", () => {
    expect(staffGroupsOfMenu().map((group) => group.groupName)).toEqual(RESTAURANTS.map((restaurant) => `staff-${restaurant.id}`));
    for (const restaurant of RESTAURANTS) expect(restaurantOfStaffGroup(staffGroupName(restaurant.id))).toBe(restaurant.id);
    expect(restaurantOfStaffGroup("staff-Nowhere")).toBeUndefined();
    expect(restaurantOfStaffGroup("admins")).toBeUndefined();
    expect(restaurantOfStaffGroup("Dominos")).toBeUndefined();
  });
});

describe("the account (me)", () => {
  it("is what the verified identity says, and needs a signed-in caller", () => {
    expect(accountOf(callers.alice)).toEqual({ customerId: "alice", email: "alice@example.com", staffOf: [] });
    expect(accountOf(callers.dominosStaff)).toEqual({ customerId: "carol", email: undefined, staffOf: ["Dominos"] });
    expect(() => accountOf(callers.guest)).toThrow(SignInRequiredError);
    expect(() => accountOf(callers.backend)).toThrow(SignInRequiredError);
  });
});

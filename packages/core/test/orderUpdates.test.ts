import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { mayWatchOrderUpdates, type Watcher } from "../src/access/orderUpdateWatch";
import { authorizeOrderUpdates, OrderUpdatesNotAuthorizedError } from "../src/changes/authorizeOrderUpdates";
import type { OrderChange } from "../src/changes/orderChange";
import { orderUpdateOf } from "../src/changes/orderUpdate";
import { ValidationError } from "../src/errors";

const secret = "guest-secret-of-the-order";
const secretHash = createHash("sha256").update(secret).digest("base64url");
const alice: Watcher = { customerId: "alice", groups: [] };
const bob: Watcher = { customerId: "bob", groups: [] };
const luigisCook: Watcher = { customerId: "cook", groups: ["staff-Luigis"] };
const guest: Watcher = { groups: [] };
const alicesOrder = { customerId: "alice", restaurantId: "Luigis" };
const guestOrder = { restaurantId: "Luigis", guestSecretHash: secretHash };

const change: OrderChange = {
  orderId: "01ORDER",
  restaurantId: "Luigis",
  orderStatus: "PENDING_PAYMENT",
  sequence: 3,
  changeId: "c-3",
  at: "2026-11-29T12:00:00.000Z",
  name: "Margherita",
  quantity: 1,
  size: "MEDIUM",
  toppings: [],
  totalCents: 900,
  currency: "EUR",
  guestSecretHash: secretHash,
};

describe("who may watch live order updates", () => {
  it("lets the owner and staff of the order's restaurant watch an order, and nobody else without the key", () => {
    expect(mayWatchOrderUpdates(alice, { kind: "order", orderId: "o" }, alicesOrder)).toBe(true);
    expect(mayWatchOrderUpdates(luigisCook, { kind: "order", orderId: "o" }, alicesOrder)).toBe(true);
    expect(mayWatchOrderUpdates(bob, { kind: "order", orderId: "o" }, alicesOrder)).toBe(false);
    expect(mayWatchOrderUpdates(guest, { kind: "order", orderId: "o" }, alicesOrder)).toBe(false);
    expect(mayWatchOrderUpdates(alice, { kind: "order", orderId: "o" }, undefined)).toBe(false);
  });

  it("lets a guest watch an unclaimed guest order with its tracking key only", () => {
    expect(mayWatchOrderUpdates(guest, { kind: "order", orderId: "o", guestTrackingKey: secretHash }, guestOrder)).toBe(true);
    expect(mayWatchOrderUpdates(guest, { kind: "order", orderId: "o", guestTrackingKey: secret }, guestOrder)).toBe(false);
    expect(mayWatchOrderUpdates(guest, { kind: "order", orderId: "o", guestTrackingKey: `${secretHash.slice(0, -1)}A` }, guestOrder)).toBe(false);
    // Once an account owns it, the key no longer opens it.
    expect(mayWatchOrderUpdates(guest, { kind: "order", orderId: "o", guestTrackingKey: secretHash }, { ...guestOrder, customerId: "alice" })).toBe(false);
  });

  it("lets only the customer watch their orders and only staff watch their restaurant", () => {
    expect(mayWatchOrderUpdates(alice, { kind: "customer", customerId: "alice" })).toBe(true);
    expect(mayWatchOrderUpdates(bob, { kind: "customer", customerId: "alice" })).toBe(false);
    expect(mayWatchOrderUpdates(guest, { kind: "customer", customerId: "guest" })).toBe(false);
    expect(mayWatchOrderUpdates(luigisCook, { kind: "restaurant", restaurantId: "Luigis" })).toBe(true);
    expect(mayWatchOrderUpdates(luigisCook, { kind: "restaurant", restaurantId: "Dominos" })).toBe(false);
    expect(mayWatchOrderUpdates(alice, { kind: "restaurant", restaurantId: "Luigis" })).toBe(false);
  });

  it("refuses with AppSync's Unauthorized error and reads nothing for the customer and restaurant channels", async () => {
    const reads: string[] = [];
    const find = async (orderId: string) => {
      reads.push(orderId);
      return alicesOrder;
    };
    await expect(authorizeOrderUpdates("onCustomerOrderUpdates", { customerId: "alice" }, bob, find)).rejects.toThrow(OrderUpdatesNotAuthorizedError);
    await expect(authorizeOrderUpdates("onRestaurantOrderUpdates", { restaurantId: "Luigis" }, luigisCook, find)).resolves.toBeUndefined();
    expect(reads).toEqual([]);
    await expect(authorizeOrderUpdates("onOrderUpdate", { orderId: "o1" }, bob, find)).rejects.toMatchObject({ name: "Unauthorized", message: "Not Authorized to access onOrderUpdate on type Subscription" });
    expect(reads).toEqual(["o1"]);
    await expect(authorizeOrderUpdates("onOrderUpdate", { orderId: "" }, alice, find)).rejects.toThrow(ValidationError);
  });
});

describe("the published update", () => {
  it("carries the filter fields, and the guest tracking key only while no account owns the order", () => {
    const update = orderUpdateOf(change);
    expect(update).toMatchObject({ orderId: "01ORDER", customerId: null, restaurantId: "Luigis", orderStatus: "PENDING_PAYMENT", sequence: 3, changeId: "c-3", guestTrackingKey: secretHash });
    expect(orderUpdateOf({ ...change, customerId: "alice" }).guestTrackingKey).toBeNull();
    expect(JSON.stringify(update)).not.toContain(secret);
  });
});

import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { type Caller, GUEST } from "../src/access/caller";
import { hashGuestSecret } from "../src/access/guestSecret";
import { mayWatchOrderUpdates } from "../src/access/orderAccess";
import { AppSyncOrderUpdatePublisher } from "../src/changes/appsyncPublisher";
import { authorizeOrderUpdates } from "../src/changes/authorizeOrderUpdates";
import { orderChangeFromStreamRecord } from "../src/changes/orderChange";
import { orderUpdateOf } from "../src/changes/orderUpdate";
import { OrderUpdatesNotAuthorizedError, ValidationError } from "../src/errors";
import type { Order } from "../src/order/order";
import { storedItem, streamRecord } from "./support/orderRecords";

const secret = "guest-secret-of-the-order";
// SHA-256, base64url: what a guest's browser computes from its secret (web/src/live) and what the server stores.
const secretHash = createHash("sha256").update(secret).digest("base64url");
const alice: Caller = { kind: "customer", customerId: "alice" };
const bob: Caller = { kind: "customer", customerId: "bob" };
const luigisCook: Caller = { kind: "staff", customerId: "cook", restaurantIds: ["Luigis"] };
const guest: Caller = GUEST;
const backend: Caller = { kind: "backend", principal: "arn:aws:iam::000000000000:user/publisher" };
const alicesOrder = { customerId: "alice", restaurantId: "Luigis" };
const guestOrder = { restaurantId: "Luigis", guestSecretHash: secretHash };

/** The change the stream consumer makes of a guest order's move to PENDING_PAYMENT. */
function guestOrderChange(overrides: Partial<Order> = {}) {
  const at = (minute: number) => `2026-11-29T12:0${minute}:00.000Z`;
  const guestOrder: Partial<Order> = {
    customerId: undefined,
    guestSecretHash: secretHash,
    quantity: 1,
    size: "MEDIUM",
    toppings: [],
    customerEmail: undefined,
    totalCents: 900,
    createdAt: at(0),
    ...overrides,
  };
  const before = storedItem(guestOrder);
  const after = storedItem({
    ...guestOrder,
    orderStatus: "PENDING_PAYMENT",
    updatedAt: at(1),
    statusHistory: [
      { status: "QUEUED", at: at(0) },
      { status: "PENDING_PAYMENT", at: at(1) },
    ],
  });
  return orderChangeFromStreamRecord(streamRecord("MODIFY", before, after))!;
}

describe("who may watch live order updates", () => {
  it("lets the owner and staff of the order's restaurant watch an order, and nobody else without the key", () => {
    expect(mayWatchOrderUpdates(alice, { kind: "order", orderId: "o" }, alicesOrder)).toBe(true);
    expect(mayWatchOrderUpdates(luigisCook, { kind: "order", orderId: "o" }, alicesOrder)).toBe(true);
    expect(mayWatchOrderUpdates(bob, { kind: "order", orderId: "o" }, alicesOrder)).toBe(false);
    expect(mayWatchOrderUpdates(guest, { kind: "order", orderId: "o" }, alicesOrder)).toBe(false);
    expect(mayWatchOrderUpdates(alice, { kind: "order", orderId: "o" }, undefined)).toBe(false);
  });

  it("lets a guest watch an unclaimed guest order with its tracking key only", () => {
    expect(secretHash).toBe(hashGuestSecret(secret));
    expect(mayWatchOrderUpdates(guest, { kind: "order", orderId: "o", guestTrackingKey: secretHash }, guestOrder)).toBe(true);
    expect(mayWatchOrderUpdates(backend, { kind: "order", orderId: "o", guestTrackingKey: secretHash }, guestOrder)).toBe(false);
    expect(mayWatchOrderUpdates(guest, { kind: "order", orderId: "o", guestTrackingKey: secret }, guestOrder)).toBe(false);
    expect(mayWatchOrderUpdates(guest, { kind: "order", orderId: "o", guestTrackingKey: `${secretHash.slice(0, -1)}A` }, guestOrder)).toBe(false);
    // Once an account owns it, the key no longer opens it.
    expect(mayWatchOrderUpdates(guest, { kind: "order", orderId: "o", guestTrackingKey: secretHash }, { ...guestOrder, customerId: "alice" })).toBe(false);
  });

  it("lets only the customer watch their orders and only staff watch their restaurant", () => {
    expect(mayWatchOrderUpdates(alice, { kind: "customer", customerId: "alice" })).toBe(true);
    expect(mayWatchOrderUpdates(bob, { kind: "customer", customerId: "alice" })).toBe(false);
    expect(mayWatchOrderUpdates(guest, { kind: "customer", customerId: "guest" })).toBe(false);
    expect(mayWatchOrderUpdates(backend, { kind: "customer", customerId: "alice" })).toBe(false);
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
    await expect(authorizeOrderUpdates("onOrderUpdate", { orderId: "o1" }, bob, find)).rejects.toMatchObject({
      name: "Unauthorized",
      message: "Not Authorized to access onOrderUpdate on type Subscription",
    });
    expect(reads).toEqual(["o1"]);
    await expect(authorizeOrderUpdates("onOrderUpdate", { orderId: "" }, alice, find)).rejects.toThrow(ValidationError);
  });
});

describe("the published update", () => {
  it("is the stream's change: filter fields, history index as sequence, and the guest tracking key only while no account owns the order", () => {
    const update = orderUpdateOf(guestOrderChange());
    expect(update).toMatchObject({
      orderId: "01ORDER",
      customerId: null,
      restaurantId: "Luigis",
      orderStatus: "PENDING_PAYMENT",
      sequence: 1,
      changeId: "01ORDER#1",
      at: "2026-11-29T12:01:00.000Z",
      guestTrackingKey: secretHash,
    });
    expect(orderUpdateOf(guestOrderChange({ customerId: "alice", guestSecretHash: undefined })).guestTrackingKey).toBeNull();
    // A claimed order's leftover hash (claims remove it; an old image could still carry one) is not published.
    expect(orderUpdateOf(guestOrderChange({ customerId: "alice" }))).toMatchObject({ customerId: "alice", guestTrackingKey: null });
    expect(JSON.stringify(update)).not.toContain(secret);
    expect(JSON.stringify(update)).not.toContain("tok_visa");
  });
});

describe("the AppSync publisher", () => {
  it("signs every publish with the credentials of that moment (Lambda rotates them) and sends the update", async () => {
    const requests: Array<{ url: string; headers: Record<string, string>; body: string }> = [];
    const fakeFetch = (async (url: URL, init: { headers: Record<string, string>; body: string }) => {
      requests.push({ url: String(url), headers: init.headers, body: init.body });
      return new Response(JSON.stringify({ data: { publishOrderUpdate: { orderId: "01ORDER" } } }), { status: 200 });
    }) as unknown as typeof fetch;
    let accessKeyId = "AKIDFIRST";
    const publisher = new AppSyncOrderUpdatePublisher({
      graphqlUrl: "https://example.appsync-api.us-east-1.amazonaws.com/graphql",
      region: "us-east-1",
      credentials: () => ({ accessKeyId, secretAccessKey: "secret" }),
      fetch: fakeFetch,
    });
    await publisher.publish(guestOrderChange());
    accessKeyId = "AKIDROTATED";
    await publisher.publish(guestOrderChange());
    expect(requests.map((request) => request.url)).toEqual([
      "https://example.appsync-api.us-east-1.amazonaws.com/graphql",
      "https://example.appsync-api.us-east-1.amazonaws.com/graphql",
    ]);
    expect(requests[0]!.headers.authorization).toContain("Credential=AKIDFIRST/");
    expect(requests[1]!.headers.authorization).toContain("Credential=AKIDROTATED/");
    expect(JSON.parse(requests[0]!.body).variables.update).toMatchObject({ orderId: "01ORDER", changeId: "01ORDER#1", guestTrackingKey: secretHash });
  });
});

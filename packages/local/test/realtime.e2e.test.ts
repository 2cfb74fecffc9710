// Live order updates end to end through a running local shop, with the client the web app uses
// (Apollo + aws-appsync-subscription-link) on the local API's AppSync real-time endpoint. Nothing
// here publishes: every update is a committed write (the workflow's, a customer's cancel, the
// reconciler's) that the change feed hands to the OrderChanges function, whose AppSync publisher
// calls the IAM-only publishOrderUpdate through the local API (ORDERS_API_URL, SigV4 with the
// local credentials). Subscriptions are authorised when they start; bad tokens close with an
// error; a dropped connection reconnects and catches up with one read.
//
// An order channel needs the order's id, which exists only once the order is placed — and locally
// the pipeline finishes well within a subscriber's handshake. So the orders a per-order channel
// follows are placed with their queue message lost (as a crash after the write leaves them, see
// reconciler.e2e), the subscription starts, and then the message is sent: the workflow moves the
// order on while the subscriber watches, as a real tracker sees it after its first read.
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import type { Caller } from "@pizza-orders/core/access/caller";
import { hashGuestSecret } from "@pizza-orders/core/access/guestSecret";
import { orderDocumentClient } from "@pizza-orders/core/aws/clients";
import { orderQueueFromEnv } from "@pizza-orders/core/aws/orderServices";
import { AppSyncOrderUpdatePublisher } from "@pizza-orders/core/changes/appsyncPublisher";
import { orderChangeFromStreamRecord } from "@pizza-orders/core/changes/orderChange";
import type { OrderQueue } from "@pizza-orders/core/order/orderQueue";
import { OrderRepository } from "@pizza-orders/core/order/orderRepository";
import { placeOrder as placeOrderInCore } from "@pizza-orders/core/order/placeOrder";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LOCAL_CREDENTIALS, localClientConfig } from "../src/aws/localClientConfig";
import { LOCAL_REGION } from "../src/aws/localResources";
import type { LocalShop } from "../src/localShop";
import { type SignedInCustomer, signUpCustomer } from "./support/customers";
import { graphql } from "./support/graphqlClient";
import { ON_CUSTOMER_ORDER_UPDATES, ON_ORDER_UPDATE, ON_RESTAURANT_ORDER_UPDATES, type Subscriber, subscribe } from "./support/subscriptionClient";
import { startTestShop, stopTestShop, waitForOrdersToFinish } from "./support/testShop";
import { resignedWith, signedByAnotherKey } from "./support/tokens";
import { waitFor } from "./support/waitFor";

const PAID_ORDER = { name: "Margherita", quantity: 2, restaurantId: "Luigis", paymentToken: "tok_visa" };
const HOUR_AGO = () => new Date(Date.now() - 60 * 60 * 1000);
/** A queue whose message is lost after SendMessage answered. */
const losingQueue = { enqueue: async () => undefined } as unknown as OrderQueue;

let shop: LocalShop;
let dynamo: DynamoDBClient;
let orders: OrderRepository;
let queue: OrderQueue;
let owner: SignedInCustomer;
let stranger: SignedInCustomer;
let luigisCook: SignedInCustomer;
let dominosCook: SignedInCustomer;
const opened: Subscriber[] = [];

function watch(...args: Parameters<typeof subscribe>): Subscriber {
  const subscriber = subscribe(...args);
  opened.push(subscriber);
  return subscriber;
}

/** An order placed through the API (its message reaches the queue; the workflow runs at once). */
async function placeThroughApi(customer: SignedInCustomer): Promise<string> {
  const placed = await graphql<{ postOrder: { id: string } }>(
    shop.graphqlUrl,
    "mutation($input: OrderInput!) { postOrder(input: $input) { id } }",
    { input: PAID_ORDER },
    { token: customer.idToken },
  );
  if (!placed.body.data?.postOrder) throw new Error(`postOrder failed: ${JSON.stringify(placed.body)}`);
  return placed.body.data.postOrder.id;
}

/** An order written, its queue message lost: it stays QUEUED until `release` sends the message. */
/**
 * An order placed with its queue message held back: it waits QUEUED until `release`. Returns once
 * its placement went through the change feed (and so was published), so a subscription opened
 * afterwards never sees the QUEUED change arrive late.
 */
async function placeHeld(caller: Caller, now?: () => Date) {
  const { order, guestSecret } = await placeOrderInCore({ orders, queue: losingQueue, ...(now ? { now } : {}) }, caller, PAID_ORDER);
  await waitFor(
    () => shop.changeFeed.stats(),
    (stats) => stats.lag === 0,
    "the order-changes consumer to publish the placement",
  );
  return { orderId: order.id, guestSecret, release: () => queue.enqueue({ orderId: order.id }) };
}

async function statusOf(orderId: string): Promise<string | undefined> {
  return (await orders.get({ orderId }))?.orderStatus;
}

/** The order finished and every change of the table reached the consumer (and so its publish). */
async function settled(orderId: string): Promise<void> {
  await waitForOrdersToFinish(shop, [orderId], statusOf);
  await waitFor(
    () => shop.changeFeed.stats(),
    (stats) => stats.lag === 0,
    "the order-changes consumer to catch up",
  );
  // A delivery already sent on the socket arrives within this (there is nothing else in flight).
  await new Promise((resolve) => setTimeout(resolve, 500));
}

const statuses = (subscriber: Subscriber, orderId: string) =>
  subscriber.updates.filter((update) => update.orderId === orderId).map((update) => update.orderStatus);
const changeIds = (subscriber: Subscriber, orderId: string) =>
  subscriber.updates.filter((update) => update.orderId === orderId).map((update) => update.changeId);

beforeAll(async () => {
  shop = await startTestShop({ realtimeKeepAliveMs: 1_000 });
  dynamo = new DynamoDBClient(localClientConfig(shop.endpoints.dynamodb));
  orders = new OrderRepository(orderDocumentClient(dynamo), shop.environment.ORDERS_TABLE_NAME!);
  // The shop's own queue (the test process has the shop's environment, as handler tests do).
  queue = orderQueueFromEnv();
  [owner, stranger, luigisCook, dominosCook] = await Promise.all([
    signUpCustomer(shop, { confirmWith: "admin" }),
    signUpCustomer(shop, { confirmWith: "admin" }),
    signUpCustomer(shop, { confirmWith: "admin", staffOf: "Luigis" }),
    signUpCustomer(shop, { confirmWith: "admin", staffOf: "Dominos" }),
  ]);
});

afterAll(async () => {
  for (const subscriber of opened) subscriber.stop();
  dynamo?.destroy();
  await stopTestShop(shop);
});

describe("live order updates from the change feed, over AppSync's real-time protocol", () => {
  it('a signed-in customer\'s order: "My orders" and the kitchen get every status the workflow writes, in order, exactly once; another kitchen nothing', async () => {
    const myOrders = watch(shop, { token: owner.idToken }, ON_CUSTOMER_ORDER_UPDATES, { customerId: owner.sub });
    const luigis = watch(shop, { token: luigisCook.idToken }, ON_RESTAURANT_ORDER_UPDATES, { restaurantId: "Luigis" });
    const dominos = watch(shop, { token: dominosCook.idToken }, ON_RESTAURANT_ORDER_UPDATES, { restaurantId: "Dominos" });
    await Promise.all([myOrders.whenStarted(), luigis.whenStarted(), dominos.whenStarted()]);

    const orderId = await placeThroughApi(owner);
    const strangersOrder = await placeThroughApi(stranger);
    await settled(orderId);
    await settled(strangersOrder);

    expect(statuses(myOrders, orderId)).toEqual(["QUEUED", "PENDING_PAYMENT", "RECEIVED"]);
    expect(changeIds(myOrders, orderId)).toEqual([`${orderId}#0`, `${orderId}#1`, `${orderId}#2`]);
    expect(myOrders.updates.every((update) => update.customerId === owner.sub)).toBe(true);
    expect(statuses(luigis, orderId)).toEqual(["QUEUED", "PENDING_PAYMENT", "RECEIVED"]);
    expect(statuses(luigis, strangersOrder)).toEqual(["QUEUED", "PENDING_PAYMENT", "RECEIVED"]);
    expect(dominos.updates).toEqual([]);
    for (const subscriber of [myOrders, luigis, dominos]) expect(subscriber.errors).toEqual([]);
  });

  it("the owner's tracker follows their order as the workflow moves it, each status once, in order — nothing of their other orders", async () => {
    const held = await placeHeld({ kind: "customer", customerId: owner.sub });
    const tracker = watch(shop, { token: owner.idToken }, ON_ORDER_UPDATE, { orderId: held.orderId });
    await tracker.whenStarted();
    const other = await placeThroughApi(owner);
    await settled(other);
    expect(tracker.updates).toEqual([]);

    await held.release();
    await settled(held.orderId);
    expect(statuses(tracker, held.orderId)).toEqual(["PENDING_PAYMENT", "RECEIVED"]);
    expect(tracker.updates.map((update) => update.sequence)).toEqual([1, 2]);
    expect(tracker.updates.every((update) => update.orderId === held.orderId)).toBe(true);
    expect(tracker.errors).toEqual([]);
  });

  it("a guest's tracker, with the hash of the secret postOrder gave (as the server stores it), follows the guest order", async () => {
    const held = await placeHeld({ kind: "guest" });
    const guestTrackingKey = hashGuestSecret(held.guestSecret!);
    expect((await orders.get({ orderId: held.orderId }))?.guestSecretHash).toBe(guestTrackingKey);
    const tracker = watch(shop, { apiKey: shop.apiKey }, ON_ORDER_UPDATE, { orderId: held.orderId, guestTrackingKey });
    await tracker.whenStarted();

    await held.release();
    await settled(held.orderId);
    expect(statuses(tracker, held.orderId)).toEqual(["PENDING_PAYMENT", "RECEIVED"]);
    expect(new Set(tracker.updates.map((update) => update.changeId)).size).toBe(2);
    expect(tracker.errors).toEqual([]);
  });

  it("a customer's cancel and a reconciler's finish each reach the tracker as exactly one update", async () => {
    const toCancel = await placeHeld({ kind: "customer", customerId: owner.sub });
    const stranded = await placeHeld({ kind: "guest" }, HOUR_AGO);
    const cancelTracker = watch(shop, { token: owner.idToken }, ON_ORDER_UPDATE, { orderId: toCancel.orderId });
    const strandedTracker = watch(shop, { apiKey: shop.apiKey }, ON_ORDER_UPDATE, {
      orderId: stranded.orderId,
      guestTrackingKey: hashGuestSecret(stranded.guestSecret!),
    });
    await Promise.all([cancelTracker.whenStarted(), strandedTracker.whenStarted()]);

    const cancelled = await graphql<{ cancelOrder: { orderStatus: string } }>(
      shop.graphqlUrl,
      "mutation($id: String!) { cancelOrder(id: $id) { orderStatus } }",
      { id: toCancel.orderId },
      { token: owner.idToken },
    );
    expect(cancelled.body.data?.cancelOrder.orderStatus).toBe("CANCELLED");
    const report = await shop.reconcileNow();
    expect(report.orders).toEqual(expect.arrayContaining([expect.objectContaining({ orderId: stranded.orderId, action: "ended", to: "CANCELLED" })]));
    await settled(toCancel.orderId);
    await settled(stranded.orderId);

    expect(statuses(cancelTracker, toCancel.orderId)).toEqual(["CANCELLED"]);
    expect(statuses(strandedTracker, stranded.orderId)).toEqual(["CANCELLED"]);
    expect(changeIds(strandedTracker, stranded.orderId)).toEqual([`${stranded.orderId}#1`]);
  });

  it("refuses a stranger's subscription to another's order, customer or restaurant — and delivers nothing to it", async () => {
    const held = await placeHeld({ kind: "customer", customerId: owner.sub });
    const guestHeld = await placeHeld({ kind: "guest" });
    const refused = [
      watch(shop, { token: stranger.idToken }, ON_ORDER_UPDATE, { orderId: held.orderId }),
      watch(shop, { token: stranger.idToken }, ON_CUSTOMER_ORDER_UPDATES, { customerId: owner.sub }),
      watch(shop, { token: stranger.idToken }, ON_RESTAURANT_ORDER_UPDATES, { restaurantId: "Luigis" }),
      // A cook of another restaurant is a stranger to Luigi's kitchen.
      watch(shop, { token: dominosCook.idToken }, ON_RESTAURANT_ORDER_UPDATES, { restaurantId: "Luigis" }),
      // A guest (API key) without the order's tracking key, with a made-up one, with the secret itself.
      watch(shop, { apiKey: shop.apiKey }, ON_ORDER_UPDATE, { orderId: held.orderId }),
      watch(shop, { apiKey: shop.apiKey }, ON_ORDER_UPDATE, { orderId: guestHeld.orderId, guestTrackingKey: "x".repeat(43) }),
      watch(shop, { apiKey: shop.apiKey }, ON_ORDER_UPDATE, { orderId: guestHeld.orderId, guestTrackingKey: guestHeld.guestSecret }),
      // The user-pool-only fields refuse an API-key caller by their auth directives.
      watch(shop, { apiKey: shop.apiKey }, ON_CUSTOMER_ORDER_UPDATES, { customerId: owner.sub }),
    ];
    for (const subscriber of refused) await subscriber.whenEnded();
    const openBefore = shop.graphql.subscriptions.size;

    await held.release();
    await guestHeld.release();
    await settled(held.orderId);
    await settled(guestHeld.orderId);
    for (const subscriber of refused) {
      expect(subscriber.started).toBe(false);
      // AppSync's errorType for a refused field, whether its directives or its resolver refused:
      // what a screen tells a refusal from an outage by (web/src/live/liveConnection.ts isRefusal).
      expect(subscriber.errors.join()).toMatch(/Unauthorized/);
      expect(subscriber.errors.join()).not.toMatch(/Lambda:Unhandled/);
      expect(subscriber.updates).toEqual([]);
    }
    expect(shop.graphql.subscriptions.size).toBe(openBefore);
  });

  it("closes a connection whose token is forged or expired with an error, and opens no subscription", async () => {
    const held = await placeHeld({ kind: "customer", customerId: owner.sub });
    const expired = resignedWith(shop, owner.idToken, { exp: Math.floor(Date.now() / 1000) - 60 });
    const forged = signedByAnotherKey(shop, owner.idToken);
    const openBefore = shop.graphql.subscriptions.size;
    const connectionsBefore = shop.realtime.openConnections;
    const refused = [expired, forged, `${owner.idToken.slice(0, -4)}AAAA`].map((token) => watch(shop, { token }, ON_ORDER_UPDATE, { orderId: held.orderId }));
    for (const subscriber of refused) await subscriber.whenEnded();
    // The server closed each refused connection.
    await waitFor(
      () => shop.realtime.openConnections,
      (open) => open === connectionsBefore,
      "the refused connections to close",
      5_000,
    );

    await held.release();
    await settled(held.orderId);
    for (const subscriber of refused) {
      expect(subscriber.started).toBe(false);
      expect(subscriber.errors.join()).toMatch(/UnauthorizedException/);
      expect(subscriber.updates).toEqual([]);
    }
    expect(shop.graphql.subscriptions.size).toBe(openBefore);
  });

  it("ends a subscription and closes its connection when the token they were opened with expires, and delivers nothing after", async () => {
    const held = await placeHeld({ kind: "customer", customerId: owner.sub });
    const openBefore = shop.graphql.subscriptions.size;
    const connectionsBefore = shop.realtime.openConnections;
    const shortLived = resignedWith(shop, owner.idToken, { exp: Math.floor(Date.now() / 1000) + 4 });
    const tracker = watch(shop, { token: shortLived }, ON_ORDER_UPDATE, { orderId: held.orderId });
    await tracker.whenStarted();
    expect(shop.graphql.subscriptions.size).toBe(openBefore + 1);

    await tracker.whenEnded();
    await waitFor(
      () => shop.realtime.openConnections,
      (open) => open === connectionsBefore,
      "the expired connection to close",
      5_000,
    );
    await held.release();
    await settled(held.orderId);
    expect(tracker.errors.join()).toMatch(/Token has expired|UnauthorizedException/);
    expect(tracker.updates).toEqual([]);
    expect(shop.graphql.subscriptions.size).toBe(openBefore);
  });

  it("refuses a publish that is not IAM-signed with the local credentials, and delivers nothing", async () => {
    const held = await placeHeld({ kind: "customer", customerId: owner.sub });
    const tracker = watch(shop, { token: owner.idToken }, ON_ORDER_UPDATE, { orderId: held.orderId });
    await tracker.whenStarted();
    await waitFor(
      () => shop.changeFeed.stats(),
      (stats) => stats.lag === 0,
      "the consumer to catch up",
    );
    const insert = shop.changeFeed.records().find((record) => record.dynamodb?.Keys?.orderId?.S === held.orderId && record.eventName === "INSERT")!;
    const change = orderChangeFromStreamRecord(insert)!;
    const update = {
      orderId: held.orderId,
      customerId: owner.sub,
      restaurantId: "Luigis",
      orderStatus: "RECEIVED",
      sequence: 9,
      changeId: "forged",
      at: change.entry.at,
      failureReason: null,
      name: "x",
      quantity: 1,
      size: "LARGE",
      toppings: [],
      totalCents: 1,
      currency: "EUR",
      guestTrackingKey: null,
    };
    const asCustomer = await graphql(
      shop.graphqlUrl,
      "mutation($u: OrderUpdateInput!) { publishOrderUpdate(update: $u) { orderId } }",
      { u: update },
      { token: owner.idToken },
    );
    const withWrongSecret = new AppSyncOrderUpdatePublisher({
      graphqlUrl: shop.graphqlUrl,
      region: LOCAL_REGION,
      credentials: () => ({ ...LOCAL_CREDENTIALS, secretAccessKey: "wrong" }),
    });
    await expect(withWrongSecret.handle(change)).rejects.toThrow(/InvalidSignatureException/);

    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(asCustomer.body.errors?.[0]?.errorType).toBe("Unauthorized");
    expect(tracker.updates).toEqual([]);
  });

  it("re-establishes a dropped connection; the client catches up with one read and then receives live updates again", async () => {
    const held = await placeHeld({ kind: "customer", customerId: owner.sub });
    const before = watch(shop, { token: owner.idToken }, ON_ORDER_UPDATE, { orderId: held.orderId });
    await before.whenStarted();
    shop.realtime.dropAllConnections();
    await before.whenEnded();

    const after = watch(shop, { token: owner.idToken }, ON_ORDER_UPDATE, { orderId: held.orderId });
    await after.whenStarted();
    const read = await graphql<{ order: { orderStatus: string } | null }>(
      shop.graphqlUrl,
      "query($id: String!) { order(id: $id) { orderStatus } }",
      { id: held.orderId },
      { token: owner.idToken },
    );
    expect(read.body.data?.order?.orderStatus).toBe("QUEUED");
    await held.release();
    await settled(held.orderId);
    expect(before.errors.length).toBe(1);
    expect(before.updates).toEqual([]);
    expect(statuses(after, held.orderId)).toEqual(["PENDING_PAYMENT", "RECEIVED"]);
  });
});

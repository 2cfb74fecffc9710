// Live order updates through the local API's AppSync real-time endpoint, with the client the web
// app uses (Apollo + aws-appsync-subscription-link): the backend's IAM-signed publishOrderUpdate
// (the same publisher code as the cloud, pointed at the local URL) reaches exactly the
// subscriptions whose arguments match; each subscription is authorised when it starts; bad
// credentials close the connection with an error; a dropped connection is re-established and the
// client catches up with one read.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppSyncOrderUpdatePublisher } from "@pizza-orders/core/changes/appsyncPublisher";
import { orderChangeOf } from "@pizza-orders/core/changes/orderChange";
import { type Order } from "@pizza-orders/core/order/order";
import { LOCAL_CREDENTIALS } from "../src/aws/localClientConfig";
import { LOCAL_REGION } from "../src/aws/localResources";
import type { LocalShop } from "../src/localShop";
import { signUpCustomer, type SignedInCustomer } from "./support/customers";
import { graphql } from "./support/graphqlClient";
import { ON_CUSTOMER_ORDER_UPDATES, ON_ORDER_UPDATE, ON_RESTAURANT_ORDER_UPDATES, subscribe, type Subscriber } from "./support/subscriptionClient";
import { startTestShop, stopTestShop } from "./support/testShop";
import { resignedWith, signedByAnotherKey } from "./support/tokens";
import { waitFor } from "./support/waitFor";

const POST_ORDER = `mutation { postOrder(input: { name: "Margherita", quantity: 2, restaurantId: "Luigis", paymentToken: "tok_visa" }) {
  id name quantity restaurantId size toppings orderStatus totalCents currency createdAt updatedAt statusHistory { status at } } }`;
const STAGES = ["QUEUED", "PENDING_PAYMENT", "COMPLETED"] as const;

let shop: LocalShop;
let owner: SignedInCustomer;
let stranger: SignedInCustomer;
let luigisCook: SignedInCustomer;
let dominosCook: SignedInCustomer;
let publisher: AppSyncOrderUpdatePublisher;
const opened: Subscriber[] = [];

function watch(...args: Parameters<typeof subscribe>): Subscriber {
  const subscriber = subscribe(...args);
  opened.push(subscriber);
  return subscriber;
}

async function placeOrder(customer: SignedInCustomer): Promise<Order> {
  const placed = await graphql<{ postOrder: Omit<Order, "customerId" | "version"> }>(shop.graphqlUrl, POST_ORDER, {}, { token: customer.idToken });
  if (!placed.body.data?.postOrder) throw new Error(`postOrder failed: ${JSON.stringify(placed.body)}`);
  return { ...placed.body.data.postOrder, customerId: customer.sub, version: 1 };
}

/** The order as each stage's committed write leaves it (what the change source hands the publisher). */
function atStage(order: Order, stage: number): Order {
  const history = STAGES.slice(0, stage + 1).map((status, index) => ({ status, at: new Date(Date.parse(order.createdAt) + index * 1000).toISOString() }));
  return { ...order, orderStatus: STAGES[stage]!, statusHistory: history, updatedAt: history.at(-1)!.at };
}

async function publishStages(order: Order, stages: readonly number[]): Promise<void> {
  for (const stage of stages) await publisher.publish(orderChangeOf(atStage(order, stage), `${order.id}-${stage}`));
}

beforeAll(async () => {
  shop = await startTestShop({ realtimeKeepAliveMs: 1_000 });
  [owner, stranger, luigisCook, dominosCook] = await Promise.all([
    signUpCustomer(shop, { confirmWith: "admin" }),
    signUpCustomer(shop, { confirmWith: "admin" }),
    signUpCustomer(shop, { confirmWith: "admin", staffOf: "Luigis" }),
    signUpCustomer(shop, { confirmWith: "admin", staffOf: "Dominos" }),
  ]);
  // The publisher as a function builds it: the API's URL and the runtime's credentials.
  publisher = new AppSyncOrderUpdatePublisher({ graphqlUrl: shop.graphqlUrl, region: LOCAL_REGION, credentials: () => LOCAL_CREDENTIALS });
});

afterAll(async () => {
  for (const subscriber of opened) subscriber.stop();
  await stopTestShop(shop);
});

describe("live order updates over AppSync's real-time protocol", () => {
  it("gives the owner every published stage of their order, in order, exactly once — and nothing of another order", async () => {
    const order = await placeOrder(owner);
    const other = await placeOrder(owner);
    const tracker = watch(shop, { token: owner.idToken }, ON_ORDER_UPDATE, { orderId: order.id });
    await tracker.whenStarted();

    await publishStages(order, [0, 1]);
    await publishStages(other, [0, 1, 2]);
    await publishStages(order, [2]);

    await waitFor(() => tracker.updates.length, (count) => count >= 3, "three updates");
    // Anything still in flight would arrive with the next keep-alive at the latest.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(tracker.updates.map((update) => update.orderStatus)).toEqual(["QUEUED", "PENDING_PAYMENT", "COMPLETED"]);
    expect(tracker.updates.every((update) => update.orderId === order.id && update.customerId === owner.sub && update.restaurantId === "Luigis")).toBe(true);
    expect(new Set(tracker.updates.map((update) => update.changeId)).size).toBe(3);
    const sequences = tracker.updates.map((update) => update.sequence);
    expect(sequences).toEqual([...sequences].sort((a, b) => a - b));
    expect(tracker.errors).toEqual([]);
  });

  it("gives \"My orders\" and the restaurant's kitchen their updates; another restaurant's kitchen receives nothing", async () => {
    const myOrders = watch(shop, { token: owner.idToken }, ON_CUSTOMER_ORDER_UPDATES, { customerId: owner.sub });
    const luigis = watch(shop, { token: luigisCook.idToken }, ON_RESTAURANT_ORDER_UPDATES, { restaurantId: "Luigis" });
    const dominos = watch(shop, { token: dominosCook.idToken }, ON_RESTAURANT_ORDER_UPDATES, { restaurantId: "Dominos" });
    await Promise.all([myOrders.whenStarted(), luigis.whenStarted(), dominos.whenStarted()]);

    const order = await placeOrder(owner);
    const strangersOrder = await placeOrder(stranger);
    await publishStages(order, [0, 1, 2]);
    await publishStages(strangersOrder, [0]);

    await waitFor(() => luigis.updates.length, (count) => count >= 4, "the kitchen's four updates");
    await waitFor(() => myOrders.updates.length, (count) => count >= 3, "the customer's three updates");
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(myOrders.updates.map((update) => [update.orderId, update.orderStatus])).toEqual(STAGES.map((status) => [order.id, status]));
    expect(luigis.updates.map((update) => update.orderId)).toEqual([order.id, order.id, order.id, strangersOrder.id]);
    expect(dominos.updates).toEqual([]);
    expect(dominos.errors).toEqual([]);
  });

  it("refuses a stranger's subscription to another's order, customer or restaurant — and delivers nothing to it", async () => {
    const order = await placeOrder(owner);
    const refused = [
      watch(shop, { token: stranger.idToken }, ON_ORDER_UPDATE, { orderId: order.id }),
      watch(shop, { token: stranger.idToken }, ON_CUSTOMER_ORDER_UPDATES, { customerId: owner.sub }),
      watch(shop, { token: stranger.idToken }, ON_RESTAURANT_ORDER_UPDATES, { restaurantId: "Luigis" }),
      // A cook of another restaurant is a stranger to Luigi's kitchen.
      watch(shop, { token: dominosCook.idToken }, ON_RESTAURANT_ORDER_UPDATES, { restaurantId: "Luigis" }),
      // A guest (API key) without the order's tracking key, and with a made-up one.
      watch(shop, { apiKey: shop.apiKey }, ON_ORDER_UPDATE, { orderId: order.id }),
      watch(shop, { apiKey: shop.apiKey }, ON_ORDER_UPDATE, { orderId: order.id, guestTrackingKey: "x".repeat(43) }),
      // The user-pool-only fields refuse an API-key caller by their auth directives.
      watch(shop, { apiKey: shop.apiKey }, ON_CUSTOMER_ORDER_UPDATES, { customerId: owner.sub }),
    ];
    for (const subscriber of refused) await subscriber.whenEnded();
    const openBefore = shop.graphql.subscriptions.size;

    await publishStages(order, [0, 1]);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    for (const subscriber of refused) {
      expect(subscriber.started).toBe(false);
      expect(subscriber.errors.join()).toMatch(/Unauthorized|Not Authorized/);
      expect(subscriber.updates).toEqual([]);
    }
    expect(shop.graphql.subscriptions.size).toBe(openBefore);
  });

  it("closes a connection whose token is forged or expired with an error, and opens no subscription", async () => {
    const order = await placeOrder(owner);
    const expired = resignedWith(shop, owner.idToken, { exp: Math.floor(Date.now() / 1000) - 60 });
    const forged = signedByAnotherKey(shop, owner.idToken);
    const openBefore = shop.graphql.subscriptions.size;
    const connectionsBefore = shop.realtime.openConnections;
    const refused = [expired, forged, `${owner.idToken.slice(0, -4)}AAAA`].map((token) => watch(shop, { token }, ON_ORDER_UPDATE, { orderId: order.id }));
    for (const subscriber of refused) await subscriber.whenEnded();
    // The server closed each refused connection.
    await waitFor(() => shop.realtime.openConnections, (open) => open === connectionsBefore, "the refused connections to close", 5_000);

    await publishStages(order, [0]);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    for (const subscriber of refused) {
      expect(subscriber.started).toBe(false);
      expect(subscriber.errors.join()).toMatch(/UnauthorizedException/);
      expect(subscriber.updates).toEqual([]);
    }
    expect(shop.graphql.subscriptions.size).toBe(openBefore);
  });

  it("refuses a publish that is not IAM-signed, and delivers nothing", async () => {
    const order = await placeOrder(owner);
    const tracker = watch(shop, { token: owner.idToken }, ON_ORDER_UPDATE, { orderId: order.id });
    await tracker.whenStarted();
    const change = orderChangeOf(atStage(order, 0), "forged");
    const asCustomer = await graphql(shop.graphqlUrl, "mutation($u: OrderUpdateInput!) { publishOrderUpdate(update: $u) { orderId } }", { u: { ...change, customerId: owner.sub, guestSecretHash: undefined, toppings: [...change.toppings], failureReason: null } }, { token: owner.idToken });
    const withWrongSecret = new AppSyncOrderUpdatePublisher({ graphqlUrl: shop.graphqlUrl, region: LOCAL_REGION, credentials: () => ({ ...LOCAL_CREDENTIALS, secretAccessKey: "wrong" }) });
    await expect(withWrongSecret.publish(change)).rejects.toThrow(/InvalidSignatureException/);

    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(asCustomer.body.errors?.[0]?.errorType).toBe("Unauthorized");
    expect(tracker.updates).toEqual([]);
  });

  it("re-establishes a dropped connection; the client catches up with one read and then receives live updates again", async () => {
    const order = await placeOrder(owner);
    const before = watch(shop, { token: owner.idToken }, ON_ORDER_UPDATE, { orderId: order.id });
    await before.whenStarted();
    await publishStages(order, [0]);
    await waitFor(() => before.updates.length, (count) => count === 1, "the first update");

    shop.realtime.dropAllConnections();
    await before.whenEnded();
    // Published while the client was away: only a read can show it.
    await publishStages(order, [1]);

    const after = watch(shop, { token: owner.idToken }, ON_ORDER_UPDATE, { orderId: order.id });
    await after.whenStarted();
    const read = await graphql<{ order: { orderStatus: string } | null }>(shop.graphqlUrl, "query($id: String!) { order(id: $id) { orderStatus } }", { id: order.id }, { token: owner.idToken });
    expect(read.body.data?.order).not.toBeNull();
    await publishStages(order, [2]);
    await waitFor(() => after.updates.length, (count) => count === 1, "the live update after reconnecting");
    expect(before.errors.length).toBe(1);
    expect(after.updates.map((update) => update.orderStatus)).toEqual(["COMPLETED"]);
  });
});

// The kitchen end to end through the local API (the same schema, handlers, workflow and auth as
// the cloud): a cart of three lines is paid and handed to the kitchen, the restaurant's staff move
// it through every stage to completed; a shop cancel refunds it; a closed restaurant refuses an
// order with nothing written; staff of another restaurant see and change nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LocalShop } from "../src/localShop";
import { type SignedInCustomer, signUpCustomer } from "./support/customers";
import { type GraphqlAuth, graphql } from "./support/graphqlClient";
import { startTestShop, stopTestShop, storedOrder, storedOrderCount, TEST_API_KEY } from "./support/testShop";
import { waitFor } from "./support/waitFor";

const ORDER_FIELDS = `id orderNumber orderStatus totalCents subtotalCents deliveryFeeCents fulfilment eta failureReason
  lines { pizza size toppings quantity unitPriceCents lineTotalCents }
  statusHistory { status at by reason } refund { amountCents reference }`;
const POST_ORDER = `mutation ($input: OrderInput!) { postOrder(input: $input) { ${ORDER_FIELDS} } }`;
const READ_ORDER = `query ($id: String!) { order(id: $id) { ${ORDER_FIELDS} } }`;
const KITCHEN = `query ($restaurantId: String!, $stages: [OrderStatus!]) { kitchenOrders(restaurantId: $restaurantId, stages: $stages) { id orderNumber orderStatus } }`;
const ADVANCE = `mutation ($id: String!, $to: OrderStatus!) { advanceOrder(id: $id, to: $to) { ${ORDER_FIELDS} } }`;
const SHOP_CANCEL = `mutation ($id: String!, $reason: String!) { cancelOrderByShop(id: $id, reason: $reason) { ${ORDER_FIELDS} } }`;
const SETTINGS = `mutation ($input: RestaurantSettingsInput!) { updateRestaurantSettings(input: $input) { id acceptingOrders openNow closedReason } }`;
const RESTAURANT = `query ($id: String!) { restaurant(id: $id) { id acceptingOrders openNow closedReason pizzasInQueue pickupEtaMinutes } }`;
const BOARD = `query ($restaurantId: String!) { pickupBoard(restaurantId: $restaurantId) { preparing ready } }`;

interface OrderAnswer {
  id: string;
  orderNumber: string;
  orderStatus: string;
  totalCents: number;
  subtotalCents: number;
  eta: string | null;
  failureReason: string | null;
  lines: Array<{ pizza: string; quantity: number; lineTotalCents: number }>;
  statusHistory: Array<{ status: string; by: string | null; reason: string | null }>;
  refund: { amountCents: number; reference: string } | null;
}

let shop: LocalShop;
let customer: SignedInCustomer;
let cook: SignedInCustomer;
let otherCook: SignedInCustomer;
const as = (person: SignedInCustomer): GraphqlAuth => ({ token: person.idToken });

async function call(query: string, variables: Record<string, unknown>, auth: GraphqlAuth) {
  return (await graphql(shop.graphqlUrl, query, variables, auth)).body;
}

async function answer<T>(query: string, variables: Record<string, unknown>, auth: GraphqlAuth, field: string): Promise<T> {
  const body = await call(query, variables, auth);
  if (!body.data?.[field]) throw new Error(`${field} failed: ${JSON.stringify(body)}`);
  return body.data[field] as T;
}

const cart = {
  restaurantId: "Dominos",
  paymentToken: "tok_visa",
  lines: [
    { pizza: "Margherita", size: "LARGE", toppings: ["Chilli"], quantity: 2 },
    { pizza: "Pepperoni", quantity: 1 },
    { pizza: "Veggie", size: "SMALL", quantity: 1 },
  ],
};

async function paidInTheKitchen(): Promise<OrderAnswer> {
  const placed = await answer<OrderAnswer>(POST_ORDER, { input: cart }, as(customer), "postOrder");
  return waitFor(
    () => answer<OrderAnswer>(READ_ORDER, { id: placed.id }, as(customer), "order"),
    (order) => order.orderStatus === "RECEIVED",
    `order ${placed.id} paid and received by the kitchen`,
  );
}

beforeAll(async () => {
  shop = await startTestShop();
  [customer, cook, otherCook] = await Promise.all([
    signUpCustomer(shop),
    signUpCustomer(shop, { staffOf: "Dominos", confirmWith: "admin" }),
    signUpCustomer(shop, { staffOf: "Luigis", confirmWith: "admin" }),
  ]);
});
afterAll(() => stopTestShop(shop));

describe("the kitchen through the local API", () => {
  it("takes a cart of 3 lines from payment through every stage to completed, each change by the cook, the ETA re-quoted", async () => {
    const received = await paidInTheKitchen();
    expect(received.lines.map((line) => [line.pizza, line.quantity])).toEqual([["Margherita", 2], ["Pepperoni", 1], ["Veggie", 1]]);
    expect(received.totalCents).toBe(received.lines.reduce((sum, line) => sum + line.lineTotalCents, 0));
    expect(received.orderNumber).toMatch(/^#\d{3}$/);
    expect(received.eta).not.toBeNull();
    const board = await answer<{ preparing: string[] }>(BOARD, { restaurantId: "Dominos" }, TEST_API_KEY, "pickupBoard");
    expect(board.preparing).toContain(received.orderNumber);

    // Another restaurant's cook sees nothing of it and moves nothing.
    expect(await answer(KITCHEN, { restaurantId: "Dominos" }, as(otherCook), "kitchenOrders")).toEqual([]);
    const refused = await call(ADVANCE, { id: received.id, to: "PREPARING" }, as(otherCook));
    expect(refused.errors?.[0]?.errorType).toBe("OrderNotFoundError");
    expect((await storedOrder(shop, received.id))?.orderStatus).toBe("RECEIVED");

    const queue = await answer<Array<{ id: string }>>(KITCHEN, { restaurantId: "Dominos", stages: ["RECEIVED"] }, as(cook), "kitchenOrders");
    expect(queue.map((order) => order.id)).toContain(received.id);
    for (const to of ["PREPARING", "BAKING", "READY", "COMPLETED"]) {
      const moved = await answer<OrderAnswer>(ADVANCE, { id: received.id, to }, as(cook), "advanceOrder");
      expect(moved.orderStatus).toBe(to);
      expect(moved.statusHistory.at(-1)?.by).toBe(cook.sub);
      if (to !== "COMPLETED") expect(moved.eta).not.toBeNull();
    }
    const done = await answer<OrderAnswer>(READ_ORDER, { id: received.id }, as(customer), "order");
    expect(done.statusHistory.map((change) => change.status)).toEqual(["QUEUED", "PENDING_PAYMENT", "RECEIVED", "PREPARING", "BAKING", "READY", "COMPLETED"]);
    expect(await answer(KITCHEN, { restaurantId: "Dominos" }, as(cook), "kitchenOrders")).not.toContainEqual(expect.objectContaining({ id: received.id }));
  });

  it("refunds a paid order the shop cancels, once, and shows it in the order's history", async () => {
    const received = await paidInTheKitchen();
    const [first, second] = await Promise.all([
      answer<OrderAnswer>(SHOP_CANCEL, { id: received.id, reason: "The oven broke" }, as(cook), "cancelOrderByShop"),
      answer<OrderAnswer>(SHOP_CANCEL, { id: received.id, reason: "The oven broke" }, as(cook), "cancelOrderByShop"),
    ]);
    expect([first.orderStatus, second.orderStatus]).toEqual(["REFUNDED", "REFUNDED"]);
    const seen = await answer<OrderAnswer>(READ_ORDER, { id: received.id }, as(customer), "order");
    expect(seen.refund?.amountCents).toBe(received.totalCents);
    expect(seen.failureReason).toBe("Cancelled by the restaurant: The oven broke. Your payment is refunded in full.");
    expect(seen.statusHistory.filter((change) => change.status === "REFUNDED")).toHaveLength(1);
    expect(seen.statusHistory.find((change) => change.status === "CANCELLED_BY_SHOP")).toMatchObject({ by: cook.sub, reason: "The oven broke" });
  });

  it("refuses an order while the restaurant is closed, with its message and nothing written; only its staff flip the switch", async () => {
    const stranger = await call(SETTINGS, { input: { restaurantId: "Dominos", acceptingOrders: false } }, as(otherCook));
    expect(stranger.errors?.[0]?.errorType).toBe("Unauthorized");
    expect((await answer<{ acceptingOrders: boolean }>(RESTAURANT, { id: "Dominos" }, TEST_API_KEY, "restaurant")).acceptingOrders).toBe(true);

    const closed = await answer<{ openNow: boolean; closedReason: string }>(SETTINGS, { input: { restaurantId: "Dominos", acceptingOrders: false } }, as(cook), "updateRestaurantSettings");
    expect(closed.openNow).toBe(false);
    const before = await storedOrderCount(shop);
    const refused = await call(POST_ORDER, { input: cart }, TEST_API_KEY);
    expect(refused.data).toBeNull();
    expect(refused.errors?.[0]).toMatchObject({
      errorType: "RestaurantUnavailableError",
      message: "Dominos is not taking orders right now. Please try again later.",
      errorInfo: { restaurantId: "Dominos", reason: "CLOSED" },
    });
    expect(await storedOrderCount(shop)).toBe(before);
    // Open again: the same order is taken.
    await answer(SETTINGS, { input: { restaurantId: "Dominos", acceptingOrders: true } }, as(cook), "updateRestaurantSettings");
    expect((await answer<OrderAnswer>(POST_ORDER, { input: cart }, TEST_API_KEY, "postOrder")).orderStatus).toBe("QUEUED");
  });
});

// Who reaches which order, through the real local GraphQL API with real user pool tokens: two
// customers, guests, staff of the order's restaurant and staff of another. Every refusal is checked
// on the table afterwards (the item count and every stored record, read straight from DynamoDB),
// not only by its error.
//
// The paid orders are finished by the real workflow first; then the Step Functions endpoint is
// taken down, so the orders placed after it stay QUEUED (unpaid, still changeable) and nothing but
// the calls under test can touch them while the records are compared.
import { randomBytes } from "node:crypto";
import { API_LIMITS } from "@pizza-orders/functions/api/apiLimits";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { awsJsonRequestListener } from "../src/http/awsJsonProtocol";
import { type RunningServer, startHttpServer } from "../src/http/httpServer";
import type { LocalShop } from "../src/localShop";
import { sfnApi } from "../src/stepfunctions/sfnApi";
import { type SignedInCustomer, signUpCustomer } from "./support/customers";
import { type GraphqlAuth, graphql } from "./support/graphqlClient";
import { startTestShop, stopTestShop, storedOrder, storedOrderCount, TEST_API_KEY } from "./support/testShop";
import { waitFor } from "./support/waitFor";

const ORDER_FIELDS = "id name quantity restaurantId orderStatus customerEmail";
const POST_ORDER = `mutation ($input: OrderInput!) { postOrder(input: $input) { ${ORDER_FIELDS} guestSecret } }`;
const READ_ORDER = `query ($id: String!, $guestSecret: String) { order(id: $id, guestSecret: $guestSecret) { ${ORDER_FIELDS} } }`;
const ORDERS = `query { orders { ${ORDER_FIELDS} } }`;
const MY_ORDERS = `query { myOrders(limit: 50) { items { ${ORDER_FIELDS} } nextToken } }`;
const UPDATE_ORDER = `mutation ($input: UpdateOrderInput!) { updateOrder(input: $input) { ${ORDER_FIELDS} } }`;
const CANCEL_ORDER = `mutation ($id: String!, $guestSecret: String) { cancelOrder(id: $id, guestSecret: $guestSecret) { ${ORDER_FIELDS} } }`;
const DELETE_ORDER = "mutation ($id: String!) { deleteOrder(id: $id) }";
const CLAIM = "mutation ($claims: [GuestOrderClaim!]!) { claimGuestOrders(claims: $claims) { id claimed reason } }";

interface PlacedOrder {
  id: string;
  restaurantId: string;
  customerEmail: string;
  guestSecret: string | null;
}

let shop: LocalShop;
let alice: SignedInCustomer;
let bob: SignedInCustomer;
/** Staff of Dominos (where every test order is placed) and of Luigis. */
let dominosStaff: SignedInCustomer;
let luigisStaff: SignedInCustomer;
let reopenedSfnServer: RunningServer | undefined;

/** Paid: the pipeline is done and the kitchen has them (RECEIVED). */
const paid = {} as Record<"alice" | "bob" | "guest", PlacedOrder>;
/** QUEUED, no payment taken. */
const unpaid = {} as Record<"alice" | "bob" | "guest" | "guestToClaim", PlacedOrder>;

const as = (customer: SignedInCustomer): GraphqlAuth => ({ token: customer.idToken });

async function call(query: string, variables: Record<string, unknown>, auth: GraphqlAuth) {
  return (await graphql(shop.graphqlUrl, query, variables, auth)).body;
}

async function placeOrder(auth: GraphqlAuth, customerEmail: string): Promise<PlacedOrder> {
  const input = { name: "Margherita", quantity: 2, restaurantId: "Dominos", customerEmail, paymentToken: "tok_visa" };
  const body = await call(POST_ORDER, { input }, auth);
  const placed = body.data?.postOrder as PlacedOrder | undefined;
  if (!placed) throw new Error(`postOrder failed: ${JSON.stringify(body)}`);
  return placed;
}

function everyOrder(): PlacedOrder[] {
  return [...Object.values(paid), ...Object.values(unpaid)];
}

/** The table as it is: how many items, and every test order's full stored record. */
async function tableSnapshot() {
  const records: Record<string, unknown> = {};
  for (const order of everyOrder()) records[order.id] = await storedOrder(shop, order.id);
  return { count: await storedOrderCount(shop), records };
}

function idsOf(orders: unknown): string[] {
  return (orders as Array<{ id: string }>).map((order) => order.id).sort();
}

/** The ids myOrders lists for the customer (the first page holds every test order). */
async function myOrderIds(customer: SignedInCustomer): Promise<string[]> {
  const body = await call(MY_ORDERS, {}, as(customer));
  const page = body.data?.myOrders as { items: unknown } | undefined;
  if (!page) throw new Error(`myOrders failed: ${JSON.stringify(body)}`);
  return idsOf(page.items);
}

function refusedAsUnknown(body: { errors?: Array<{ errorType?: string | null; path?: unknown }> }, field: string) {
  expect(body.errors).toEqual([expect.objectContaining({ path: [field], errorType: "OrderNotFoundError" })]);
}

beforeAll(async () => {
  shop = await startTestShop();
  [alice, bob, dominosStaff, luigisStaff] = await Promise.all([
    signUpCustomer(shop),
    signUpCustomer(shop),
    signUpCustomer(shop, { staffOf: "Dominos" }),
    signUpCustomer(shop, { staffOf: "Luigis" }),
  ]);
  paid.alice = await placeOrder(as(alice), alice.email);
  paid.bob = await placeOrder(as(bob), bob.email);
  paid.guest = await placeOrder(TEST_API_KEY, "paid-guest@example.com");
  for (const order of Object.values(paid)) {
    await waitFor(
      () => storedOrder(shop, order.id),
      (stored) => stored?.orderStatus === "RECEIVED" && stored?.notificationSentAt !== undefined,
      `order ${order.id} to be paid and completed`,
    );
  }

  await shop.servers.stepfunctions.close();
  unpaid.alice = await placeOrder(as(alice), alice.email);
  unpaid.bob = await placeOrder(as(bob), bob.email);
  unpaid.guest = await placeOrder(TEST_API_KEY, "guest@example.com");
  unpaid.guestToClaim = await placeOrder(TEST_API_KEY, "guest-to-claim@example.com");
}, 120_000);

afterAll(async () => {
  if (shop) reopenedSfnServer = await startHttpServer(awsJsonRequestListener(sfnApi(shop.stepFunctions)), Number(new URL(shop.endpoints.stepfunctions).port));
  await reopenedSfnServer?.close();
  await stopTestShop(shop);
});

describe("each person lists and reads only their own orders", () => {
  it("hands a guest its secret and a customer none; the orders are stored as placed", async () => {
    expect(unpaid.guest.guestSecret).toEqual(expect.stringMatching(/^[A-Za-z0-9_-]{43,}$/));
    expect(unpaid.alice.guestSecret).toBeNull();
    expect(await storedOrder(shop, unpaid.alice.id)).toMatchObject({ orderStatus: "QUEUED", customerId: alice.sub });
    expect(await storedOrder(shop, unpaid.guest.id)).not.toHaveProperty("customerId");
    expect(await storedOrder(shop, unpaid.guest.id)).not.toHaveProperty("guestSecret");
  });

  it("lists each customer's own orders, in myOrders and in the original orders", async () => {
    for (const [customer, own] of [
      [alice, [paid.alice.id, unpaid.alice.id]],
      [bob, [paid.bob.id, unpaid.bob.id]],
    ] as const) {
      const mine = await call(MY_ORDERS, {}, as(customer));
      expect(await myOrderIds(customer)).toEqual([...own].sort());
      const orders = await call(ORDERS, {}, as(customer));
      expect(idsOf(orders.data?.orders)).toEqual([...own].sort());
      expect(JSON.stringify(mine) + JSON.stringify(orders)).not.toContain(customer === alice ? bob.email : alice.email);
    }
  });

  it("names each signed-in person by their token: me gives their own id, verified e-mail and staff role", async () => {
    expect((await call("query { me { customerId email staffOf } }", {}, as(alice))).data).toEqual({
      me: { customerId: alice.sub, email: alice.email, staffOf: [] },
    });
    expect((await call("query { me { customerId email staffOf } }", {}, as(dominosStaff))).data).toEqual({
      me: { customerId: dominosStaff.sub, email: dominosStaff.email, staffOf: ["Dominos"] },
    });
  });

  it("lists nothing for staff who ordered nothing (their restaurant's orders are not their history) and nothing for a guest", async () => {
    expect((await call(MY_ORDERS, {}, as(dominosStaff))).data).toEqual({ myOrders: { items: [], nextToken: null } });
    expect((await call(ORDERS, {}, as(dominosStaff))).data).toEqual({ orders: [] });
    expect((await call(ORDERS, {}, TEST_API_KEY)).data).toEqual({ orders: [] });
    const guestMyOrders = await call(MY_ORDERS, {}, TEST_API_KEY);
    expect(guestMyOrders.data).toBeNull();
    expect(guestMyOrders.errors).toEqual([expect.objectContaining({ errorType: "Unauthorized", path: ["myOrders"] })]);
  });

  it("reads a customer's own order by id, and another's as null — the answer for an unknown id", async () => {
    expect((await call(READ_ORDER, { id: unpaid.alice.id }, as(alice))).data).toEqual({
      order: expect.objectContaining({ id: unpaid.alice.id, customerEmail: alice.email }),
    });
    for (const [reader, other] of [
      [alice, unpaid.bob],
      [alice, paid.bob],
      [bob, unpaid.alice],
      [bob, paid.alice],
      [alice, unpaid.guest],
    ] as const) {
      expect(await call(READ_ORDER, { id: other.id }, as(reader))).toEqual({ data: { order: null } });
    }
    expect(await call(READ_ORDER, { id: "01JZZZZZZZZZZZZZZZZZZZZZZZ" }, as(alice))).toEqual({ data: { order: null } });
  });
});

describe("another's order by id: refused, and nothing changes", () => {
  it("refuses a customer reading, changing, cancelling and deleting the other customer's orders", async () => {
    const before = await tableSnapshot();
    const stranger = as(bob);
    for (const target of [unpaid.alice, paid.alice]) {
      expect(await call(READ_ORDER, { id: target.id }, stranger)).toEqual({ data: { order: null } });
      refusedAsUnknown(await call(UPDATE_ORDER, { input: { id: target.id, quantity: 20, customerEmail: bob.email } }, stranger), "updateOrder");
      refusedAsUnknown(await call(CANCEL_ORDER, { id: target.id }, stranger), "cancelOrder");
      const deleted = await call(DELETE_ORDER, { id: target.id }, stranger);
      expect(deleted.data).toEqual({ deleteOrder: null });
      refusedAsUnknown(deleted, "deleteOrder");
    }
    expect(await tableSnapshot()).toEqual(before);
  });

  it("refuses an API-key caller (the key every visitor has) the same way", async () => {
    const before = await tableSnapshot();
    for (const target of [unpaid.alice, unpaid.bob, paid.alice]) {
      expect(await call(READ_ORDER, { id: target.id }, TEST_API_KEY)).toEqual({ data: { order: null } });
      refusedAsUnknown(
        await call(UPDATE_ORDER, { input: { id: target.id, quantity: 20, customerEmail: "stranger@example.com" } }, TEST_API_KEY),
        "updateOrder",
      );
      refusedAsUnknown(await call(CANCEL_ORDER, { id: target.id }, TEST_API_KEY), "cancelOrder");
      refusedAsUnknown(await call(DELETE_ORDER, { id: target.id }, TEST_API_KEY), "deleteOrder");
    }
    expect(await tableSnapshot()).toEqual(before);
  });

  it("affects 0 orders with a bulk aliased request: the allowed aliases are refused one by one, the one over the limit does not run", async () => {
    const targets = [unpaid.alice, unpaid.bob, unpaid.guest, paid.alice, paid.bob, paid.guest];
    const aliases = API_LIMITS.resolverCountLimit + 1;
    const aliased = (field: (id: string) => string) =>
      `mutation { ${Array.from({ length: aliases }, (_, i) => `a${i}: ${field(targets[i % targets.length]!.id)}`).join(" ")} }`;
    // deleteOrder is nullable, so every alias up to the limit runs (and is refused) and the next is not run.
    const bulkDelete = aliased((id) => `deleteOrder(id: "${id}")`);
    // cancelOrder is non-null: its first refusal nulls the whole answer and ends the serial run.
    const bulkCancel = aliased((id) => `cancelOrder(id: "${id}") { id orderStatus }`);
    for (const stranger of [TEST_API_KEY, as(luigisStaff)]) {
      const before = await tableSnapshot();

      const deleted = await call(bulkDelete, {}, stranger);
      const errorTypes = (deleted.errors ?? []).map((error) => error.errorType);
      expect(errorTypes.filter((type) => type === "OrderNotFoundError")).toHaveLength(API_LIMITS.resolverCountLimit);
      expect(errorTypes.filter((type) => type === "ResolverExecutionLimitReached")).toHaveLength(1);
      expect(Object.values(deleted.data ?? {})).toEqual(Array.from({ length: aliases }, () => null));

      const cancelled = await call(bulkCancel, {}, stranger);
      expect(cancelled.data).toBeNull();
      expect(cancelled.errors?.[0]).toMatchObject({ errorType: "OrderNotFoundError", path: ["a0"] });

      expect(await tableSnapshot()).toEqual(before);
    }
  });
});

describe("guests", () => {
  it("see nothing without the secret or with a wrong one, and their refused changes change nothing", async () => {
    const before = await tableSnapshot();
    const wrongSecret = randomBytes(32).toString("base64url");
    // No secret, a made-up one, and another guest order's real secret.
    for (const guestSecret of [undefined, wrongSecret, paid.guest.guestSecret]) {
      expect(await call(READ_ORDER, { id: unpaid.guest.id, guestSecret }, TEST_API_KEY)).toEqual({ data: { order: null } });
      refusedAsUnknown(await call(CANCEL_ORDER, { id: unpaid.guest.id, guestSecret }, TEST_API_KEY), "cancelOrder");
      refusedAsUnknown(await call(UPDATE_ORDER, { input: { id: unpaid.guest.id, guestSecret, quantity: 20 } }, TEST_API_KEY), "updateOrder");
    }
    expect(await tableSnapshot()).toEqual(before);
  });

  it("read their order with its id and secret, and a signed-in stranger holding the id alone does not", async () => {
    const read = await call(READ_ORDER, { id: unpaid.guest.id, guestSecret: unpaid.guest.guestSecret }, TEST_API_KEY);
    expect(read).toEqual({ data: { order: expect.objectContaining({ id: unpaid.guest.id, customerEmail: "guest@example.com", orderStatus: "QUEUED" }) } });
    expect(await call(READ_ORDER, { id: unpaid.guest.id }, as(bob))).toEqual({ data: { order: null } });
  });
});

describe("staff", () => {
  it("read the orders of their restaurant (customers' and guests'), and staff of another restaurant read none", async () => {
    for (const order of [unpaid.alice, paid.bob, unpaid.guest]) {
      expect((await call(READ_ORDER, { id: order.id }, as(dominosStaff))).data).toEqual({
        order: expect.objectContaining({ id: order.id, restaurantId: "Dominos" }),
      });
      expect(await call(READ_ORDER, { id: order.id }, as(luigisStaff))).toEqual({ data: { order: null } });
    }
  });

  it("may not change, cancel or delete an order of their restaurant; nothing changes", async () => {
    const before = await tableSnapshot();
    refusedAsUnknown(await call(UPDATE_ORDER, { input: { id: unpaid.alice.id, quantity: 20 } }, as(dominosStaff)), "updateOrder");
    refusedAsUnknown(await call(CANCEL_ORDER, { id: unpaid.alice.id }, as(dominosStaff)), "cancelOrder");
    refusedAsUnknown(await call(DELETE_ORDER, { id: paid.alice.id }, as(dominosStaff)), "deleteOrder");
    expect(await tableSnapshot()).toEqual(before);
  });
});

describe("nothing but the verified token names the caller", () => {
  const claiming = (sub: string) => ({ "x-amz-user-sub": sub, "x-customer-id": sub, "x-amzn-oidc-identity": sub, "x-amz-cognito-groups": "staff-Dominos" });

  it("gives headers that claim a customer's identity nothing: an API-key caller stays a guest, a token's owner stays themselves", async () => {
    expect((await call(ORDERS, {}, { apiKey: TEST_API_KEY, headers: claiming(alice.sub) })).data).toEqual({ orders: [] });
    expect(await call(READ_ORDER, { id: unpaid.alice.id }, { apiKey: TEST_API_KEY, headers: claiming(alice.sub) })).toEqual({ data: { order: null } });
    const bobClaimingAlice = await call(ORDERS, {}, { token: bob.idToken, headers: claiming(alice.sub) });
    expect(idsOf(bobClaimingAlice.data?.orders)).toEqual([paid.bob.id, unpaid.bob.id].sort());
    expect(await call(READ_ORDER, { id: unpaid.alice.id }, { token: bob.idToken, headers: claiming(alice.sub) })).toEqual({ data: { order: null } });
  });

  it("has no argument that names a customer: such a query or change is refused by the schema and changes nothing", async () => {
    const before = await tableSnapshot();
    for (const query of [
      `query { orders(customerId: "${alice.sub}") { id } }`,
      `query { myOrders(customerId: "${alice.sub}") { items { id } } }`,
      `mutation { cancelOrder(id: "${unpaid.alice.id}", customerId: "${alice.sub}") { id } }`,
      `mutation { updateOrder(input: { id: "${unpaid.alice.id}", customerId: "${alice.sub}", quantity: 20 }) { id } }`,
    ]) {
      const body = await call(query, {}, as(bob));
      expect(body.data ?? null).toBeNull();
      expect(body.errors?.[0]?.message).toContain("customerId");
    }
    expect(await tableSnapshot()).toEqual(before);
  });
});

describe("a customer's own orders: safe actions", () => {
  it("refuses to cancel an order whose payment was taken, and leaves it intact", async () => {
    const before = await tableSnapshot();
    const body = await call(CANCEL_ORDER, { id: paid.alice.id }, as(alice));
    expect(body.errors).toEqual([expect.objectContaining({ path: ["cancelOrder"], errorType: "OrderNotModifiableError" })]);
    expect(await tableSnapshot()).toEqual(before);
    expect(await storedOrder(shop, paid.alice.id)).toMatchObject({ orderStatus: "RECEIVED" });
  });

  it("never deletes a paid order: deleteOrder only hides the finished order from the customer's history, and the shop keeps the record", async () => {
    // The kitchen finishes it first: until then it is in progress.
    for (const to of ["PREPARING", "BAKING", "READY", "COMPLETED"]) {
      const moved = await call("mutation ($id: String!, $to: OrderStatus!) { advanceOrder(id: $id, to: $to) { orderStatus } }", { id: paid.alice.id, to }, as(dominosStaff));
      expect(moved.data).toEqual({ advanceOrder: { orderStatus: to } });
    }
    const before = await tableSnapshot();
    expect(await call(DELETE_ORDER, { id: paid.alice.id }, as(alice))).toEqual({ data: { deleteOrder: paid.alice.id } });

    expect(await storedOrderCount(shop)).toBe(before.count);
    const kept = await storedOrder(shop, paid.alice.id);
    const { historyCustomerId: _hidden, ...keptWithoutHistory } = before.records[paid.alice.id] as Record<string, unknown>;
    expect(kept).toMatchObject({
      ...keptWithoutHistory,
      orderStatus: "COMPLETED",
      customerId: alice.sub,
      updatedAt: expect.any(String),
      version: expect.any(Number),
    });
    expect(kept).not.toHaveProperty("historyCustomerId");
    expect(await myOrderIds(alice)).toEqual([unpaid.alice.id]);
    // The staff of its restaurant still read it: it is the shop's record.
    expect((await call(READ_ORDER, { id: paid.alice.id }, as(dominosStaff))).data).toEqual({
      order: expect.objectContaining({ id: paid.alice.id, orderStatus: "COMPLETED" }),
    });
  });

  it("refuses to delete an order still in progress (cancel comes first), changing nothing", async () => {
    const before = await tableSnapshot();
    const body = await call(DELETE_ORDER, { id: unpaid.alice.id }, as(alice));
    expect(body.data).toEqual({ deleteOrder: null });
    expect(body.errors).toEqual([expect.objectContaining({ path: ["deleteOrder"], errorType: "OrderNotModifiableError" })]);
    expect(await tableSnapshot()).toEqual(before);
  });
});

describe("claiming guest orders", () => {
  it("refuses a wrong secret (the order stays a guest order) and moves the order into the account with the right one", async () => {
    const before = await tableSnapshot();
    const wrong = await call(CLAIM, { claims: [{ id: unpaid.guestToClaim.id, guestSecret: unpaid.guest.guestSecret }] }, as(bob));
    expect(wrong.data).toEqual({ claimGuestOrders: [{ id: unpaid.guestToClaim.id, claimed: false, reason: expect.any(String) }] });
    expect(await tableSnapshot()).toEqual(before);

    const right = await call(CLAIM, { claims: [{ id: unpaid.guestToClaim.id, guestSecret: unpaid.guestToClaim.guestSecret }] }, as(bob));
    expect(right.data).toEqual({ claimGuestOrders: [{ id: unpaid.guestToClaim.id, claimed: true, reason: null }] });
    expect(await storedOrderCount(shop)).toBe(before.count);
    expect(await storedOrder(shop, unpaid.guestToClaim.id)).toMatchObject({ customerId: bob.sub, orderStatus: "QUEUED" });
    expect(await myOrderIds(bob)).toContain(unpaid.guestToClaim.id);
    // From now on the secret no longer opens it, and nobody else can claim it.
    expect(await call(READ_ORDER, { id: unpaid.guestToClaim.id, guestSecret: unpaid.guestToClaim.guestSecret }, TEST_API_KEY)).toEqual({
      data: { order: null },
    });
    const again = await call(CLAIM, { claims: [{ id: unpaid.guestToClaim.id, guestSecret: unpaid.guestToClaim.guestSecret }] }, as(alice));
    expect(again.data).toEqual({ claimGuestOrders: [{ id: unpaid.guestToClaim.id, claimed: false, reason: expect.any(String) }] });
    expect(await storedOrder(shop, unpaid.guestToClaim.id)).toMatchObject({ customerId: bob.sub });
  });
});

// The original tutorial's operations (fixtures/tutorialOperations.ts) through the local GraphQL
// API, unchanged, with the caller's identity deciding what they reach. As an API-key caller (a
// guest) the order is accepted, but with no account and no secret the caller reaches nothing — it
// reads null, lists nothing, and its update and delete are refused like an unknown order,
// changing nothing. As a signed-in customer (a user pool token) the same operations reach the
// customer's own order.
import { buildSchema, parse, validate } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadAppSyncSchema } from "../src/appsync/appsyncSchema";
import type { LocalShop } from "../src/localShop";
import { runTutorialOperations, SEED_SCHEMA, TUTORIAL_OPERATIONS, TUTORIAL_SEED_PAYLOAD } from "./fixtures/tutorialOperations";
import { signUpCustomer } from "./support/customers";
import { graphql } from "./support/graphqlClient";
import { waitFor } from "./support/waitFor";
import { startTestShop, stopTestShop, storedOrder, storedOrderCount, TEST_API_KEY } from "./support/testShop";

let shop: LocalShop;

beforeAll(async () => {
  shop = await startTestShop();
});

afterAll(() => stopTestShop(shop));

describe("the original tutorial's operations", () => {
  it("are written against the seed schema and validate unchanged against graphql/schema.graphql", () => {
    const seedSchema = buildSchema(SEED_SCHEMA);
    const schema = loadAppSyncSchema();
    for (const [name, operation] of Object.entries(TUTORIAL_OPERATIONS)) {
      expect(validate(seedSchema, parse(operation)), `${name} against the seed schema`).toEqual([]);
      expect(validate(schema, parse(operation)), `${name} against ours`).toEqual([]);
    }
  });

  it("run through the local API with the API key: the guest's order is accepted, and the guest reaches no order", async () => {
    const run = await runTutorialOperations((query, variables) => graphql(shop.graphqlUrl, query, variables, TEST_API_KEY));

    expect(run.posted).toEqual({ data: { postOrder: { id: run.orderId, ...TUTORIAL_SEED_PAYLOAD, orderStatus: "QUEUED" } } });
    expect(run.read).toEqual({ data: { order: null } });
    expect(run.listed).toEqual({ data: { orders: [] } });
    // updateOrder's result is non-null, so its error nulls the whole data; deleteOrder's is nullable.
    expect(run.updated.data).toBeNull();
    expect(run.deleted.data).toEqual({ deleteOrder: null });
    for (const [refused, field] of [
      [run.updated, "updateOrder"],
      [run.deleted, "deleteOrder"],
    ] as const) {
      expect(refused.errors).toEqual([expect.objectContaining({ path: [field], errorType: "OrderNotFoundError", message: `Order ${run.orderId} was not found` })]);
    }
    expect(await storedOrderCount(shop)).toBe(1);
    // The order itself is untouched by the refused update: what the guest posted is what is stored.
    expect(await storedOrder(shop, run.orderId)).toMatchObject({ ...TUTORIAL_SEED_PAYLOAD, version: 1 });
  });

  it("run through the local API as a signed-in customer: the customer reaches their own order; a finished one leaves the list, and the shop keeps it", async () => {
    const [customer, cook] = await Promise.all([signUpCustomer(shop), signUpCustomer(shop, { staffOf: TUTORIAL_SEED_PAYLOAD.restaurantId, confirmWith: "admin" })]);
    const send = (query: string, variables: Record<string, unknown>) => graphql(shop.graphqlUrl, query, variables, { token: customer.idToken });
    const run = await runTutorialOperations(send, {
      beforeChanges: async (orderId) => {
        const paidOrDeclined = await waitFor(
          async () => (await send(TUTORIAL_OPERATIONS.order, { id: orderId })).body.data?.order as { orderStatus: string } | null,
          (order) => order !== null && ["RECEIVED", "PAYMENT_FAILED"].includes(order.orderStatus),
          "the payment to end",
        );
        // Paid: the kitchen makes it and hands it over, and then it is finished.
        if (paidOrDeclined?.orderStatus === "RECEIVED") {
          for (const to of ["PREPARING", "BAKING", "READY", "COMPLETED"]) {
            const moved = await graphql(shop.graphqlUrl, "mutation ($id: String!, $to: OrderStatus!) { advanceOrder(id: $id, to: $to) { orderStatus } }", { id: orderId, to }, { token: cook.idToken });
            expect(moved.body.data).toEqual({ advanceOrder: { orderStatus: to } });
          }
        }
      },
    });
    expect(run.posted).toEqual({ data: { postOrder: { id: run.orderId, ...TUTORIAL_SEED_PAYLOAD, orderStatus: "QUEUED" } } });
    expect(run.read).toEqual({ data: { order: { id: run.orderId, ...TUTORIAL_SEED_PAYLOAD, orderStatus: expect.any(String) } } });
    expect(run.listed).toEqual({ data: { orders: [{ id: run.orderId, ...TUTORIAL_SEED_PAYLOAD, orderStatus: expect.any(String) }] } });
    // Finished: the change is refused (nothing changes), and delete takes it out of the customer's list.
    expect(run.updated.errors).toEqual([expect.objectContaining({ path: ["updateOrder"], errorType: "OrderNotModifiableError" })]);
    expect(run.deleted).toEqual({ data: { deleteOrder: run.orderId } });
    expect((await send(TUTORIAL_OPERATIONS.orders, {})).body).toEqual({ data: { orders: [] } });
    expect(await storedOrder(shop, run.orderId)).toMatchObject({ ...TUTORIAL_SEED_PAYLOAD, customerId: customer.sub, version: 1 });
    expect(await storedOrder(shop, run.orderId)).not.toHaveProperty("historyCustomerId");
  });
});

// Identity and ownership through the use cases, against a real DynamoDB-API server (dynalite):
// two customers, a guest and a staff member each reach only what is theirs, and every refusal
// leaves the table exactly as it was.
import { ScanCommand } from "@aws-sdk/lib-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Caller, CustomerCaller, StaffCaller } from "../src/access/caller";
import { OrderNotFoundError, OrderNotModifiableError, SignInRequiredError } from "../src/errors";
import { cancelOrder } from "../src/order/cancelOrder";
import { changeOrder } from "../src/order/changeOrder";
import { CLAIM_REFUSED, claimGuestOrders } from "../src/order/claimGuestOrders";
import { findOrder, listOrders } from "../src/order/findOrders";
import type { OrderQueue } from "../src/order/orderQueue";
import { OrderRepository } from "../src/order/orderRepository";
import { placeOrder } from "../src/order/placeOrder";
import { removeFromHistory } from "../src/order/removeFromHistory";
import { initializeOrder, processPayment } from "../src/workflow/orderTasks";
import { type DynaliteOrdersTable, startDynaliteOrdersTable } from "./support/dynaliteOrdersTable";

const seed = { name: "Pizza", quantity: 6, restaurantId: "Dominos" };
const queue = { enqueue: async () => {} } as unknown as OrderQueue;
const guest: Caller = { kind: "guest" };
const alice: CustomerCaller = { kind: "customer", customerId: "alice-sub" };
const bob: CustomerCaller = { kind: "customer", customerId: "bob-sub" };
const dominosStaff: StaffCaller = { kind: "staff", customerId: "carol-sub", restaurantIds: ["Dominos"] };
const luigisStaff: StaffCaller = { kind: "staff", customerId: "dave-sub", restaurantIds: ["Luigis"] };

let table: DynaliteOrdersTable;
let orders: OrderRepository;

async function everyItem() {
  const result = await table.documentClient.send(new ScanCommand({ TableName: table.tableName, ConsistentRead: true }));
  return (result.Items ?? []).sort((a, b) => String(a.orderId).localeCompare(String(b.orderId)));
}

/** Runs each refused attempt and checks that the whole table is unchanged afterwards. */
async function expectRefusedChangingNothing(attempts: Array<() => Promise<unknown>>, error: new (...args: never[]) => Error = OrderNotFoundError) {
  const before = await everyItem();
  for (const attempt of attempts) await expect(attempt()).rejects.toBeInstanceOf(error);
  expect(await everyItem()).toEqual(before);
}

beforeAll(async () => {
  table = await startDynaliteOrdersTable();
  orders = new OrderRepository(table.documentClient, table.tableName);
});
afterAll(() => table.close());

describe("who reaches which order", () => {
  let alicesOrder: string;
  let bobsOrder: string;
  let carolsOrder: string;
  let guestOrder: { id: string; secret: string };

  beforeAll(async () => {
    alicesOrder = (await placeOrder({ orders, queue }, alice, { ...seed, customerEmail: "alice@example.com" })).order.id;
    bobsOrder = (await placeOrder({ orders, queue }, bob, { ...seed, restaurantId: "Luigis" })).order.id;
    carolsOrder = (await placeOrder({ orders, queue }, dominosStaff, { ...seed, restaurantId: "Luigis" })).order.id;
    const placed = await placeOrder({ orders, queue }, guest, seed);
    guestOrder = { id: placed.order.id, secret: placed.guestSecret! };
  });

  it("gives a guest a secret once and stores only its hash; a signed-in customer gets none", async () => {
    expect(guestOrder.secret.length).toBeGreaterThanOrEqual(22);
    const stored = (await everyItem()).find((item) => item.orderId === guestOrder.id)!;
    expect(stored.customerId).toBeUndefined();
    expect(stored.historyCustomerId).toBeUndefined();
    expect(JSON.stringify(stored)).not.toContain(guestOrder.secret);
    expect(typeof stored.guestSecretHash).toBe("string");
    expect((await placeOrder({ orders, queue }, bob, seed)).guestSecret).toBeUndefined();
  });

  it("lists each customer's own orders only; a guest lists none", async () => {
    const ids = async (caller: Caller) => (await listOrders(orders, caller, {})).orders.map((order) => order.id);
    expect(await ids(alice)).toEqual([alicesOrder]);
    expect(await ids(bob)).toContain(bobsOrder);
    expect(await ids(bob)).not.toContain(alicesOrder);
    expect(await ids(dominosStaff)).toEqual([carolsOrder]);
    expect(await ids(guest)).toEqual([]);
  });

  it("lets each read their own, staff read their restaurant's, and nobody else anything", async () => {
    const read = (caller: Caller, id: string, guestSecret?: string) => findOrder(orders, caller, { id, guestSecret }).then((order) => order?.id);
    expect(await read(alice, alicesOrder)).toBe(alicesOrder);
    expect(await read(bob, alicesOrder)).toBeUndefined();
    expect(await read(alice, bobsOrder)).toBeUndefined();
    expect(await read(guest, alicesOrder)).toBeUndefined();
    expect(await read(guest, alicesOrder, guestOrder.secret)).toBeUndefined();
    // Staff of Dominos read Dominos' orders (Alice's, the guest's), not Luigi's (Bob's).
    expect(await read(dominosStaff, alicesOrder)).toBe(alicesOrder);
    expect(await read(dominosStaff, guestOrder.id)).toBe(guestOrder.id);
    expect(await read(dominosStaff, bobsOrder)).toBeUndefined();
    expect(await read(luigisStaff, alicesOrder)).toBeUndefined();
    expect(await read(luigisStaff, bobsOrder)).toBe(bobsOrder);
    // The guest, only with the secret.
    expect(await read(guest, guestOrder.id, guestOrder.secret)).toBe(guestOrder.id);
    expect(await read(guest, guestOrder.id)).toBeUndefined();
    expect(await read(guest, guestOrder.id, `${guestOrder.secret}x`)).toBeUndefined();
    expect(await read(bob, "01UNKNOWNORDER00000000000000")).toBeUndefined();
  });

  it("refuses changing, cancelling or removing another's order like an unknown one, changing nothing", async () => {
    await expectRefusedChangingNothing([
      () => changeOrder(orders, bob, { id: alicesOrder, quantity: 20, customerEmail: "stranger@example.com" }),
      () => cancelOrder(orders, bob, { id: alicesOrder }),
      () => removeFromHistory(orders, bob, alicesOrder),
      () => changeOrder(orders, guest, { id: alicesOrder, quantity: 20 }),
      () => cancelOrder(orders, guest, { id: alicesOrder, guestSecret: guestOrder.secret }),
      () => changeOrder(orders, dominosStaff, { id: alicesOrder, quantity: 20 }),
      () => cancelOrder(orders, dominosStaff, { id: alicesOrder }),
      () => changeOrder(orders, guest, { id: guestOrder.id, quantity: 20 }),
      () => changeOrder(orders, guest, { id: guestOrder.id, guestSecret: "wrong", quantity: 20 }),
      () => cancelOrder(orders, guest, { id: guestOrder.id }),
      () => cancelOrder(orders, bob, { id: guestOrder.id, guestSecret: "wrong" }),
      () => removeFromHistory(orders, guest, guestOrder.id),
      () => cancelOrder(orders, bob, { id: "01UNKNOWNORDER00000000000000" }),
    ]);
  });

  it("lets the guest change and cancel their order with its secret", async () => {
    const changed = await changeOrder(orders, guest, { id: guestOrder.id, guestSecret: guestOrder.secret, quantity: 2 });
    expect(changed).toMatchObject({ id: guestOrder.id, quantity: 2, totalCents: 1800 });
    const placed = await placeOrder({ orders, queue }, guest, seed);
    const cancelled = await cancelOrder(orders, guest, { id: placed.order.id, guestSecret: placed.guestSecret });
    expect(cancelled).toMatchObject({ orderStatus: "CANCELLED", failureReason: "Cancelled by the customer." });
  });
});

describe("claiming guest orders", () => {
  it("moves each proven order into the account once, refuses the rest alike, and is idempotent", async () => {
    const first = await placeOrder({ orders, queue }, guest, seed);
    const second = await placeOrder({ orders, queue }, guest, seed);
    const claims = [
      { id: first.order.id, guestSecret: first.guestSecret! },
      { id: second.order.id, guestSecret: "not-the-secret" },
      { id: "01UNKNOWNORDER00000000000000", guestSecret: first.guestSecret! },
    ];
    expect(await claimGuestOrders(orders, alice, claims)).toEqual([
      { id: first.order.id, claimed: true },
      { id: second.order.id, claimed: false, reason: CLAIM_REFUSED },
      { id: "01UNKNOWNORDER00000000000000", claimed: false, reason: CLAIM_REFUSED },
    ]);
    expect(await orders.get({ orderId: first.order.id })).toMatchObject({ customerId: alice.customerId, historyCustomerId: alice.customerId });
    expect((await orders.get({ orderId: first.order.id }))?.guestSecretHash).toBeUndefined();
    expect((await listOrders(orders, alice, {})).orders.map((order) => order.id)).toContain(first.order.id);

    // Again: still claimed, nothing changes.
    const afterClaim = await everyItem();
    expect(await claimGuestOrders(orders, alice, claims.slice(0, 1))).toEqual([{ id: first.order.id, claimed: true }]);
    // Someone else with the very secret: refused like an unknown order; the guest's secret no longer opens it.
    expect(await claimGuestOrders(orders, bob, claims.slice(0, 1))).toEqual([{ id: first.order.id, claimed: false, reason: CLAIM_REFUSED }]);
    expect(await findOrder(orders, guest, { id: first.order.id, guestSecret: first.guestSecret })).toBeUndefined();
    expect(await everyItem()).toEqual(afterClaim);
    // The unproven order is untouched and still the guest's.
    expect(await findOrder(orders, guest, { id: second.order.id, guestSecret: second.guestSecret })).toMatchObject({ id: second.order.id });
  });

  it("is for signed-in customers only", async () => {
    await expect(claimGuestOrders(orders, guest, [])).rejects.toBeInstanceOf(SignInRequiredError);
    await expect(claimGuestOrders(orders, { kind: "backend", principal: "arn" }, [])).rejects.toBeInstanceOf(SignInRequiredError);
  });
});

describe("paid orders", () => {
  it("cannot be cancelled or removed while in progress, and their record is never destroyed by a customer", async () => {
    const { order } = await placeOrder({ orders, queue }, alice, { ...seed, paymentToken: "tok_visa" });
    const key = { orderId: order.id };
    await initializeOrder({ orders }, key);
    await processPayment({ orders, payment: { successRate: 1 } }, key);
    await expectRefusedChangingNothing(
      [
        () => cancelOrder(orders, alice, { id: order.id }),
        () => removeFromHistory(orders, alice, order.id),
        () => changeOrder(orders, alice, { id: order.id, quantity: 1 }),
      ],
      OrderNotModifiableError,
    );
    expect(await orders.get(key)).toMatchObject({ orderStatus: "PENDING_PAYMENT", payment: { outcome: "SUCCEEDED" } });
  });
});

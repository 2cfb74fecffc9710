// postOrder's client token against a real DynamoDB-API server (dynalite): one order per
// (caller, token), however often and however concurrently it is sent, and a refusal for a token
// reused with a different order that leaves the table exactly as it was.
import { ScanCommand } from "@aws-sdk/lib-dynamodb";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Caller, CustomerCaller, StaffCaller } from "../src/access/caller";
import { IdempotencyConflictError, ValidationError } from "../src/errors";
import { claimGuestOrders } from "../src/order/claimGuestOrders";
import { findOrder } from "../src/order/findOrders";
import type { OrderKey } from "../src/order/order";
import type { OrderQueue } from "../src/order/orderQueue";
import { OrderRepository } from "../src/order/orderRepository";
import { placeOrder } from "../src/order/placeOrder";
import { type DynaliteOrdersTable, startDynaliteOrdersTable } from "./support/dynaliteOrdersTable";

const seed = { name: "Margherita", quantity: 2, restaurantId: "Luigis", toppings: ["Chilli", "Bacon"], paymentToken: "tok_visa" };
const guest: Caller = { kind: "guest" };
const alice: CustomerCaller = { kind: "customer", customerId: "alice-sub" };
const bob: CustomerCaller = { kind: "customer", customerId: "bob-sub" };
const aliceAsStaff: StaffCaller = { kind: "staff", customerId: "alice-sub", restaurantIds: ["Luigis"] };

let table: DynaliteOrdersTable;
let orders: OrderRepository;
let sent: OrderKey[];
let tokenCounter = 0;
const queue = { enqueue: async (key: OrderKey) => void sent.push(key) } as unknown as OrderQueue;
const freshToken = () => `attempt-${Date.now()}-${++tokenCounter}-0123456789`;

async function everyItem() {
  const result = await table.documentClient.send(new ScanCommand({ TableName: table.tableName, ConsistentRead: true }));
  return (result.Items ?? []).sort((a, b) => String(a.orderId).localeCompare(String(b.orderId)));
}
const orderItems = async () => (await everyItem()).filter((item) => item.recordType === undefined);

beforeAll(async () => {
  table = await startDynaliteOrdersTable();
  orders = new OrderRepository(table.documentClient, table.tableName);
});
afterAll(() => table.close());
beforeEach(() => {
  sent = [];
});

describe("postOrder with a client token", () => {
  it("places one order for the same token twice: the same id, one order stored, one message", async () => {
    const clientToken = freshToken();
    const before = (await orderItems()).length;
    const first = await placeOrder({ orders, queue }, alice, { ...seed, clientToken });
    // The first answer reached the shop's queue; the order moved on before the retry arrived.
    const second = await placeOrder({ orders, queue }, alice, { ...seed, toppings: ["Bacon", "Chilli"], clientToken });

    expect(second.order.id).toBe(first.order.id);
    expect(second.order.totalCents).toBe(first.order.totalCents);
    expect((await orderItems()).length).toBe(before + 1);
    expect(sent.filter((key) => key.orderId === first.order.id).length).toBeGreaterThanOrEqual(1);
    // The same person as staff is the same caller.
    expect((await placeOrder({ orders, queue }, aliceAsStaff, { ...seed, clientToken })).order.id).toBe(first.order.id);
    expect((await orderItems()).length).toBe(before + 1);
  });

  it("places one order for 10 concurrent calls with the same token", async () => {
    const clientToken = freshToken();
    const before = (await orderItems()).length;
    const placed = await Promise.all(Array.from({ length: 10 }, () => placeOrder({ orders, queue }, alice, { ...seed, clientToken })));

    expect(new Set(placed.map((result) => result.order.id)).size).toBe(1);
    expect((await orderItems()).length).toBe(before + 1);
    expect(new Set(sent.map((key) => key.orderId))).toEqual(new Set([placed[0].order.id]));
  });

  it("gives concurrent guests with the same token one order and the same secret, which opens it", async () => {
    const clientToken = freshToken();
    const before = (await orderItems()).length;
    const placed = await Promise.all(Array.from({ length: 10 }, () => placeOrder({ orders, queue }, guest, { ...seed, clientToken })));

    expect(new Set(placed.map((result) => result.order.id)).size).toBe(1);
    expect(new Set(placed.map((result) => result.guestSecret)).size).toBe(1);
    const { id } = placed[0].order;
    const secret = placed[0].guestSecret!;
    expect((await orderItems()).length).toBe(before + 1);
    expect((await findOrder(orders, guest, { id, guestSecret: secret }))?.id).toBe(id);
    expect(await findOrder(orders, guest, { id, guestSecret: "not-the-secret" })).toBeUndefined();
    // Neither the token nor the secret is stored: only hashes.
    const stored = JSON.stringify(await everyItem());
    expect(stored).not.toContain(clientToken);
    expect(stored).not.toContain(secret);
  });

  it("places independent orders for different callers using the same token", async () => {
    const clientToken = freshToken();
    const before = (await orderItems()).length;
    const ids = [];
    for (const caller of [alice, bob, guest]) ids.push((await placeOrder({ orders, queue }, caller, { ...seed, clientToken })).order.id);

    expect(new Set(ids).size).toBe(3);
    expect((await orderItems()).length).toBe(before + 3);
    expect((await findOrder(orders, bob, { id: ids[1] }))?.customerId).toBe("bob-sub");
    expect(await findOrder(orders, bob, { id: ids[0] })).toBeUndefined();
  });

  it("refuses the same token with a different order and writes nothing", async () => {
    const clientToken = freshToken();
    const first = await placeOrder({ orders, queue }, alice, { ...seed, clientToken });
    const before = await everyItem();
    sent = [];

    for (const changed of [{ quantity: 3 }, { restaurantId: "Dominos" }, { toppings: ["Chilli"] }, { paymentToken: "tok_chargeDeclined" }]) {
      await expect(placeOrder({ orders, queue }, alice, { ...seed, ...changed, clientToken })).rejects.toBeInstanceOf(IdempotencyConflictError);
    }
    expect(await everyItem()).toEqual(before);
    expect(sent).toEqual([]);
    expect((await orders.get({ orderId: first.order.id }))?.quantity).toBe(2);
  });

  it("refuses a malformed token with a readable message and writes nothing", async () => {
    const before = await everyItem();
    for (const clientToken of ["short", "has spaces in it, a lot of them", "x".repeat(65), "ünïcode-ünïcode-ünïcode", 42]) {
      const refusal = await placeOrder({ orders, queue }, alice, { ...seed, clientToken }).catch((error: unknown) => error);
      expect(refusal).toBeInstanceOf(ValidationError);
      expect((refusal as ValidationError).fieldErrors.clientToken).toMatch(/^Client token /);
    }
    expect(await everyItem()).toEqual(before);
  });

  it("finishes a first call that died between the order write and the queue send", async () => {
    const clientToken = freshToken();
    const ids: string[] = [];
    // The first call's process dies in SendMessage: the order is written, no message, no answer.
    const dyingQueue = {
      enqueue: async (key: OrderKey) => {
        if (await orders.get(key)) ids.push(key.orderId);
        await new Promise(() => {});
      },
    } as unknown as OrderQueue;
    void placeOrder({ orders, queue: dyingQueue, newId: () => "01JZZZZZZZZZZZZZZZZZZZZZZZ" }, guest, { ...seed, clientToken });
    await expect.poll(() => ids.length).toBe(1);
    expect(ids[0]).toBe("01JZZZZZZZZZZZZZZZZZZZZZZZ");

    const retry = await placeOrder({ orders, queue }, guest, { ...seed, clientToken });
    expect(retry.order.id).toBe("01JZZZZZZZZZZZZZZZZZZZZZZZ");
    expect(retry.order.orderStatus).toBe("QUEUED");
    expect(sent).toEqual([{ orderId: "01JZZZZZZZZZZZZZZZZZZZZZZZ" }]);
    expect((await findOrder(orders, guest, { id: retry.order.id, guestSecret: retry.guestSecret }))?.id).toBe(retry.order.id);
  });

  it("keeps the reservation when the queue refuses: the order is removed, a retry places it under the same id", async () => {
    const clientToken = freshToken();
    const before = (await orderItems()).length;
    const refusingQueue = { enqueue: async () => Promise.reject(new Error("SQS is down")) } as unknown as OrderQueue;
    let reservedId = "";
    const newId = () => (reservedId = `01K${String(++tokenCounter).padStart(23, "0")}`);
    await expect(placeOrder({ orders, queue: refusingQueue, newId }, alice, { ...seed, clientToken })).rejects.toThrow("SQS is down");
    expect((await orderItems()).length).toBe(before);

    const retry = await placeOrder({ orders, queue }, alice, { ...seed, clientToken });
    expect(retry.order.id).toBe(reservedId);
    expect(sent).toEqual([{ orderId: reservedId }]);
    expect((await orderItems()).length).toBe(before + 1);
  });

  it("does not hand a claimed guest order back to a guest retrying with its token", async () => {
    const clientToken = freshToken();
    const placed = await placeOrder({ orders, queue }, guest, { ...seed, clientToken });
    await claimGuestOrders(orders, bob, [{ id: placed.order.id, guestSecret: placed.guestSecret }]);
    const before = await everyItem();

    await expect(placeOrder({ orders, queue }, guest, { ...seed, clientToken })).rejects.toBeInstanceOf(IdempotencyConflictError);
    expect(await everyItem()).toEqual(before);
  });

  it("never answers a checkout attempt's record as an order, whoever asks", async () => {
    await placeOrder({ orders, queue }, alice, { ...seed, clientToken: freshToken() });
    const records = (await everyItem()).filter((item) => item.recordType !== undefined);
    expect(records.length).toBeGreaterThan(0);
    for (const record of records) {
      expect(record.historyCustomerId ?? record.inFlight ?? record.customerId).toBeUndefined();
      expect(await findOrder(orders, { kind: "backend", principal: "arn:aws:iam::1:role/x" }, { id: record.orderId })).toBeUndefined();
    }
  });
});

// The kitchen's stages against a real DynamoDB-API server (dynalite): every move allowed and
// refused, only staff of the order's restaurant, the shop's cancel refunding exactly once under
// retries and races, the kitchen index, and the reconciler's kitchen deadlines.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Caller } from "../src/access/caller";
import { OrderNotFoundError, OrderNotModifiableError, ValidationError } from "../src/errors";
import { advanceOrder, cancelOrderByShop, listKitchenOrders } from "../src/kitchen/kitchenStages";
import { OrderNotifier } from "../src/notification/orderNotifier";
import { DEFAULT_ORDER_DEADLINE_SECONDS } from "../src/order/deadlines";
import type { Order } from "../src/order/order";
import { OrderRepository } from "../src/order/orderRepository";
import { placeOrder } from "../src/order/placeOrder";
import { KITCHEN_FLOW, OrderStatus, TRANSITIONS } from "../src/order/rules";
import type { RefundRequest } from "../src/payment/paymentSimulator";
import { reconcileOverdueOrders } from "../src/reconciler/reconcileOverdueOrders";
import { completeOrder, initializeOrder, processPayment } from "../src/workflow/orderTasks";
import { capturingSnsClient } from "./support/capturingSns";
import { type DynaliteOrdersTable, startDynaliteOrdersTable } from "./support/dynaliteOrdersTable";
import { recordingQueue } from "./support/recordingQueue";

let table: DynaliteOrdersTable;
let orders: OrderRepository;
let notifier: OrderNotifier;
const customer: Caller = { kind: "customer", customerId: "kitchen-customer" };
const cook: Caller = { kind: "staff", customerId: "cook-dominos", restaurantIds: ["Dominos"] };
const otherCook: Caller = { kind: "staff", customerId: "cook-luigis", restaurantIds: ["Luigis"] };
const address = { street: "1 Main St", city: "Springfield", postalCode: "12345" };

beforeAll(async () => {
  table = await startDynaliteOrdersTable();
  orders = new OrderRepository(table.documentClient, table.tableName);
  notifier = new OrderNotifier(capturingSnsClient().client, "arn:aws:sns:us-east-1:000000000000:orders", orders);
});
afterAll(() => table.close());

async function paidOrder(input: Record<string, unknown> = {}, now?: () => Date): Promise<Order> {
  const { order } = await placeOrder({ orders, queue: recordingQueue().queue, now }, customer, {
    restaurantId: "Dominos",
    lines: [{ pizza: "Margherita", quantity: 2 }, { pizza: "Pepperoni", size: "LARGE", quantity: 1 }],
    paymentToken: "tok_visa",
    ...input,
  });
  const key = { orderId: order.id };
  await initializeOrder({ orders, now }, key);
  const paid = await processPayment({ orders, now, payment: { successRate: 1 } }, key);
  await completeOrder({ orders, notifier, now }, paid);
  return (await orders.get(key))!;
}

const stored = async (order: Order) => (await orders.get({ orderId: order.id }))!;

describe("kitchen stages", () => {
  it("walks a pickup order and a delivery order through exactly their stages, each change by whom, with a re-quoted ETA", async () => {
    for (const [fulfilment, extra] of [["PICKUP", {}], ["DELIVERY", { fulfilment: "DELIVERY", deliveryAddress: address }]] as const) {
      const order = await paidOrder(extra);
      expect(order.orderStatus).toBe("RECEIVED");
      const etas = [order.eta];
      for (const to of KITCHEN_FLOW[fulfilment].slice(1)) {
        const moved = await advanceOrder({ orders }, cook, { id: order.id, to });
        expect(moved.orderStatus).toBe(to);
        expect(moved.statusHistory.at(-1)).toMatchObject({ status: to, by: "cook-dominos" });
        etas.push(moved.eta);
      }
      const done = await stored(order);
      expect(done.statusHistory.map((change) => change.status)).toEqual(["QUEUED", "PENDING_PAYMENT", ...KITCHEN_FLOW[fulfilment]]);
      // Quoted at every stage until it ends; gone once completed; never out of the kitchen's index too late.
      expect(etas.slice(0, -1).every((eta) => eta !== undefined)).toBe(true);
      expect(done.eta).toBeUndefined();
      expect(done.kitchenRestaurantId).toBeUndefined();
      expect(done.inFlight).toBeUndefined();
    }
  });

  it("refuses every move that is not the order's next stage, changing nothing; the same stage again is the order unchanged", async () => {
    const order = await paidOrder();
    const before = await stored(order);
    for (const to of Object.values(OrderStatus).filter((status) => status !== "PREPARING" && status !== "RECEIVED")) {
      await expect(advanceOrder({ orders }, cook, { id: order.id, to }), to).rejects.toBeInstanceOf(OrderNotModifiableError);
    }
    expect(await stored(order)).toEqual(before);
    expect(await advanceOrder({ orders }, cook, { id: order.id, to: "RECEIVED" })).toEqual(before);
    // A pickup order never goes out for delivery.
    for (const to of ["PREPARING", "BAKING", "READY"]) await advanceOrder({ orders }, cook, { id: order.id, to });
    await expect(advanceOrder({ orders }, cook, { id: order.id, to: "OUT_FOR_DELIVERY" })).rejects.toThrow(/next stage is COMPLETED/);
    await expect(advanceOrder({ orders }, cook, { id: order.id, to: "SIMMERING" })).rejects.toBeInstanceOf(ValidationError);
  });

  it("lets two cooks tapping the same move at once both see it done, once in the history", async () => {
    const order = await paidOrder();
    const results = await Promise.all(Array.from({ length: 5 }, () => advanceOrder({ orders }, cook, { id: order.id, to: "PREPARING" })));
    expect(results.every((result) => result.orderStatus === "PREPARING")).toBe(true);
    expect((await stored(order)).statusHistory.filter((change) => change.status === "PREPARING")).toHaveLength(1);
  });

  it("refuses staff of another restaurant, customers and guests like an unknown order, changing nothing", async () => {
    const order = await paidOrder();
    const before = await stored(order);
    for (const caller of [otherCook, customer, { kind: "guest" } as Caller]) {
      await expect(advanceOrder({ orders }, caller, { id: order.id, to: "PREPARING" })).rejects.toBeInstanceOf(OrderNotFoundError);
      await expect(cancelOrderByShop({ orders }, caller, { id: order.id, reason: "No dough" })).rejects.toBeInstanceOf(OrderNotFoundError);
      expect(await listKitchenOrders(orders, caller, { restaurantId: "Dominos" })).toEqual([]);
    }
    expect(await stored(order)).toEqual(before);
    expect((await listKitchenOrders(orders, cook, { restaurantId: "Dominos", stages: ["RECEIVED"] })).map((o) => o.id)).toContain(order.id);
  });

  it("keeps the kitchen's index to orders it has, oldest first, by stage (a Query, never a Scan)", async () => {
    const first = await paidOrder();
    const second = await paidOrder();
    await advanceOrder({ orders }, cook, { id: second.id, to: "PREPARING" });
    const all = await listKitchenOrders(orders, cook, { restaurantId: "Dominos" });
    const ids = all.map((order) => order.id);
    expect(ids.indexOf(first.id)).toBeLessThan(ids.indexOf(second.id));
    expect(all.every((order) => order.restaurantId === "Dominos" && order.kitchenRestaurantId === "Dominos")).toBe(true);
    expect((await listKitchenOrders(orders, cook, { restaurantId: "Dominos", stages: ["PREPARING"] })).map((o) => o.id)).toContain(second.id);
    expect((await listKitchenOrders(orders, cook, { restaurantId: "Dominos", stages: ["PREPARING"] })).map((o) => o.id)).not.toContain(first.id);
    // An unpaid order is not the kitchen's.
    const unpaid = await placeOrder({ orders, queue: recordingQueue().queue }, customer, { name: "Pizza", quantity: 1, restaurantId: "Dominos" });
    expect((await listKitchenOrders(orders, cook, { restaurantId: "Dominos" })).map((o) => o.id)).not.toContain(unpaid.order.id);
  });

  it("only ever moves along rules.ts: every kitchen move is a transition there", () => {
    for (const flow of Object.values(KITCHEN_FLOW)) for (let i = 0; i + 1 < flow.length; i++) expect(TRANSITIONS[flow[i]!]).toContain(flow[i + 1]);
  });
});

describe("the shop's cancellation", () => {
  function recordingRefunds() {
    const calls: RefundRequest[] = [];
    return { calls, refund: async (request: RefundRequest) => (calls.push(request), { reference: `re_${request.orderId}` }) };
  }

  it("cancels a paid order with the reason, refunds it once and shows both in the history", async () => {
    const order = await paidOrder();
    await advanceOrder({ orders }, cook, { id: order.id, to: "PREPARING" });
    const { calls, refund } = recordingRefunds();
    const done = await cancelOrderByShop({ orders, refund }, cook, { id: order.id, reason: "The oven broke" });
    expect(done.orderStatus).toBe("REFUNDED");
    expect(done.failureReason).toBe("Cancelled by the restaurant: The oven broke. Your payment is refunded in full.");
    expect(done.refund).toMatchObject({ amountCents: order.totalCents, reference: `re_${order.id}` });
    expect(done.statusHistory.slice(-2)).toMatchObject([
      { status: "CANCELLED_BY_SHOP", by: "cook-dominos", reason: "The oven broke" },
      { status: "REFUNDED", by: "cook-dominos" },
    ]);
    expect(calls).toEqual([{ orderId: order.id, amountCents: order.totalCents, chargeReference: order.payment!.reference }]);
    expect(done.kitchenRestaurantId).toBeUndefined();
    // Retried: the same order, no second refund.
    expect((await cancelOrderByShop({ orders, refund }, cook, { id: order.id, reason: "The oven broke" })).refund).toEqual(done.refund);
    expect(calls).toHaveLength(1);
  });

  it("refunds exactly once when 8 cancels race (the provider only ever sees the order's idempotency key)", async () => {
    const order = await paidOrder();
    const { calls, refund } = recordingRefunds();
    const results = await Promise.all(Array.from({ length: 8 }, () => cancelOrderByShop({ orders, refund }, cook, { id: order.id, reason: "Out of cheese" })));
    expect(results.every((result) => result.orderStatus === "REFUNDED")).toBe(true);
    const after = await stored(order);
    expect(after.statusHistory.filter((change) => change.status === "REFUNDED")).toHaveLength(1);
    expect(after.statusHistory.filter((change) => change.status === "CANCELLED_BY_SHOP")).toHaveLength(1);
    expect(new Set(calls.map((call) => call.orderId))).toEqual(new Set([order.id]));
  });

  it("refuses an unpaid or completed order and an empty reason, changing nothing", async () => {
    const unpaid = (await placeOrder({ orders, queue: recordingQueue().queue }, customer, { name: "Pizza", quantity: 1, restaurantId: "Dominos" })).order;
    const completed = await paidOrder();
    for (const to of ["PREPARING", "BAKING", "READY", "COMPLETED"]) await advanceOrder({ orders }, cook, { id: completed.id, to });
    for (const order of [unpaid, completed]) {
      const before = await stored(order);
      await expect(cancelOrderByShop({ orders }, cook, { id: order.id, reason: "No" })).rejects.toBeInstanceOf(OrderNotModifiableError);
      expect(await stored(order)).toEqual(before);
    }
    const fresh = await paidOrder();
    await expect(cancelOrderByShop({ orders }, cook, { id: fresh.id, reason: "  " })).rejects.toBeInstanceOf(ValidationError);
    expect((await stored(fresh)).orderStatus).toBe("RECEIVED");
  });
});

describe("kitchen deadlines (the reconciler)", () => {
  const MINUTE = 60_000;

  it("cancels and refunds an order nobody accepted, closes an uncollected one, and leaves one in time alone", async () => {
    const t0 = Date.parse("2030-01-07T12:00:00.000Z");
    const at = (ms: number) => () => new Date(ms);
    const unaccepted = await paidOrder({}, at(t0));
    const uncollected = await paidOrder({}, at(t0));
    for (const to of ["PREPARING", "BAKING", "READY"]) await advanceOrder({ orders, now: at(t0) }, cook, { id: uncollected.id, to });
    const inTime = await paidOrder({}, at(t0 + 50 * MINUTE));
    const before = await stored(inTime);

    const run = at(t0 + Math.max(DEFAULT_ORDER_DEADLINE_SECONDS.RECEIVED, DEFAULT_ORDER_DEADLINE_SECONDS.READY) * 1000 + MINUTE);
    const reports = await Promise.all([reconcileOverdueOrders({ orders, notifier, now: run }), reconcileOverdueOrders({ orders, notifier, now: run })]);
    const ended = reports.flatMap((report) => report.orders).filter((entry) => entry.action === "ended");
    expect(ended.filter((entry) => entry.orderId === unaccepted.id)).toEqual([
      { orderId: unaccepted.id, action: "ended", from: "RECEIVED", to: "REFUNDED", reason: "Cancelled by the restaurant: The restaurant did not accept the order in time. Your payment is refunded in full." },
    ]);
    expect(ended.filter((entry) => entry.orderId === uncollected.id)).toEqual([
      { orderId: uncollected.id, action: "ended", from: "READY", to: "COMPLETED", reason: "Ready but not collected in time; closed by the shop" },
    ]);
    expect((await stored(unaccepted)).statusHistory.slice(-2).map((change) => [change.status, change.by])).toEqual([
      ["CANCELLED_BY_SHOP", "reconciler"],
      ["REFUNDED", "reconciler"],
    ]);
    expect((await stored(uncollected)).inFlight).toBeUndefined();
    // RECEIVED at t0+50 min: its 20 minutes had not passed at the run (t0+61 min): untouched.
    expect(await stored(inTime)).toEqual(before);
  });
});

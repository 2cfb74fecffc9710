// "Try another card" after a decline and "order again", against a real DynamoDB-API server.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Caller } from "../src/access/caller";
import { OrderNotFoundError, OrderNotModifiableError } from "../src/errors";
import { OrderNotifier } from "../src/notification/orderNotifier";
import { parseOrderMessage, serializeOrderMessage } from "../src/order/orderMessage";
import { orderAgain } from "../src/order/orderAgain";
import { OrderRepository } from "../src/order/orderRepository";
import { placeOrder } from "../src/order/placeOrder";
import { retryPayment } from "../src/order/retryPayment";
import { executionNameOf } from "../src/workflow/orderWorkflowStarter";
import { completeOrder, cancelFailedOrder, initializeOrder, processPayment } from "../src/workflow/orderTasks";
import { capturingSnsClient } from "./support/capturingSns";
import { type DynaliteOrdersTable, startDynaliteOrdersTable } from "./support/dynaliteOrdersTable";
import { recordingQueue } from "./support/recordingQueue";

let table: DynaliteOrdersTable;
let orders: OrderRepository;
let notifier: OrderNotifier;
const alice: Caller = { kind: "customer", customerId: "alice-retry" };
const bob: Caller = { kind: "customer", customerId: "bob-retry" };
const cart = { restaurantId: "Luigis", lines: [{ pizza: "Margherita", quantity: 2 }, { pizza: "Veggie", size: "LARGE", quantity: 1 }] };

beforeAll(async () => {
  table = await startDynaliteOrdersTable();
  orders = new OrderRepository(table.documentClient, table.tableName);
  notifier = new OrderNotifier(capturingSnsClient().client, "arn:aws:sns:us-east-1:000000000000:orders", orders);
});
afterAll(() => table.close());

async function runWorkflow(orderId: string) {
  const key = { orderId };
  await initializeOrder({ orders }, key);
  const paid = await processPayment({ orders, payment: { successRate: 1 } }, key);
  await (paid.paymentSucceeded ? completeOrder : cancelFailedOrder)({ orders, notifier }, paid);
  return (await orders.get(key))!;
}

describe("try another card", () => {
  it("sends the same declined order back through the payment with the new card: its own execution and charge key, lines and total unchanged", async () => {
    const { order } = await placeOrder({ orders, queue: recordingQueue().queue }, alice, { ...cart, paymentToken: "tok_chargeDeclined" });
    const declined = await runWorkflow(order.id);
    expect(declined.orderStatus).toBe("PAYMENT_FAILED");

    const { queue, sent } = recordingQueue();
    await expect(retryPayment({ orders, queue }, bob, { id: order.id, paymentToken: "tok_visa" })).rejects.toBeInstanceOf(OrderNotFoundError);
    expect(await orders.get({ orderId: order.id })).toEqual(declined);

    const reopened = await retryPayment({ orders, queue }, alice, { id: order.id, paymentToken: "tok_visa" });
    expect(reopened).toMatchObject({ orderStatus: "QUEUED", paymentAttempt: 2, totalCents: order.totalCents, lines: order.lines });
    expect(reopened.payment).toBeUndefined();
    expect(reopened.declinedPayments).toEqual([declined.payment]);
    expect(sent).toEqual([{ orderId: order.id, paymentAttempt: 2 }]);
    // The message names the attempt, so the execution is a new one (a Standard name is kept 90 days).
    expect(parseOrderMessage(serializeOrderMessage(sent[0]!))).toEqual({ orderId: order.id, paymentAttempt: 2 });
    expect(executionNameOf(sent[0]!)).toBe(`${order.id}-attempt-2`);
    expect(executionNameOf({ orderId: order.id })).toBe(order.id);
    // A retried call while it waits sends the message again; it never reopens twice.
    await retryPayment({ orders, queue }, alice, { id: order.id, paymentToken: "tok_visa" });
    expect(sent).toHaveLength(2);

    const paid = await runWorkflow(order.id);
    expect(paid.orderStatus).toBe("RECEIVED");
    expect(paid.payment).toMatchObject({ outcome: "SUCCEEDED", amountCents: order.totalCents, reference: `ch_${order.id}-2` });
    expect(paid.statusHistory.map((change) => change.status)).toEqual(["QUEUED", "PENDING_PAYMENT", "PAYMENT_FAILED", "QUEUED", "PENDING_PAYMENT", "RECEIVED"]);
    // Paid now: another card is refused, and nothing changes.
    await expect(retryPayment({ orders, queue }, alice, { id: order.id, paymentToken: "tok_visa" })).rejects.toBeInstanceOf(OrderNotModifiableError);
    expect(await orders.get({ orderId: order.id })).toEqual(paid);
  });
});

describe("order again", () => {
  it("places a new order with the same lines, re-priced, for whoever may read the old one", async () => {
    const { order } = await placeOrder({ orders, queue: recordingQueue().queue }, alice, { ...cart, paymentToken: "tok_visa" });
    await runWorkflow(order.id);
    const { queue, sent } = recordingQueue();
    const again = await orderAgain({ orders, queue }, alice, { id: order.id, paymentToken: "tok_visa" });
    expect(again.order.id).not.toBe(order.id);
    expect(again.order).toMatchObject({ orderStatus: "QUEUED", restaurantId: "Luigis", lines: order.lines, totalCents: order.totalCents, customerId: "alice-retry" });
    expect(again.order.orderNumber).not.toBe(order.orderNumber);
    expect(sent).toEqual([{ orderId: again.order.id }]);
    await expect(orderAgain({ orders, queue }, bob, { id: order.id })).rejects.toBeInstanceOf(OrderNotFoundError);
    expect(sent).toHaveLength(1);
  });
});

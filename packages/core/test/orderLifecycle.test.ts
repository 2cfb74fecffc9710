// The order use cases and workflow steps against a real DynamoDB-API server (dynalite).
import { QueryCommand } from "@aws-sdk/lib-dynamodb";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { CustomerCaller } from "../src/access/caller";
import { OrderClosedError, OrderNotModifiableError, TransientOrderError, ValidationError } from "../src/errors";
import { OrderNotifier } from "../src/notification/orderNotifier";
import { cancelOrder } from "../src/order/cancelOrder";
import { changeOrder } from "../src/order/changeOrder";
import { findOrder, listOrders } from "../src/order/findOrders";
import { cancellationReasonFor } from "../src/order/finishOrder";
import { OrderRepository } from "../src/order/orderRepository";
import { placeOrder as placeOrderAs } from "../src/order/placeOrder";
import { removeFromHistory } from "../src/order/removeFromHistory";
import { advanceOrder } from "../src/kitchen/kitchenStages";
import type { Caller } from "../src/access/caller";
import { cancelFailedOrder, completeOrder, initializeOrder, processPayment } from "../src/workflow/orderTasks";
import { capturingSnsClient } from "./support/capturingSns";
import { type DynaliteOrdersTable, startDynaliteOrdersTable } from "./support/dynaliteOrdersTable";
import { recordingQueue } from "./support/recordingQueue";

const seed = { name: "Pizza", quantity: 6, restaurantId: "Dominos" };
let table: DynaliteOrdersTable;
let orders: OrderRepository;
let customerId: string;
let customer: CustomerCaller;
let customerCounter = 0;

/** placeOrder for a signed-in customer, answering the order. */
async function placeOrder(deps: Parameters<typeof placeOrderAs>[0], caller: CustomerCaller, input: unknown) {
  return (await placeOrderAs(deps, caller, input)).order;
}

const asCustomer = (id: string): CustomerCaller => ({ kind: "customer", customerId: id });

/** The customer's orders straight from the byCustomer index. */
async function storedOrders(owner = customerId) {
  const result = await table.documentClient.send(
    new QueryCommand({
      TableName: table.tableName,
      IndexName: "byCustomer",
      KeyConditionExpression: "historyCustomerId = :c",
      ExpressionAttributeValues: { ":c": owner },
    }),
  );
  return result.Items ?? [];
}

function notifyingDeps() {
  const sns = capturingSnsClient();
  return { sns, deps: { orders, notifier: new OrderNotifier(sns.client, "arn:aws:sns:us-east-1:000000000000:orders", orders) } };
}

beforeAll(async () => {
  table = await startDynaliteOrdersTable();
  orders = new OrderRepository(table.documentClient, table.tableName);
});
afterAll(() => table.close());
beforeEach(() => {
  customerId = `customer-${++customerCounter}`;
  customer = asCustomer(customerId);
});

describe("placing an order", () => {
  it("stores the seed order QUEUED with a server id and total, and enqueues its key", async () => {
    const { queue, sent } = recordingQueue();
    const order = await placeOrder({ orders, queue }, customer, seed);
    expect(order.id).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(order).toMatchObject({ ...seed, orderStatus: "QUEUED", size: "MEDIUM", totalCents: 5400, currency: "USD" });
    expect(sent).toEqual([{ orderId: order.id }]);
    expect(await findOrder(orders, customer, { id: order.id })).toEqual(order);
  });

  it("refuses invalid input with a ValidationError and writes and enqueues nothing", async () => {
    const { queue, sent } = recordingQueue();
    for (const input of [
      { ...seed, quantity: 0 },
      { ...seed, quantity: 500 },
      { ...seed, name: "" },
      { ...seed, name: "Sushi" },
      { ...seed, customerEmail: "nope" },
      { ...seed, restaurantId: "x".repeat(500) },
      null,
    ]) {
      await expect(placeOrder({ orders, queue }, customer, input)).rejects.toBeInstanceOf(ValidationError);
    }
    expect(sent).toEqual([]);
    expect(await storedOrders()).toEqual([]);
  });

  it("removes the stored order again when the queue refuses it", async () => {
    const { queue, sent, control } = recordingQueue();
    control.failNext = true;
    await expect(placeOrder({ orders, queue }, customer, seed)).rejects.toThrow("SQS unavailable");
    expect(sent).toEqual([]);
    expect(await storedOrders()).toEqual([]);
  });
});

describe("the workflow steps", () => {
  async function placed(input: object = seed) {
    const { queue } = recordingQueue();
    const order = await placeOrder({ orders, queue }, customer, input);
    return { orderId: order.id };
  }

  it("hands a paid order to its kitchen (RECEIVED, with an ETA) with one notification, even when steps are retried", async () => {
    const key = await placed({ ...seed, paymentToken: "tok_visa" });
    const { sns, deps } = notifyingDeps();
    await initializeOrder({ orders }, key);
    await initializeOrder({ orders }, key); // a retried step is harmless
    const paid = await processPayment({ orders, payment: { successRate: 0 } }, key);
    expect(paid.payment).toEqual({ outcome: "SUCCEEDED" });
    await completeOrder(deps, { ...key, ...paid });
    await completeOrder(deps, { ...key, ...paid });

    const order = await findOrder(orders, customer, { id: key.orderId });
    expect(order?.orderStatus).toBe("RECEIVED");
    expect(order?.statusHistory.map((change) => change.status)).toEqual(["QUEUED", "PENDING_PAYMENT", "RECEIVED"]);
    expect(order?.statusHistory.map((change) => change.by)).toEqual(["customer", "system", "system"]);
    expect(Date.parse(order!.eta!)).toBeGreaterThan(Date.parse(order!.statusHistory[2]!.at));
    expect(sns.published).toHaveLength(1);
    expect(sns.published[0].message).toContain(key.orderId);
    expect(sns.published[0].message).toContain("54.00 USD");
  });

  it("writes a paid order 6 times in all: numbered (the restaurant's day counter), placed, picked up, paid, handed to the kitchen with its notification claimed, notification recorded as sent", async () => {
    const writes: string[] = [];
    const countingDb = Object.create(table.documentClient) as typeof table.documentClient;
    countingDb.send = ((command: { constructor: { name: string } }) => {
      if (/^(Put|Update|Delete)Command$/.test(command.constructor.name)) writes.push(command.constructor.name);
      return table.documentClient.send(command as never);
    }) as typeof countingDb.send;
    const countedOrders = new OrderRepository(countingDb, table.tableName);
    const sns = capturingSnsClient();
    const notifier = new OrderNotifier(sns.client, "arn:aws:sns:us-east-1:000000000000:orders", countedOrders);
    const order = await placeOrder({ orders: countedOrders, queue: recordingQueue().queue }, customer, { ...seed, paymentToken: "tok_visa" });
    const key = { orderId: order.id };
    await initializeOrder({ orders: countedOrders }, key);
    const paid = await processPayment({ orders: countedOrders, payment: { successRate: 1 } }, key);
    await completeOrder({ orders: countedOrders, notifier }, paid);
    expect(writes).toEqual(["UpdateCommand", "PutCommand", "UpdateCommand", "UpdateCommand", "UpdateCommand", "UpdateCommand"]);
    expect(sns.published).toHaveLength(1);
  });

  it("charges once: a retried payment step returns the recorded outcome without drawing again", async () => {
    const key = await placed();
    await initializeOrder({ orders }, key);
    let draws = 0;
    const random = () => {
      draws++;
      return 0.95;
    };
    const first = await processPayment({ orders, payment: { successRate: 0.9, random } }, key);
    const second = await processPayment({ orders, payment: { successRate: 0.9, random: () => 0 } }, key);
    expect(first.payment?.outcome).toBe("DECLINED");
    expect(second).toEqual(first);
    expect(draws).toBe(1);
  });

  it("ends a declined order PAYMENT_FAILED with the reason and one notification", async () => {
    const key = await placed({ ...seed, paymentToken: "tok_chargeDeclined" });
    const { sns, deps } = notifyingDeps();
    await initializeOrder({ orders }, key);
    const declined = await processPayment({ orders, payment: { successRate: 1 } }, key);
    await cancelFailedOrder(deps, declined);
    await cancelFailedOrder(deps, declined);
    const order = await findOrder(orders, customer, { id: key.orderId });
    expect(order).toMatchObject({ orderStatus: "PAYMENT_FAILED", failureReason: "Your card was declined." });
    expect(sns.published).toHaveLength(1);
  });

  it("ends an order CANCELLED with a reason when a step failed, and says why", async () => {
    const key = await placed({ ...seed, paymentToken: "tok_processingError" });
    const { sns, deps } = notifyingDeps();
    await initializeOrder({ orders }, key);
    const result = await cancelFailedOrder(deps, { ...key, error: { Error: "PaymentProviderUnavailableError", Cause: "{}" } });
    expect(result.error?.Error).toBe("PaymentProviderUnavailableError");
    const order = await findOrder(orders, customer, { id: key.orderId });
    expect(order?.orderStatus).toBe("CANCELLED");
    expect(order?.failureReason).toMatch(/payment provider did not respond/);
    expect(sns.published).toHaveLength(1);
  });

  it("says a step that timed out took too long, whether the state or the function timed out", () => {
    for (const timeout of ["States.Timeout", "Sandbox.Timedout"]) {
      expect(cancellationReasonFor({ kind: "workflowError", error: { Error: timeout } })).toBe(
        "Processing the order took too long, so it was cancelled. You have not been charged.",
      );
    }
    expect(cancellationReasonFor({ kind: "workflowError", error: { Error: "States.TaskFailed" } })).toBe(
      "Processing the order failed (States.TaskFailed), so it was cancelled. You have not been charged.",
    );
  });

  it("sends the notification on a retry when the first publish failed", async () => {
    const key = await placed({ ...seed, paymentToken: "tok_visa" });
    const { sns, deps } = notifyingDeps();
    await initializeOrder({ orders }, key);
    const paid = await processPayment({ orders, payment: { successRate: 1 } }, key);
    sns.control.failNext = 1;
    await expect(completeOrder(deps, paid)).rejects.toThrow();
    expect(sns.published).toHaveLength(0);
    await completeOrder(deps, paid);
    await completeOrder(deps, paid);
    expect(sns.published).toHaveLength(1);
  });

  it("re-prices when the customer changed the order while the payment was being prepared", async () => {
    const key = await placed();
    await initializeOrder({ orders }, key);
    // The customer's change lands between the payment step's read and its write.
    const racingOrders = Object.create(orders) as OrderRepository;
    racingOrders.recordPayment = async (...args) => {
      await changeOrder(orders, customer, { id: key.orderId, quantity: 1 });
      return orders.recordPayment(...args);
    };
    await expect(processPayment({ orders: racingOrders, payment: { successRate: 1 } }, key)).rejects.toBeInstanceOf(TransientOrderError);
    await processPayment({ orders, payment: { successRate: 1 } }, key);
    const order = await findOrder(orders, customer, { id: key.orderId });
    expect(order?.payment?.amountCents).toBe(900);
    expect(order?.totalCents).toBe(900);
  });
});

describe("changing, cancelling and deleting", () => {
  async function placedAndPaid(token = "tok_visa") {
    const { queue } = recordingQueue();
    const order = await placeOrder({ orders, queue }, customer, { ...seed, paymentToken: token });
    const key = { orderId: order.id };
    await initializeOrder({ orders }, key);
    return { key, paid: await processPayment({ orders, payment: { successRate: 1 } }, key) };
  }

  it("changes an unpaid order and re-prices it", async () => {
    const { queue } = recordingQueue();
    const order = await placeOrder({ orders, queue }, customer, seed);
    const changed = await changeOrder(orders, customer, { id: order.id, quantity: 2, size: "LARGE", toppings: ["Chilli"] });
    expect(changed).toMatchObject({ quantity: 2, size: "LARGE", toppings: ["Chilli"], totalCents: 2 * (1170 + 50), version: 2 });
  });

  it("refuses a change once the payment has been taken, and changes nothing", async () => {
    const { key } = await placedAndPaid();
    const before = await findOrder(orders, customer, { id: key.orderId });
    await expect(changeOrder(orders, customer, { id: key.orderId, quantity: 1 })).rejects.toThrow(
      new OrderNotModifiableError(`Order ${key.orderId} can no longer be changed: the payment has been taken`),
    );
    expect(await findOrder(orders, customer, { id: key.orderId })).toEqual(before);
  });

  it("cancels an unpaid order in flight, and the workflow then stops without touching it", async () => {
    const { queue } = recordingQueue();
    const order = await placeOrder({ orders, queue }, customer, seed);
    const key = { orderId: order.id };
    const cancelled = await cancelOrder(orders, customer, { id: order.id });
    expect(cancelled).toMatchObject({ orderStatus: "CANCELLED", failureReason: "Cancelled by the customer." });
    expect(await cancelOrder(orders, customer, { id: order.id })).toEqual(cancelled);
    await expect(initializeOrder({ orders }, key)).rejects.toBeInstanceOf(OrderClosedError);
    await expect(processPayment({ orders, payment: { successRate: 1 } }, key)).rejects.toBeInstanceOf(OrderClosedError);
    expect((await findOrder(orders, customer, { id: order.id }))?.payment).toBeUndefined();
  });

  it("refuses to cancel a paid order, in flight or finished, and changes nothing", async () => {
    const { key, paid } = await placedAndPaid();
    const inFlight = await orders.get(key);
    await expect(cancelOrder(orders, customer, { id: key.orderId })).rejects.toThrow(
      new OrderNotModifiableError(`Order ${key.orderId} can no longer be cancelled: the payment has been taken`),
    );
    expect(await orders.get(key)).toEqual(inFlight);
    await completeOrder(notifyingDeps().deps, paid);
    const finished = await orders.get(key);
    await expect(cancelOrder(orders, customer, { id: key.orderId })).rejects.toBeInstanceOf(OrderNotModifiableError);
    expect(await orders.get(key)).toEqual(finished);
  });

  it("deleteOrder takes a finished order out of the history and keeps the record; an order in progress is refused", async () => {
    const { key, paid } = await placedAndPaid();
    await expect(removeFromHistory(orders, customer, key.orderId)).rejects.toBeInstanceOf(OrderNotModifiableError);
    expect((await storedOrders()).map((item) => item.orderId)).toEqual([key.orderId]);
    await completeOrder(notifyingDeps().deps, paid);
    // In the kitchen it is still in progress; the kitchen finishes it.
    await expect(removeFromHistory(orders, customer, key.orderId)).rejects.toBeInstanceOf(OrderNotModifiableError);
    const cook: Caller = { kind: "staff", customerId: "cook-1", restaurantIds: [seed.restaurantId] };
    for (const to of ["PREPARING", "BAKING", "READY", "COMPLETED"]) await advanceOrder({ orders }, cook, { id: key.orderId, to });
    expect(await removeFromHistory(orders, customer, key.orderId)).toBe(key.orderId);
    expect(await storedOrders()).toEqual([]);
    expect((await listOrders(orders, customer, {})).orders).toEqual([]);
    const kept = await orders.get(key);
    expect(kept).toMatchObject({ id: key.orderId, customerId, orderStatus: "COMPLETED", payment: { outcome: "SUCCEEDED" } });
    expect(kept?.historyCustomerId).toBeUndefined();
    // Again: the same answer, nothing else changes.
    expect(await removeFromHistory(orders, customer, key.orderId)).toBe(key.orderId);
    expect(await orders.get(key)).toEqual(kept);
  });
});

describe("listing orders", () => {
  it("pages through the customer's orders newest first, with an opaque token, never another customer's", async () => {
    const { queue } = recordingQueue();
    const placedIds: string[] = [];
    for (let i = 0; i < 7; i++) placedIds.push((await placeOrder({ orders, queue }, customer, seed)).id);
    await placeOrder({ orders, queue }, asCustomer(`${customerId}-other`), seed);

    const seen: string[] = [];
    let nextToken: string | undefined;
    do {
      const page = await listOrders(orders, customer, { limit: 3, nextToken });
      expect(page.orders.length).toBeLessThanOrEqual(3);
      seen.push(...page.orders.map((order) => order.id));
      nextToken = page.nextToken;
    } while (nextToken);
    expect(seen).toEqual([...placedIds].reverse());

    const firstPage = await listOrders(orders, customer, { limit: 3 });
    await expect(listOrders(orders, asCustomer(`${customerId}-other`), { limit: 3, nextToken: firstPage.nextToken })).rejects.toBeInstanceOf(ValidationError);
    await expect(listOrders(orders, customer, { nextToken: "garbage!" })).rejects.toThrow("The page token is not valid");
    await expect(listOrders(orders, customer, { limit: 500 })).rejects.toThrow("Page size must be at most 50");
  });
});

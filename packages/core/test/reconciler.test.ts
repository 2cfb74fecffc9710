// The deadline reconciler against a real DynamoDB-API server (dynalite) with the in-flight index:
// each way an order can be stranded is built the way it happens (a lost message, an execution
// that stopped before or after the payment, a finishing step that kept failing, a sender that died
// holding the notification claim), then the reconciler finishes it — with a reason, exactly once,
// also when two runs race each other or the workflow.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { NotificationInProgressError } from "../src/errors";
import { newNotificationClaim, OrderNotifier } from "../src/notification/orderNotifier";
import { DEFAULT_ORDER_DEADLINE_SECONDS } from "../src/order/deadlines";
import type { OrderKey } from "../src/order/order";
import { OrderRepository } from "../src/order/orderRepository";
import { placeOrder } from "../src/order/placeOrder";
import { OrderStatus } from "../src/order/rules";
import { reconcileOverdueOrders, type ReconcileReport } from "../src/reconciler/reconcileOverdueOrders";
import { cancelFailedOrder, completeOrder, initializeOrder, processPayment } from "../src/workflow/orderTasks";
import { capturingSnsClient } from "./support/capturingSns";
import { startDynaliteOrdersTable, type DynaliteOrdersTable } from "./support/dynaliteOrdersTable";
import { losingQueue } from "./support/recordingQueue";

const T0 = Date.parse("2026-11-29T12:00:00.000Z");
const MINUTE = 60_000;
const PAST_EVERY_DEADLINE = Math.max(...Object.values(DEFAULT_ORDER_DEADLINE_SECONDS)) * 1000 + MINUTE;
const seed = { name: "Pizza", quantity: 6, restaurantId: "Dominos" };
const customerId = "customer-1";

let table: DynaliteOrdersTable;
let orders: OrderRepository;
let sns: ReturnType<typeof capturingSnsClient>;
let notifier: OrderNotifier;
let clock: number;
const now = () => new Date(clock);

beforeEach(async () => {
  // A table per test: the reconciler looks at every overdue order in the table.
  table = await startDynaliteOrdersTable();
  orders = new OrderRepository(table.documentClient, table.tableName);
  sns = capturingSnsClient();
  notifier = new OrderNotifier(sns.client, "arn:aws:sns:us-east-1:000000000000:orders", orders);
  clock = T0;
});
afterEach(() => table.close());

function reconcile(at = clock): Promise<ReconcileReport> {
  return reconcileOverdueOrders({ orders, notifier, now: () => new Date(at) });
}

async function placed(input: object = seed): Promise<OrderKey> {
  const { order } = await placeOrder({ orders, queue: losingQueue(), now }, { kind: "customer", customerId }, input);
  return { orderId: order.id };
}

const workflow = () => ({ orders, notifier, now, payment: { successRate: 1 } });

function notificationsFor(key: OrderKey) {
  return sns.published.filter((message) => message.message.includes(key.orderId));
}

async function stored(key: OrderKey) {
  const order = await orders.get(key);
  if (!order) throw new Error(`order ${key.orderId} is gone`);
  return order;
}

describe("the deadline reconciler", () => {
  it("cancels an order whose queue message was lost, with a reason, once its deadline has passed — not before", async () => {
    const key = await placed();
    expect((await reconcile(T0 + 10 * MINUTE)).orders).toEqual([]);
    expect((await stored(key)).orderStatus).toBe(OrderStatus.Queued);

    const report = await reconcile(T0 + PAST_EVERY_DEADLINE);
    expect(report.orders).toEqual([
      {
        orderId: key.orderId,
        action: "ended",
        from: "QUEUED",
        to: "CANCELLED",
        reason: "We could not start preparing the order in time, so it was cancelled. You have not been charged.",
      },
    ]);
    const order = await stored(key);
    expect(order).toMatchObject({ orderStatus: "CANCELLED", failureReason: expect.stringContaining("not been charged") });
    expect(order.payment).toBeUndefined();
    expect(order.inFlight).toBeUndefined();
    expect(notificationsFor(key)).toHaveLength(1);
    expect((await reconcile(T0 + 2 * PAST_EVERY_DEADLINE)).examined).toBe(0);
    expect(notificationsFor(key)).toHaveLength(1);
  });

  it("cancels an unpaid order whose execution stopped before the payment", async () => {
    const key = await placed();
    await initializeOrder({ orders, now }, key);
    const report = await reconcile(T0 + PAST_EVERY_DEADLINE);
    expect(report.orders).toEqual([
      {
        orderId: key.orderId,
        action: "ended",
        from: "PENDING_PAYMENT",
        to: "CANCELLED",
        reason: "Taking the payment did not finish in time, so the order was cancelled. You have not been charged.",
      },
    ]);
    expect((await stored(key)).statusHistory.map((change) => change.status)).toEqual(["QUEUED", "PENDING_PAYMENT", "CANCELLED"]);
    expect(notificationsFor(key)).toHaveLength(1);
  });

  it("hands a paid order whose execution stopped after the payment to the kitchen — never cancels it", async () => {
    const key = await placed({ ...seed, paymentToken: "tok_visa" });
    await initializeOrder({ orders, now }, key);
    await processPayment(workflow(), key);
    const report = await reconcile(T0 + PAST_EVERY_DEADLINE);
    expect(report.orders).toEqual([{ orderId: key.orderId, action: "ended", from: "PENDING_PAYMENT", to: "RECEIVED" }]);
    const order = await stored(key);
    expect(order.orderStatus).toBe("RECEIVED");
    expect(order.statusHistory.at(-1)?.by).toBe("reconciler");
    expect(order.failureReason).toBeUndefined();
    expect(notificationsFor(key)).toHaveLength(1);
    expect(notificationsFor(key)[0]!.message).toContain("is paid and with the kitchen");
    // Now the kitchen's deadline holds it, from the moment it arrived there.
    expect(order.deadlineAt).toBe(new Date(T0 + PAST_EVERY_DEADLINE + DEFAULT_ORDER_DEADLINE_SECONDS.RECEIVED * 1000).toISOString());
  });

  it("ends a declined order whose execution stopped after the payment as PAYMENT_FAILED with the decline reason", async () => {
    const key = await placed({ ...seed, paymentToken: "tok_chargeDeclined" });
    await initializeOrder({ orders, now }, key);
    await processPayment(workflow(), key);
    const report = await reconcile(T0 + PAST_EVERY_DEADLINE);
    expect(report.orders).toEqual([
      { orderId: key.orderId, action: "ended", from: "PENDING_PAYMENT", to: "PAYMENT_FAILED", reason: "Your card was declined." },
    ]);
    expect(notificationsFor(key)).toHaveLength(1);
  });

  it("sends a notification whose sender died holding the claim: the workflow's retry waits for the lease, the reconciler sends it once", async () => {
    const key = await placed({ ...seed, paymentToken: "tok_visa" });
    await initializeOrder({ orders, now }, key);
    const paid = await processPayment(workflow(), key);
    // CompleteOrder's status write claims the notification, then the function dies before SNS answers.
    await orders.transition(key, OrderStatus.Received, now().toISOString(), { require: "paymentSucceeded", claimNotification: newNotificationClaim(now()) });

    await expect(completeOrder(workflow(), paid)).rejects.toBeInstanceOf(NotificationInProgressError);
    expect(notificationsFor(key)).toHaveLength(0);

    // Past every deadline: the notification goes out, and the kitchen that never accepted the order has it cancelled and refunded.
    const report = await reconcile(T0 + PAST_EVERY_DEADLINE);
    expect(report.orders).toEqual([
      { orderId: key.orderId, action: "ended", from: "RECEIVED", to: "REFUNDED", reason: "Cancelled by the restaurant: The restaurant did not accept the order in time. Your payment is refunded in full." },
    ]);
    expect(notificationsFor(key)).toHaveLength(1);
    // The workflow's late retry finds it sent.
    await completeOrder(workflow(), paid);
    expect(notificationsFor(key)).toHaveLength(1);
    expect((await stored(key)).inFlight).toBeUndefined();
  });

  it("sends the notification of a paid order whose publish kept failing; the failure never relabels the paid order", async () => {
    const key = await placed({ ...seed, paymentToken: "tok_visa" });
    await initializeOrder({ orders, now }, key);
    const paid = await processPayment(workflow(), key);
    sns.control.failNext = 5;
    for (let attempt = 0; attempt < 4; attempt++) await expect(completeOrder(workflow(), paid)).rejects.toMatchObject({ name: "InternalErrorException" });
    // What the old Catch did with that error: it must not relabel the paid order.
    await cancelFailedOrder(workflow(), { ...paid, error: { Error: "InternalErrorException", Cause: "SNS down" } }).catch(() => undefined);
    expect(await stored(key)).toMatchObject({ orderStatus: "RECEIVED", notificationDue: true });
    expect((await stored(key)).failureReason).toBeUndefined();
    expect(notificationsFor(key)).toHaveLength(0);

    await reconcile(T0 + DEFAULT_ORDER_DEADLINE_SECONDS.notification * 1000 + MINUTE);
    expect(notificationsFor(key)).toHaveLength(1);
    // Nobody in the kitchen accepted it by then either (its deadline is the notification's): the shop's deadline ends it, refunded.
    const order = await stored(key);
    expect(order.statusHistory.map((change) => change.status)).toEqual(["QUEUED", "PENDING_PAYMENT", "RECEIVED", "CANCELLED_BY_SHOP", "REFUNDED"]);
    expect(order.payment?.outcome).toBe("SUCCEEDED");
    expect(order.refund?.amountCents).toBe(order.payment?.amountCents);
  });

  it("finishes every kind of stranded order exactly once when two runs race each other", async () => {
    const lost = await placed();
    const stoppedUnpaid = await placed();
    await initializeOrder({ orders, now }, stoppedUnpaid);
    const stoppedPaid = await placed({ ...seed, paymentToken: "tok_visa" });
    await initializeOrder({ orders, now }, stoppedPaid);
    await processPayment(workflow(), stoppedPaid);
    const unsent = await placed({ ...seed, paymentToken: "tok_visa" });
    await initializeOrder({ orders, now }, unsent);
    await processPayment(workflow(), unsent);
    await orders.transition(unsent, OrderStatus.Received, now().toISOString(), {
      require: "paymentSucceeded",
      claimNotification: newNotificationClaim(now()),
    });
    const all = [lost, stoppedUnpaid, stoppedPaid, unsent];

    const reports = await Promise.all([reconcile(T0 + PAST_EVERY_DEADLINE), reconcile(T0 + PAST_EVERY_DEADLINE)]);
    const done = reports.flatMap((report) => report.orders).filter((order) => order.action === "ended" || order.action === "notified");
    expect(done.map((order) => order.orderId).sort()).toEqual(all.map((key) => key.orderId).sort());
    expect(reports.flatMap((report) => report.failures)).toEqual([]);
    for (const key of all) {
      const order = await stored(key);
      expect(
        order.statusHistory.filter((change) => change.status === order.orderStatus),
        key.orderId,
      ).toHaveLength(1);
      expect(notificationsFor(key), key.orderId).toHaveLength(1);
      // Out of the index once finished; in the kitchen, tracked by a deadline still ahead.
      if (order.orderStatus === OrderStatus.Received) expect(order.deadlineAt! > new Date(T0 + PAST_EVERY_DEADLINE).toISOString(), key.orderId).toBe(true);
      else expect(order.inFlight, key.orderId).toBeUndefined();
    }
    expect((await stored(stoppedPaid)).orderStatus).toBe("RECEIVED");
    // Left unaccepted in the kitchen past its deadline: cancelled by the shop and refunded.
    expect((await stored(unsent)).orderStatus).toBe("REFUNDED");
    expect((await stored(lost)).orderStatus).toBe("CANCELLED");
  });

  it("leaves an order alone when the workflow moves it on between the reconciler's read and its write", async () => {
    const key = await placed();
    const late = T0 + PAST_EVERY_DEADLINE;
    // The late execution's InitializeOrder lands just as the reconciler is about to cancel.
    const racing = Object.create(orders) as OrderRepository;
    racing.transition = async (...args) => {
      await initializeOrder({ orders, now: () => new Date(late) }, key);
      return orders.transition(...args);
    };
    const report = await reconcileOverdueOrders({ orders: racing, notifier, now: () => new Date(late) });
    expect(report.orders).toEqual([{ orderId: key.orderId, action: "skipped", from: "QUEUED", to: "QUEUED" }]);
    const order = await stored(key);
    expect(order.orderStatus).toBe("PENDING_PAYMENT");
    expect(order.deadlineAt! > new Date(late).toISOString()).toBe(true);
    expect(notificationsFor(key)).toHaveLength(0);
  });

  it("takes a finished order that owes nothing out of the index without touching it", async () => {
    const key = await placed();
    await orders.transition(key, OrderStatus.Cancelled, now().toISOString(), { failureReason: "Cancelled by the customer.", require: "noPayment" });
    const before = await stored(key);
    expect(before.inFlight).toBeUndefined();
    expect((await reconcile(T0 + PAST_EVERY_DEADLINE)).examined).toBe(0);
    expect(await stored(key)).toEqual(before);
    expect(notificationsFor(key)).toHaveLength(0);
  });
});

describe("the workflow's finishing steps", () => {
  it("hand a paid order to the kitchen even when a caught error sends it to CancelFailedOrder", async () => {
    const key = await placed({ ...seed, paymentToken: "tok_visa" });
    await initializeOrder({ orders, now }, key);
    await processPayment(workflow(), key);
    const result = await cancelFailedOrder(workflow(), { ...key, error: { Error: "Sandbox.Timedout", Cause: "reply lost" } });
    expect(result.orderStatus).toBe("RECEIVED");
    expect(await stored(key)).toMatchObject({ orderStatus: "RECEIVED" });
    expect((await stored(key)).failureReason).toBeUndefined();
    expect(notificationsFor(key)).toHaveLength(1);
  });
});

// The topic's own word that it accepted a notification (its subscribed queue's consumer) records
// it as sent on the order: a sender that died after SNS accepted, before recording, leaves nothing
// owed, so a takeover after the claim's lease publishes no second copy. Only the message naming
// the order's due notification records it, and only once; anything else changes nothing.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type AcceptedNotification, recordAcceptedNotification } from "../src/notification/notificationAcceptance";
import { NOTIFICATION_CLAIM_LEASE_SECONDS, OrderNotifier } from "../src/notification/orderNotifier";
import type { Order, OrderKey } from "../src/order/order";
import { OrderRepository } from "../src/order/orderRepository";
import { placeOrder } from "../src/order/placeOrder";
import { cancelFailedOrder, completeOrder, initializeOrder, processPayment } from "../src/workflow/orderTasks";
import { type CapturedPublish, capturingSnsClient } from "./support/capturingSns";
import { type DynaliteOrdersTable, startDynaliteOrdersTable } from "./support/dynaliteOrdersTable";
import { losingQueue } from "./support/recordingQueue";

const T0 = Date.parse("2026-11-29T12:00:00.000Z");
const TOPIC = "arn:aws:sns:us-east-1:000000000000:orders";
const seed = { name: "Pizza", quantity: 2, restaurantId: "Dominos" };

let table: DynaliteOrdersTable;
let orders: OrderRepository;
let sns: ReturnType<typeof capturingSnsClient>;
let clock: number;
const now = () => new Date(clock);

beforeEach(async () => {
  table = await startDynaliteOrdersTable();
  orders = new OrderRepository(table.documentClient, table.tableName);
  sns = capturingSnsClient();
  clock = T0;
});
afterEach(() => table.close());

/** A sender killed right after SNS accepted: its record of the send never happens. */
function killedAfterPublishing(): OrderNotifier {
  const dying = Object.create(orders) as OrderRepository;
  dying.markNotificationSent = async () => {
    throw new Error("killed before recording the send");
  };
  return new OrderNotifier(sns.client, TOPIC, dying);
}

const liveNotifier = () => new OrderNotifier(sns.client, TOPIC, orders);

async function placedAndPaid(paymentToken: string): Promise<{ key: OrderKey; paid: Awaited<ReturnType<typeof processPayment>> }> {
  const { order } = await placeOrder({ orders, queue: losingQueue(), now }, { kind: "customer", customerId: "customer-1" }, { ...seed, paymentToken });
  const key = { orderId: order.id };
  await initializeOrder({ orders, now }, key);
  return { key, paid: await processPayment({ orders, now, payment: { successRate: 1 } }, key) };
}

async function stored(key: OrderKey): Promise<Order> {
  const order = await orders.get(key);
  if (!order) throw new Error(`order ${key.orderId} is gone`);
  return order;
}

/** What the subscribed queue hands the recorder for a published message. */
function acceptanceOf(published: CapturedPublish, acceptedAt = new Date(clock).toISOString()): AcceptedNotification {
  const { orderId, orderStatus, notificationId } = published.attributes;
  return { orderId, orderStatus, notificationId, acceptedAt };
}

describe("recording a notification the topic accepted", () => {
  it("records the notification a killed sender published, so a takeover after the lease publishes nothing", async () => {
    const { key, paid } = await placedAndPaid("tok_visa");
    await expect(completeOrder({ orders, notifier: killedAfterPublishing(), now }, paid)).rejects.toThrow("killed before recording the send");
    expect(sns.published).toHaveLength(1);
    expect(await stored(key)).toMatchObject({ orderStatus: "RECEIVED", notificationDue: true });
    expect((await stored(key)).notificationSentAt).toBeUndefined();
    expect(sns.published[0]!.attributes.notificationId).toBe(`${key.orderId}:attempt-1`);

    const acceptedAt = new Date(T0 + 1000).toISOString();
    expect(await recordAcceptedNotification(orders, acceptanceOf(sns.published[0]!, acceptedAt))).toBe("recorded");
    const recorded = await stored(key);
    expect(recorded.notificationSentAt).toBe(acceptedAt);
    expect(recorded.notificationDue).toBeUndefined();
    expect(recorded.notificationClaim).toBeUndefined();
    // Still in the kitchen: tracked by its stage's own deadline again, as the sender's record does.
    const enteredAt = recorded.statusHistory.findLast((change) => change.status === "RECEIVED")!.at;
    expect(recorded.inFlight).toBeDefined();
    expect(recorded.deadlineAt).toBe(orders.stageDeadline(recorded.orderStatus, enteredAt));

    // The workflow's retry after the killed sender's lease ran out: nothing to send.
    clock = T0 + (NOTIFICATION_CLAIM_LEASE_SECONDS + 1) * 1000;
    await completeOrder({ orders, notifier: liveNotifier(), now }, paid);
    expect(sns.published).toHaveLength(1);
    expect(await stored(key)).toEqual(recorded);
  });

  it("takes a finished order out of the in-flight index when it records its notification", async () => {
    const { key, paid } = await placedAndPaid("tok_chargeDeclined");
    await expect(cancelFailedOrder({ orders, notifier: killedAfterPublishing(), now }, paid)).rejects.toThrow("killed before recording the send");
    expect((await stored(key)).inFlight).toBeDefined();

    expect(await recordAcceptedNotification(orders, acceptanceOf(sns.published[0]!))).toBe("recorded");
    const recorded = await stored(key);
    expect(recorded).toMatchObject({ orderStatus: "PAYMENT_FAILED", notificationSentAt: new Date(T0).toISOString() });
    expect([recorded.inFlight, recorded.deadlineAt, recorded.notificationDue, recorded.notificationClaim]).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
    ]);

    clock = T0 + (NOTIFICATION_CLAIM_LEASE_SECONDS + 1) * 1000;
    await cancelFailedOrder({ orders, notifier: liveNotifier(), now }, paid);
    expect(sns.published).toHaveLength(1);
  });

  it("records it once: the same message again changes nothing", async () => {
    const { key, paid } = await placedAndPaid("tok_visa");
    await completeOrder({ orders, notifier: liveNotifier(), now }, paid);
    const sent = await stored(key);
    expect(sent.notificationSentAt).toBe(new Date(T0).toISOString());

    // The topic's copy arrives after the sender's own record, and arrives again (at-least-once).
    for (const acceptedAt of [new Date(T0 + 500).toISOString(), new Date(T0 + 900).toISOString()]) {
      expect(await recordAcceptedNotification(orders, acceptanceOf(sns.published[0]!, acceptedAt))).toBe("notDue");
      expect(await stored(key)).toEqual(sent);
    }
  });

  it("changes nothing for a message that does not name the order's due notification", async () => {
    const { key, paid } = await placedAndPaid("tok_visa");
    const other = await placedAndPaid("tok_visa");
    await expect(completeOrder({ orders, notifier: killedAfterPublishing(), now }, paid)).rejects.toThrow();
    const before = await stored(key);
    const otherBefore = await stored(other.key);
    const accepted = acceptanceOf(sns.published[0]!);

    const mismatched: Array<[AcceptedNotification, string]> = [
      [{ ...accepted, notificationId: `${key.orderId}:attempt-2` }, "notDue"],
      [{ ...accepted, notificationId: `${other.key.orderId}:attempt-1` }, "unrecognised"],
      [{ ...accepted, notificationId: `${key.orderId}:RECEIVED` }, "unrecognised"],
      [{ ...accepted, notificationId: undefined }, "unrecognised"],
      // The other order owes no notification yet (its payment path has not ended).
      [{ ...accepted, orderId: other.key.orderId, notificationId: `${other.key.orderId}:attempt-1` }, "notDue"],
    ];
    for (const [message, outcome] of mismatched) expect(await recordAcceptedNotification(orders, message), JSON.stringify(message)).toBe(outcome);
    expect(await stored(key)).toEqual(before);
    expect(await stored(other.key)).toEqual(otherBefore);
  });

  it("never records a later payment attempt's notification with an earlier attempt's message", async () => {
    const { key, paid } = await placedAndPaid("tok_chargeDeclined");
    await expect(cancelFailedOrder({ orders, notifier: killedAfterPublishing(), now }, paid)).rejects.toThrow();
    const firstAttempt = sns.published[0]!;
    // Another card (the first attempt's notification is forgotten), declined again, and its sender killed too.
    const reopened = await orders.reopenForPayment(await stored(key), "tok_chargeDeclined", new Date(T0 + 1000).toISOString());
    expect(reopened?.paymentAttempt).toBe(2);
    await initializeOrder({ orders, now }, key);
    const declinedAgain = await processPayment({ orders, now, payment: { successRate: 1 } }, key);
    await expect(cancelFailedOrder({ orders, notifier: killedAfterPublishing(), now }, declinedAgain)).rejects.toThrow();
    expect(sns.published.map((message) => message.attributes.notificationId)).toEqual([`${key.orderId}:attempt-1`, `${key.orderId}:attempt-2`]);

    const before = await stored(key);
    expect(await recordAcceptedNotification(orders, acceptanceOf(firstAttempt))).toBe("notDue");
    expect(await stored(key)).toEqual(before);
    expect(await recordAcceptedNotification(orders, acceptanceOf(sns.published[1]!))).toBe("recorded");
    expect((await stored(key)).notificationSentAt).toBeDefined();
  });
});

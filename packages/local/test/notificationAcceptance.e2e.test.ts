// The topic confirms what it accepted, in the running local shop: the SNS stand-in hands every
// published message to the queue subscribed to the topic before answering, and the shop runs that
// queue's consumer (the NotificationAccepted function of the manifest) as Lambda's mapping would.
// A sender killed after SNS accepted — before it recorded the send — thus leaves no notification
// owed: the subscriber records it, and a takeover after the claim's lease (the workflow's retry,
// the reconciler) publishes nothing. One copy in the outbox.
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { SNSClient } from "@aws-sdk/client-sns";
import { orderDocumentClient } from "@pizza-orders/core/aws/clients";
import { NOTIFICATION_CLAIM_LEASE_SECONDS, OrderNotifier } from "@pizza-orders/core/notification/orderNotifier";
import type { OrderKey } from "@pizza-orders/core/order/order";
import type { OrderQueue } from "@pizza-orders/core/order/orderQueue";
import { OrderRepository } from "@pizza-orders/core/order/orderRepository";
import { placeOrder } from "@pizza-orders/core/order/placeOrder";
import { cancelFailedOrder, completeOrder, initializeOrder, processPayment } from "@pizza-orders/core/workflow/orderTasks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { localClientConfig } from "../src/aws/localClientConfig";
import type { LocalShop } from "../src/localShop";
import { startTestShop, stopTestShop } from "./support/testShop";
import { waitFor } from "./support/waitFor";

/** A queue whose message is lost after SendMessage answered: the shop's workflow never runs these orders; the test plays it. */
const losingQueue = { enqueue: async () => undefined } as unknown as OrderQueue;
const AFTER_THE_LEASE = () => new Date(Date.now() + (NOTIFICATION_CLAIM_LEASE_SECONDS + 1) * 1000);

let shop: LocalShop;
let dynamo: DynamoDBClient;
let sns: SNSClient;
let orders: OrderRepository;

beforeAll(async () => {
  shop = await startTestShop();
  dynamo = new DynamoDBClient(localClientConfig(shop.endpoints.dynamodb));
  sns = new SNSClient(localClientConfig(shop.endpoints.sns));
  orders = new OrderRepository(orderDocumentClient(dynamo), shop.environment.ORDERS_TABLE_NAME!);
});
afterAll(async () => {
  dynamo?.destroy();
  sns?.destroy();
  await stopTestShop(shop);
});

/** A sender killed right after the shop's SNS answered its publish: it never records the send. */
function killedAfterPublishing(): OrderNotifier {
  const dying = Object.create(orders) as OrderRepository;
  dying.markNotificationSent = async () => {
    throw new Error("killed before recording the send");
  };
  return new OrderNotifier(sns, shop.environment.ORDER_NOTIFICATIONS_TOPIC_ARN!, dying);
}
const liveNotifier = () => new OrderNotifier(sns, shop.environment.ORDER_NOTIFICATIONS_TOPIC_ARN!, orders);

async function paidOrder(paymentToken: string) {
  const { order } = await placeOrder(
    { orders, queue: losingQueue },
    { kind: "customer", customerId: "acceptance-customer" },
    { name: "Pizza", quantity: 2, restaurantId: "Dominos", paymentToken },
  );
  const key = { orderId: order.id };
  await initializeOrder({ orders }, key);
  return { key, paid: await processPayment({ orders, payment: { successRate: 1 } }, key) };
}

const copiesOf = (key: OrderKey) => shop.outbox.all().filter((entry) => entry.messageAttributes.orderId?.value === key.orderId);
const recorded = (key: OrderKey) =>
  waitFor(
    () => orders.get(key),
    (order) => order?.notificationSentAt !== undefined,
    `the subscriber records ${key.orderId}'s notification`,
  );

describe("notifications the topic accepted, recorded by its subscribed queue's consumer", () => {
  it("a paid order's sender killed after SNS accepted: recorded by the subscriber, and the takeovers after the lease send no second copy", async () => {
    const { key, paid } = await paidOrder("tok_visa");
    await expect(completeOrder({ orders, notifier: killedAfterPublishing() }, paid)).rejects.toThrow("killed before recording the send");
    expect(copiesOf(key)).toHaveLength(1);

    const order = (await recorded(key))!;
    expect(order).toMatchObject({ orderStatus: "RECEIVED", inFlight: expect.any(String) });
    expect([order.notificationDue, order.notificationClaim]).toEqual([undefined, undefined]);

    // The workflow's retry once the killed sender's lease has run out, and the reconciler: nothing left to send.
    await completeOrder({ orders, notifier: liveNotifier(), now: AFTER_THE_LEASE }, paid);
    const report = await shop.reconcileNow();
    expect(report.failures).toEqual([]);
    expect(copiesOf(key)).toHaveLength(1);
    expect(copiesOf(key)[0]!.messageAttributes.notificationId?.value).toBe(`${key.orderId}:attempt-1`);
    // Its notification record unchanged (the customer e-mail listener writes to the order too, meanwhile).
    const notificationRecord = ({ notificationSentAt, notificationDue, notificationClaim, inFlight, deadlineAt }: typeof order) => ({
      notificationSentAt,
      notificationDue,
      notificationClaim,
      inFlight,
      deadlineAt,
    });
    expect(notificationRecord((await orders.get(key))!)).toEqual(notificationRecord(order));
  });

  it("a declined order's sender killed after SNS accepted: recorded and out of the in-flight index, one copy", async () => {
    const { key, paid } = await paidOrder("tok_chargeDeclined");
    await expect(cancelFailedOrder({ orders, notifier: killedAfterPublishing() }, paid)).rejects.toThrow("killed before recording the send");

    const order = (await recorded(key))!;
    expect(order.orderStatus).toBe("PAYMENT_FAILED");
    expect([order.inFlight, order.deadlineAt]).toEqual([undefined, undefined]);
    await cancelFailedOrder({ orders, notifier: liveNotifier(), now: AFTER_THE_LEASE }, paid);
    expect(copiesOf(key)).toHaveLength(1);
  });

  it("the subscribed queue is drained, nothing dead-lettered", async () => {
    await waitFor(
      () => shop.notificationsAccepted.queue.depth(),
      (depth) => depth.visible + depth.inFlight + depth.delayed === 0,
      "the notifications-accepted queue drains",
    );
    expect(shop.notificationsAccepted.queue.counters.sent).toBeGreaterThanOrEqual(2);
    expect(shop.notificationsAccepted.deadLetterQueue.peekAll()).toEqual([]);
  });
});

// The deadline reconciler in a running local shop: the same handler the cloud schedule invokes,
// run through shop.reconcileNow(). Stranded orders are made the way a crash leaves them — the
// core's own use cases with a clock an hour back, and the step after them never run.
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { orderDocumentClient } from "@pizza-orders/core/aws/clients";
import type { OrderKey } from "@pizza-orders/core/order/order";
import type { OrderQueue } from "@pizza-orders/core/order/orderQueue";
import { OrderRepository } from "@pizza-orders/core/order/orderRepository";
import { placeOrder } from "@pizza-orders/core/order/placeOrder";
import { initializeOrder, processPayment } from "@pizza-orders/core/workflow/orderTasks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { localClientConfig } from "../src/aws/localClientConfig";
import type { LocalShop } from "../src/localShop";
import { startTestShop, stopTestShop } from "./support/testShop";

const HOUR_AGO = () => new Date(Date.now() - 60 * 60 * 1000);
/** A queue whose message is lost after SendMessage answered. */
const losingQueue = { enqueue: async () => undefined } as unknown as OrderQueue;

let shop: LocalShop;
let dynamo: DynamoDBClient;
let orders: OrderRepository;

beforeAll(async () => {
  shop = await startTestShop();
  dynamo = new DynamoDBClient(localClientConfig(shop.endpoints.dynamodb));
  orders = new OrderRepository(orderDocumentClient(dynamo), shop.environment.ORDERS_TABLE_NAME!);
});
afterAll(async () => {
  dynamo?.destroy();
  await stopTestShop(shop);
});

async function stranded(input: Record<string, unknown>, stopAfter: "placed" | "paid"): Promise<OrderKey> {
  const { order } = await placeOrder({ orders, queue: losingQueue, now: HOUR_AGO }, { kind: "customer", customerId: "stranded-customer" }, { name: "Pizza", quantity: 2, restaurantId: "Dominos", ...input });
  const key = { orderId: order.id };
  if (stopAfter === "paid") {
    await initializeOrder({ orders, now: HOUR_AGO }, key);
    await processPayment({ orders, now: HOUR_AGO, payment: { successRate: 1 } }, key);
  }
  return key;
}

const notificationsFor = (key: OrderKey) => shop.outbox.all().filter((entry) => entry.messageAttributes.orderId?.value === key.orderId);

describe("the deadline reconciler in the local shop", () => {
  it("finishes an order whose message was lost (cancelled) and one whose execution stopped after payment (completed), each notified once", async () => {
    const lost = await stranded({}, "placed");
    const paid = await stranded({ paymentToken: "tok_visa" }, "paid");

    const report = await shop.reconcileNow();
    expect(report.failures).toEqual([]);
    expect(report.orders).toEqual(
      expect.arrayContaining([
        { orderId: lost.orderId, action: "ended", from: "QUEUED", to: "CANCELLED", reason: expect.stringContaining("not been charged") },
        { orderId: paid.orderId, action: "ended", from: "PENDING_PAYMENT", to: "RECEIVED" },
      ]),
    );
    expect((await orders.get(lost))?.orderStatus).toBe("CANCELLED");
    expect((await orders.get(paid))?.orderStatus).toBe("RECEIVED");
    expect(notificationsFor(lost)).toHaveLength(1);
    expect(notificationsFor(paid)).toHaveLength(1);
    expect(notificationsFor(paid)[0]!.messageAttributes.notificationId?.value).toBe(`${paid.orderId}:RECEIVED`);

    // Run again, twice at once: nothing left to do, nothing sent twice.
    const again = await Promise.all([shop.reconcileNow(), shop.reconcileNow()]);
    expect(again.flatMap((run) => run.orders)).toEqual([]);
    expect(notificationsFor(lost)).toHaveLength(1);
    expect(notificationsFor(paid)).toHaveLength(1);
  });
});

// The local stream event source mapping delivering real order writes (through the change feed) to
// the real stream consumer (core dispatcher) with a listener that records its effects: each status
// change once, in order, exactly once by change id under redelivery; a change that keeps failing
// goes to the on-failure destination and the rest still arrive.
import { join } from "node:path";
import { DynamoDBDocumentClient, PutCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import type { OrderChange } from "@pizza-orders/core/changes/orderChange";
import type { OrderChangeListener } from "@pizza-orders/core/changes/orderChangeListener";
import type { Order } from "@pizza-orders/core/order/order";
import { toStoredItem } from "@pizza-orders/core/order/orderRepository";
import { ordersTableCreateInput } from "@pizza-orders/core/order/tableDesign";
import { orderChangesHandler } from "@pizza-orders/functions/stream/orderChanges";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { testOrder } from "../../core/test/support/orderRecords";
import { StreamCheckpoint } from "../src/dynamo/streamCheckpoint";
import { type StreamBatchFailure, StreamEventSourceMapping } from "../src/dynamo/streamEventSourceMapping";
import { LocalFunction } from "../src/lambda/localFunction";
import { type StreamTable, startStreamTable } from "./support/streamTable";
import { waitFor } from "./support/waitFor";

const ORDERS = "orders";
const KEY_NAMES = ordersTableCreateInput(ORDERS).KeySchema.map((key) => key.AttributeName);

/** A listener whose effect is a set keyed by change id (what a real receiver does), plus a log of every delivery. */
class RecordingListener implements OrderChangeListener {
  readonly name = "recording";
  readonly deliveries: OrderChange[] = [];
  readonly effects = new Map<string, OrderChange>();
  readonly failOnce = new Set<string>();
  readonly alwaysFailOrders = new Set<string>();

  async handle(change: OrderChange): Promise<void> {
    this.deliveries.push(change);
    if (this.failOnce.delete(change.changeId)) throw new Error(`listener failed once on ${change.changeId}`);
    if (this.alwaysFailOrders.has(change.orderId)) throw new Error(`listener always fails on ${change.orderId}`);
    if (!this.effects.has(change.changeId)) this.effects.set(change.changeId, change);
  }

  statusesOf(orderId: string): string[] {
    return [...this.effects.values()].filter((change) => change.orderId === orderId).map((change) => change.status);
  }
}

let table: StreamTable;
let documents: DynamoDBDocumentClient;
let listener: RecordingListener;
let destination: StreamBatchFailure[];
let mapping: StreamEventSourceMapping;
let nextOrder = 0;

function startMapping(overrides: { handler?: ReturnType<typeof orderChangesHandler>; maxRecordAgeSeconds?: number } = {}): StreamEventSourceMapping {
  const handler = overrides.handler ?? orderChangesHandler([listener]);
  mapping = new StreamEventSourceMapping({
    journal: table.journal,
    checkpoint: StreamCheckpoint.load(join(table.dir, "checkpoint.json")),
    consumer: new LocalFunction({ name: "OrderChanges", load: async () => ({ handler: handler as never }) }),
    batchSize: 10,
    retryAttempts: 2,
    maxRecordAgeSeconds: overrides.maxRecordAgeSeconds ?? 3600,
    bisectBatchOnError: true,
    retryDelayMs: 5,
    onFailureDestination: async (failure) => void destination.push(failure),
  });
  mapping.start();
  return mapping;
}

beforeEach(async () => {
  table = await startStreamTable([ordersTableCreateInput(ORDERS)], ORDERS);
  documents = DynamoDBDocumentClient.from(table.client);
  listener = new RecordingListener();
  destination = [];
});
afterEach(async () => {
  await mapping?.stop();
  await table.stop();
});

function newOrder(): Order {
  return testOrder({
    id: `order-${++nextOrder}`,
    quantity: 1,
    size: "MEDIUM",
    toppings: [],
    customerEmail: undefined,
    totalCents: 1000,
    createdAt: new Date().toISOString(),
  });
}

async function place(order: Order): Promise<void> {
  await documents.send(new PutCommand({ TableName: ORDERS, Item: toStoredItem(order) }));
}

function keyOf(order: Order): Record<string, unknown> {
  const item: Record<string, unknown> = { ...order, orderId: order.id };
  return Object.fromEntries(KEY_NAMES.map((name) => [name, item[name]]));
}

async function moveTo(order: Order, status: Order["orderStatus"]): Promise<void> {
  const at = new Date().toISOString();
  await documents.send(
    new UpdateCommand({
      TableName: ORDERS,
      Key: keyOf(order),
      UpdateExpression: "SET orderStatus = :status, updatedAt = :at, statusHistory = list_append(statusHistory, :entry)",
      ExpressionAttributeValues: { ":status": status, ":at": at, ":entry": [{ status, at }] },
    }),
  );
}

async function editQuantity(order: Order, quantity: number): Promise<void> {
  await documents.send(
    new UpdateCommand({ TableName: ORDERS, Key: keyOf(order), UpdateExpression: "SET quantity = :q", ExpressionAttributeValues: { ":q": quantity } }),
  );
}

const settled = () =>
  waitFor(
    () => mapping.lag,
    (lag) => lag === 0,
    "the mapping to reach the end of the stream",
    20_000,
  );

describe("stream event source mapping → order changes", () => {
  it("each status change reaches the listener once, in order; edits and removals make none; no secrets in the snapshot", async () => {
    startMapping();
    const order = newOrder();
    await place(order);
    await editQuantity(order, 3);
    await moveTo(order, "PENDING_PAYMENT");
    await documents.send(
      new UpdateCommand({
        TableName: ORDERS,
        Key: keyOf(order),
        UpdateExpression: "SET payment = :p",
        ExpressionAttributeValues: { ":p": { outcome: "SUCCEEDED" } },
      }),
    );
    await moveTo(order, "COMPLETED");
    await settled();
    expect(table.journal.all()).toHaveLength(5);
    expect(listener.deliveries.map((change) => `${change.changeId} ${change.previousStatus ?? "-"}→${change.status}`)).toEqual([
      `${order.id}#0 -→QUEUED`,
      `${order.id}#1 QUEUED→PENDING_PAYMENT`,
      `${order.id}#2 PENDING_PAYMENT→COMPLETED`,
    ]);
    const completed = listener.deliveries[2];
    expect(completed.order).toMatchObject({ id: order.id, quantity: 3, orderStatus: "COMPLETED" });
    expect(completed.order).not.toHaveProperty("paymentToken");
    expect(completed.order).not.toHaveProperty("payment");
    expect(completed.customerId).toBe("customer-1");
    expect(mapping.stats).toMatchObject({ failedInvocations: 0, partialFailures: 0, recordsSentToDestination: 0 });
  });

  it("a listener that fails once: the change is redelivered from it (ReportBatchItemFailures) and its effect happens once", async () => {
    const orders = [newOrder(), newOrder()];
    for (const order of orders) await place(order);
    for (const order of orders) await moveTo(order, "PENDING_PAYMENT");
    listener.failOnce.add(`${orders[1].id}#0`);
    startMapping();
    await settled();
    const deliveredIds = listener.deliveries.map((change) => change.changeId);
    // Handled before the failure: delivered once. The failed one and the rest: again after it.
    expect(deliveredIds).toEqual([`${orders[0].id}#0`, `${orders[1].id}#0`, `${orders[1].id}#0`, `${orders[0].id}#1`, `${orders[1].id}#1`]);
    expect([...listener.effects.keys()].sort()).toEqual([`${orders[0].id}#0`, `${orders[0].id}#1`, `${orders[1].id}#0`, `${orders[1].id}#1`]);
    expect(mapping.stats.partialFailures).toBe(1);
    expect(destination).toHaveLength(0);
  });

  it("a consumer that throws after handling part of a batch: the whole batch comes again; effects stay once per change id", async () => {
    const order = newOrder();
    await place(order);
    await moveTo(order, "PENDING_PAYMENT");
    await moveTo(order, "COMPLETED");
    const dispatch = orderChangesHandler([listener]);
    let crashes = 1;
    startMapping({
      handler: async (event) => {
        const response = await dispatch(event);
        // The function dies after its listeners acted (a timeout, an out-of-memory): Lambda sees an error.
        if (crashes-- > 0) throw new Error("function crashed after handling the batch");
        return response;
      },
    });
    await settled();
    expect(listener.deliveries.map((change) => change.status)).toEqual(["QUEUED", "PENDING_PAYMENT", "COMPLETED", "QUEUED", "PENDING_PAYMENT", "COMPLETED"]);
    expect(listener.statusesOf(order.id)).toEqual(["QUEUED", "PENDING_PAYMENT", "COMPLETED"]);
    expect(mapping.stats.failedInvocations).toBe(1);
  });

  it("a change that keeps failing goes to the on-failure destination with its batch info; the others are handled once", async () => {
    const healthy = [newOrder(), newOrder()];
    const poisoned = newOrder();
    await place(healthy[0]);
    await place(poisoned);
    await place(healthy[1]);
    listener.alwaysFailOrders.add(poisoned.id);
    startMapping();
    await settled();
    const poisonedRecord = table.journal.all()[1];
    expect(destination).toHaveLength(1);
    expect(destination[0]).toMatchObject({
      requestContext: { condition: "RetryAttemptsExhausted", approximateInvokeCount: 3 },
      version: "1.0",
      DDBStreamBatchInfo: {
        startSequenceNumber: poisonedRecord.dynamodb!.SequenceNumber,
        endSequenceNumber: poisonedRecord.dynamodb!.SequenceNumber,
        batchSize: 1,
        streamArn: table.journal.streamArn,
      },
    });
    // In the first batch (which failed from it), then bisected off on its own: one try plus retryAttempts (2) retries.
    expect(listener.deliveries.filter((change) => change.orderId === poisoned.id)).toHaveLength(1 + 1 + 2);
    expect([...listener.effects.values()].map((change) => change.orderId).sort()).toEqual([healthy[0].id, healthy[1].id].sort());
    expect(mapping.stats.recordsSentToDestination).toBe(1);
  });

  it("the checkpoint is durable: a new mapping resumes after it and redelivers nothing handled", async () => {
    const order = newOrder();
    await place(order);
    startMapping();
    await settled();
    await mapping.stop();
    await moveTo(order, "CANCELLED");
    startMapping();
    await settled();
    expect(listener.deliveries.map((change) => change.status)).toEqual(["QUEUED", "CANCELLED"]);
  });

  it("records older than the maximum record age go to the destination undelivered", async () => {
    const order = newOrder();
    await place(order);
    startMapping({ maxRecordAgeSeconds: 0 });
    await settled();
    expect(listener.deliveries).toHaveLength(0);
    expect(destination.map((failure) => failure.requestContext.condition)).toEqual(["RecordAgeExceeded"]);
  });
});

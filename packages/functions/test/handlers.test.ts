// The Lambda handlers, invoked with the events AWS gives them, against a real DynamoDB-API
// server (dynalite) and the local queue and workflow stand-ins the local mode runs.
import { randomUUID } from "node:crypto";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, PutCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import type { AppSyncResolverEvent, Context, SQSEvent, SQSRecord } from "aws-lambda";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LocalShop } from "../../local/src/localShop";
import { API_RESOLVERS } from "../src/api/resolverMap";
import { startTestShop, stopTestShop } from "../../local/test/support/testShop";
import { waitFor } from "../../local/test/support/waitFor";

type Handler = (event: never, context?: Context) => Promise<unknown>;

let shop: LocalShop;
let handlers: Record<"postOrder" | "order" | "orders" | "updateOrder" | "deleteOrder" | "consumer", Handler>;
let db: DynamoDBDocumentClient;

const seed = { name: "Pizza", quantity: 6, restaurantId: "Dominos" };
const lambdaContext = { functionName: "test", awsRequestId: "req", getRemainingTimeInMillis: () => 30_000 } as unknown as Context;

function parentTypeOf(fieldName: string): string {
  const resolver = API_RESOLVERS.find((candidate) => candidate.fieldName === fieldName);
  if (!resolver) throw new Error(`no resolver for ${fieldName}`);
  return resolver.typeName;
}

/** The event AppSync sends a direct Lambda resolver; `sub` makes the caller a signed-in customer. */
function appsyncEvent(fieldName: string, args: Record<string, unknown>, sub?: string): AppSyncResolverEvent<Record<string, unknown>> {
  return {
    arguments: args,
    identity: sub ? ({ sub, username: sub, issuer: "test", claims: {}, sourceIp: [], defaultAuthStrategy: "ALLOW", groups: null } as never) : null,
    source: null,
    request: { headers: {}, domainName: null },
    info: { fieldName, parentTypeName: parentTypeOf(fieldName), variables: {}, selectionSetList: [], selectionSetGraphQL: "" },
    prev: null,
    stash: {},
  } as AppSyncResolverEvent<Record<string, unknown>>;
}

function call(name: keyof typeof handlers, args: Record<string, unknown>, sub?: string) {
  return handlers[name](appsyncEvent(name, args, sub) as never) as Promise<Record<string, unknown>>;
}

function sqsRecord(body: string, receiveCount = 1): SQSRecord {
  return {
    messageId: randomUUID(),
    receiptHandle: randomUUID(),
    body,
    attributes: {
      ApproximateReceiveCount: String(receiveCount),
      SentTimestamp: String(Date.now()),
      SenderId: "test",
      ApproximateFirstReceiveTimestamp: String(Date.now()),
    },
    messageAttributes: {},
    md5OfBody: "",
    eventSource: "aws:sqs",
    eventSourceARN: "arn:aws:sqs:us-east-1:000000000000:ordersQueue",
    awsRegion: "us-east-1",
  };
}

async function storedOrders(customerId: string) {
  const result = await db.send(
    new QueryCommand({
      TableName: shop.environment.ORDERS_TABLE_NAME,
      KeyConditionExpression: "customerId = :c",
      ExpressionAttributeValues: { ":c": customerId },
    }),
  );
  return result.Items ?? [];
}

const orderStatus = async (id: string, sub?: string) => ((await call("order", { id }, sub)) as { orderStatus: string } | null)?.orderStatus;

beforeAll(async () => {
  shop = await startTestShop();
  // Handlers read their configuration when loaded, as a Lambda does at cold start.
  handlers = {
    postOrder: (await import("../src/api/postOrder")).handler as Handler,
    order: (await import("../src/api/order")).handler as Handler,
    orders: (await import("../src/api/orders")).handler as Handler,
    updateOrder: (await import("../src/api/updateOrder")).handler as Handler,
    deleteOrder: (await import("../src/api/deleteOrder")).handler as Handler,
    consumer: (await import("../src/queue/startOrderWorkflow")).handler as Handler,
  };
  db = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: shop.endpoints.dynamodb }));
});

afterAll(() => stopTestShop(shop));

describe("postOrder", () => {
  it("accepts the seed payload as is and returns the order with its server-generated id, QUEUED", async () => {
    const sub = `customer-${randomUUID()}`;
    const order = await call("postOrder", { input: seed }, sub);
    expect(order).toMatchObject({ ...seed, orderStatus: "QUEUED", size: "MEDIUM", total: 54, totalCents: 5400, currency: "USD" });
    expect(order.id).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(order).not.toHaveProperty("customerId");
    expect(order).not.toHaveProperty("payment");
    expect(await storedOrders(sub)).toHaveLength(1);
    await waitFor(() => orderStatus(order.id as string, sub), (status) => ["COMPLETED", "PAYMENT_FAILED"].includes(status ?? ""), "a terminal status");
  });

  it("refuses invalid input with a ValidationError naming the field, and writes and enqueues nothing", async () => {
    const sub = `customer-${randomUUID()}`;
    const sentBefore = shop.pipeline().queue.sent;
    const cases: Array<[unknown, RegExp]> = [
      [{ ...seed, quantity: 0 }, /quantity must be at least 1/],
      [{ ...seed, quantity: 1000 }, /quantity must be at most 20/],
      [{ ...seed, name: "" }, /name must not be empty/],
      [{ ...seed, name: "Sushi" }, /name must be a pizza on the menu/],
      [{ ...seed, restaurantId: "r".repeat(1000) }, /restaurantId must be at most 60 characters/],
      [{ ...seed, customerEmail: "pizza-at-home" }, /customerEmail must be a valid e-mail address/],
      [{ ...seed, toppings: ["Pineapple"] }, /each topping must be on the menu/],
    ];
    for (const [input, message] of cases) {
      const failure = call("postOrder", { input }, sub);
      await expect(failure).rejects.toMatchObject({ name: "ValidationError" });
      await expect(failure).rejects.toThrow(message);
    }
    expect(await storedOrders(sub)).toEqual([]);
    expect(shop.pipeline().queue.sent).toBe(sentBefore);
  });
});

describe("the orders queue consumer", () => {
  it("starts one execution per order however often the message is delivered, and reports no failure", async () => {
    const sub = `customer-${randomUUID()}`;
    const order = await call("postOrder", { input: { ...seed, paymentToken: "tok_visa" } }, sub);
    const body = JSON.stringify({ customerId: sub, orderId: order.id });
    // The pipeline delivers the real message too; these are the redeliveries.
    const first = await handlers.consumer({ Records: [sqsRecord(body, 2)] } as SQSEvent as never, lambdaContext);
    const second = await handlers.consumer({ Records: [sqsRecord(body, 3), sqsRecord(body, 3)] } as SQSEvent as never, lambdaContext);
    expect(first).toEqual({ batchItemFailures: [] });
    expect(second).toEqual({ batchItemFailures: [] });

    await waitFor(() => orderStatus(order.id as string, sub), (status) => status === "COMPLETED", "COMPLETED");
    expect(shop.stepFunctions.allExecutions().filter((execution) => execution.name === order.id)).toHaveLength(1);
    expect(await storedOrders(sub)).toHaveLength(1);
    expect(shop.outbox.all().filter((entry) => entry.message.includes(order.id as string))).toHaveLength(1);
  });

  it("reports only the malformed record of a batch as failed", async () => {
    const sub = `customer-${randomUUID()}`;
    const order = await call("postOrder", { input: { ...seed, paymentToken: "tok_visa" } }, sub);
    const good = sqsRecord(JSON.stringify({ customerId: sub, orderId: order.id }));
    const malformed = sqsRecord("{not json");
    const unknownShape = sqsRecord(JSON.stringify({ orderId: 42 }));
    const response = await handlers.consumer({ Records: [good, malformed, unknownShape] } as SQSEvent as never, lambdaContext);
    expect(response).toEqual({
      batchItemFailures: [{ itemIdentifier: malformed.messageId }, { itemIdentifier: unknownShape.messageId }],
    });
  });
});

describe("updateOrder and deleteOrder", () => {
  it("changes an order before payment and refuses once the payment is taken, changing nothing", async () => {
    const sub = `customer-${randomUUID()}`;
    const order = await call("postOrder", { input: { ...seed, paymentToken: "tok_visa" } }, sub);
    await waitFor(() => orderStatus(order.id as string, sub), (status) => status === "COMPLETED", "COMPLETED");
    // The workflow's last step records the sent notification after the status: wait for the order to be at rest.
    const before = await waitFor(() => storedOrders(sub), (items) => items[0]?.notificationSentAt !== undefined, "notification recorded");
    const refused = call("updateOrder", { input: { id: order.id, quantity: 1 } }, sub);
    await expect(refused).rejects.toMatchObject({ name: "OrderNotModifiableError" });
    await expect(refused).rejects.toThrow(/payment has been taken/);
    expect(await storedOrders(sub)).toEqual(before);
  });

  it("changes an order whose payment is not taken yet, re-pricing it", async () => {
    const sub = `customer-${randomUUID()}`;
    // Written straight to the table, so the change is not racing the pipeline.
    const now = new Date().toISOString();
    const id = "01HZZZZZZZZZZZZZZZZZZZZZZZ";
    await db.send(
      new PutCommand({
        TableName: shop.environment.ORDERS_TABLE_NAME,
        Item: {
          customerId: sub, orderId: id, name: "Pizza", quantity: 6, restaurantId: "Dominos", size: "MEDIUM", toppings: [],
          orderStatus: "QUEUED", totalCents: 5400, currency: "USD", createdAt: now, updatedAt: now,
          statusHistory: [{ status: "QUEUED", at: now }], version: 1,
        },
      }),
    );
    const changed = await call("updateOrder", { input: { id, quantity: 2, size: "LARGE" } }, sub);
    expect(changed).toMatchObject({ id, quantity: 2, size: "LARGE", totalCents: 2340, total: 23.4, orderStatus: "QUEUED" });
    const cancelled = await call("deleteOrder", { id }, sub);
    expect(cancelled).toMatchObject({ orderStatus: "CANCELLED", failureReason: "Cancelled by the customer." });
    const deleted = await call("deleteOrder", { id }, sub);
    expect(deleted).toMatchObject({ id, orderStatus: "CANCELLED" });
    expect(await storedOrders(sub)).toEqual([]);
    await expect(call("deleteOrder", { id }, sub)).rejects.toMatchObject({ name: "OrderNotFoundError" });
  });
});

describe("order and orders", () => {
  it("pages through the caller's orders newest first and never shows another customer's order", async () => {
    const sub = `customer-${randomUUID()}`;
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await call("postOrder", { input: { ...seed, quantity: i + 1 } }, sub)).id as string);
    const seen: string[] = [];
    let nextToken: string | null = null;
    do {
      const page = (await call("orders", { limit: 2, nextToken }, sub)) as { items: Array<{ id: string }>; nextToken: string | null };
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((item) => item.id));
      nextToken = page.nextToken;
    } while (nextToken);
    expect(seen).toEqual([...ids].reverse());

    const stranger = `customer-${randomUUID()}`;
    expect(await call("order", { id: ids[0] }, stranger)).toBeNull();
    expect(((await call("orders", {}, stranger)) as { items: unknown[] }).items).toEqual([]);
  });
});

// The Lambda handlers, invoked with the events AWS gives them — AppSync events carrying API-key
// (null), Cognito and IAM identities — against a real DynamoDB-API server (dynalite) and the local
// queue and workflow stand-ins the local mode runs.
import { randomUUID } from "node:crypto";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, ScanCommand } from "@aws-sdk/lib-dynamodb";
import type { AppSyncIdentity, AppSyncResolverEvent, Context, SQSEvent, SQSRecord } from "aws-lambda";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LocalShop } from "../../local/src/localShop";
import { callerOf, UnrecognisedIdentityError } from "../src/api/callerIdentity";
import { functionsTriggeredBy } from "../src/functionManifest";
import { startTestShop, stopTestShop } from "../../local/test/support/testShop";
import { waitFor } from "../../local/test/support/waitFor";
import { testLambdaContext } from "./support/testLambdaContext";

type Handler = (event: never, context?: Context) => Promise<unknown>;
type HandlerName = "postOrder" | "order" | "orders" | "myOrders" | "me" | "updateOrder" | "cancelOrder" | "deleteOrder" | "claimGuestOrders" | "consumer";

let shop: LocalShop;
let handlers: Record<HandlerName, Handler>;
let db: DynamoDBDocumentClient;

const seed = { name: "Pizza", quantity: 6, restaurantId: "Dominos" };
const lambdaContext: Context = testLambdaContext();

function parentTypeOf(fieldName: string): string {
  const resolver = functionsTriggeredBy("graphqlField").find((candidate) => candidate.trigger.fieldName === fieldName);
  if (!resolver) throw new Error(`no resolver for ${fieldName}`);
  return resolver.trigger.typeName;
}

/** Who calls, as AppSync passes it: null for the API key, Cognito claims for a signed-in user, a SigV4 principal for IAM. */
type Identity = AppSyncIdentity;

const apiKey: Identity = null;

function cognito(sub: string, options: { groups?: string[]; email?: string } = {}): Identity {
  return {
    sub,
    username: sub,
    issuer: "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_test",
    claims: { sub, token_use: "id", ...(options.email ? { email: options.email, email_verified: true } : {}), ...(options.groups ? { "cognito:groups": options.groups } : {}) },
    sourceIp: ["203.0.113.9"],
    defaultAuthStrategy: "ALLOW",
    groups: options.groups ?? null,
  };
}

const iam: Identity = {
  accountId: "000000000000",
  cognitoIdentityPoolId: "",
  cognitoIdentityId: "",
  sourceIp: ["10.0.0.1"],
  username: "AROAEXAMPLE:publisher",
  userArn: "arn:aws:sts::000000000000:assumed-role/publisher/session",
  cognitoIdentityAuthType: "",
  cognitoIdentityAuthProvider: "",
};

/** The event AppSync sends a Lambda resolver (graphql/lambdaResolver.js passes AppSync's context on unchanged). */
function appsyncEvent(fieldName: string, args: Record<string, unknown>, identity: Identity, headers: Record<string, string> = {}): AppSyncResolverEvent<Record<string, unknown>> {
  return {
    arguments: args,
    identity,
    source: null,
    request: { headers, domainName: null },
    info: { fieldName, parentTypeName: parentTypeOf(fieldName), variables: {}, selectionSetList: [], selectionSetGraphQL: "" },
    prev: null,
    stash: {},
  } as AppSyncResolverEvent<Record<string, unknown>>;
}

function call<T = Record<string, unknown>>(name: Exclude<HandlerName, "consumer">, args: Record<string, unknown>, identity: Identity, headers?: Record<string, string>) {
  return handlers[name](appsyncEvent(name, args, identity, headers) as never, testLambdaContext(name)) as Promise<T>;
}

interface Refusal {
  resolverError: { errorType: string; message: string; errorInfo: Record<string, unknown> | null };
}

/** A domain error comes back as the envelope graphql/lambdaResolver.js turns into util.error(...). */
function refusalOf(result: unknown): Refusal["resolverError"] {
  expect(result).toHaveProperty("resolverError");
  return (result as Refusal).resolverError;
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

/** Every item of the table, in key order: compared before and after a refusal. */
async function everyItem() {
  const result = await db.send(new ScanCommand({ TableName: shop.environment.ORDERS_TABLE_NAME, ConsistentRead: true }));
  return (result.Items ?? []).sort((a, b) => String(a.orderId).localeCompare(String(b.orderId)));
}

/**
 * What a refusal must leave unchanged: how many orders the table holds, and the records of the
 * orders concerned (other tests' orders may still be moving through the pipeline meanwhile).
 */
async function tableState(orderIds: readonly string[]) {
  const items = await everyItem();
  return { count: items.length, records: items.filter((item) => orderIds.includes(item.orderId as string)) };
}

async function storedOrder(orderId: string) {
  return (await db.send(new GetCommand({ TableName: shop.environment.ORDERS_TABLE_NAME, Key: { orderId }, ConsistentRead: true }))).Item;
}

const orderStatus = async (id: string, identity: Identity, guestSecret?: string) =>
  ((await call("order", { id, guestSecret }, identity)) as { orderStatus: string } | null)?.orderStatus;

beforeAll(async () => {
  shop = await startTestShop();
  // Handlers read their configuration when loaded, as a Lambda does at cold start.
  handlers = {
    postOrder: (await import("../src/api/postOrder")).handler as Handler,
    order: (await import("../src/api/order")).handler as Handler,
    orders: (await import("../src/api/orders")).handler as Handler,
    myOrders: (await import("../src/api/myOrders")).handler as Handler,
    me: (await import("../src/api/me")).handler as Handler,
    updateOrder: (await import("../src/api/updateOrder")).handler as Handler,
    cancelOrder: (await import("../src/api/cancelOrder")).handler as Handler,
    deleteOrder: (await import("../src/api/deleteOrder")).handler as Handler,
    claimGuestOrders: (await import("../src/api/claimGuestOrders")).handler as Handler,
    consumer: (await import("../src/queue/startOrderWorkflow")).handler as Handler,
  };
  db = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: shop.endpoints.dynamodb }));
});

afterAll(() => stopTestShop(shop));


/** The customer's history straight from the byCustomer index. */
async function historyOf(sub: string) {
  const result = await db.send(
    new QueryCommand({
      TableName: shop.environment.ORDERS_TABLE_NAME,
      IndexName: "byCustomer",
      KeyConditionExpression: "historyCustomerId = :c",
      ExpressionAttributeValues: { ":c": sub },
    }),
  );
  return result.Items ?? [];
}

/** An order written straight to the table, so a test is not racing the pipeline. */
async function putOrder(fields: Record<string, unknown>): Promise<string> {
  const now = new Date().toISOString();
  const orderId = `01HZ${randomUUID().replace(/-/g, "").slice(0, 22).toUpperCase()}`;
  await db.send(
    new PutCommand({
      TableName: shop.environment.ORDERS_TABLE_NAME,
      Item: {
        orderId, name: "Pizza", quantity: 6, restaurantId: "Dominos", size: "MEDIUM", toppings: [],
        orderStatus: "QUEUED", totalCents: 5400, currency: "USD", createdAt: now, updatedAt: now,
        statusHistory: [{ status: "QUEUED", at: now }], version: 1, ...fields,
      },
    }),
  );
  return orderId;
}

describe("callerIdentity: only AppSync's verified identity says who calls", () => {
  it("makes an API-key caller a guest, a Cognito user a customer or staff, and an IAM principal the backend", () => {
    expect(callerOf(null)).toEqual({ kind: "guest" });
    expect(callerOf(undefined)).toEqual({ kind: "guest" });
    expect(callerOf(cognito("alice-sub", { email: "alice@example.com" }))).toEqual({ kind: "customer", customerId: "alice-sub", email: "alice@example.com" });
    expect(callerOf(cognito("carol-sub", { groups: ["staff-Dominos", "staff-Nowhere", "admins"] }))).toEqual({
      kind: "staff",
      customerId: "carol-sub",
      restaurantIds: ["Dominos"],
    });
    // Groups may arrive only in the token's claim.
    const claimOnly = { ...(cognito("dave-sub") as object), groups: null, claims: { sub: "dave-sub", "cognito:groups": ["staff-Luigis"] } } as Identity;
    expect(callerOf(claimOnly)).toMatchObject({ kind: "staff", restaurantIds: ["Luigis"] });
    expect(callerOf(iam)).toEqual({ kind: "backend", principal: "arn:aws:sts::000000000000:assumed-role/publisher/session" });
    // An unverified address is not the person's e-mail.
    const unverified = { ...(cognito("erin-sub") as object), claims: { sub: "erin-sub", email: "erin@example.com", email_verified: false } } as Identity;
    expect(callerOf(unverified)).toEqual({ kind: "customer", customerId: "erin-sub" });
  });

  it("refuses an identity of a kind the API does not configure", () => {
    expect(() => callerOf({ resolverContext: { customerId: "alice-sub" } } as Identity)).toThrow(UnrecognisedIdentityError);
    expect(() => callerOf({ sub: "", claims: {} } as unknown as Identity)).toThrow(UnrecognisedIdentityError);
  });

  it("lets no header or argument claim an identity: an API-key caller stays a guest and reaches nobody's orders", async () => {
    const alice = `alice-${randomUUID()}`;
    const order = await call("postOrder", { input: seed }, cognito(alice));
    const before = await everyItem();
    const forged = { "x-amz-cognito-sub": alice, "x-customer-id": alice, authorization: `Bearer ${alice}`, "x-amz-user-arn": iam!.userArn };
    expect(await call("orders", { customerId: alice }, apiKey, forged)).toEqual([]);
    expect(await call("myOrders", { customerId: alice }, apiKey, forged)).toEqual({ items: [], nextToken: null });
    expect(await call("order", { id: order.id, customerId: alice }, apiKey, forged)).toBeNull();
    expect(refusalOf(await call("cancelOrder", { id: order.id, customerId: alice }, apiKey, forged)).errorType).toBe("OrderNotFoundError");
    expect(refusalOf(await call("me", { customerId: alice }, apiKey, forged)).errorType).toBe("SignInRequiredError");
    // An input field naming a customer is not part of the input: the order is still a guest's.
    const guestOrder = await call("postOrder", { input: { ...seed, customerId: alice } }, apiKey, forged);
    expect(guestOrder.guestSecret).toEqual(expect.any(String));
    expect((await storedOrder(guestOrder.id as string))?.customerId).toBeUndefined();
    expect((await historyOf(alice)).map((item) => item.orderId)).toEqual([order.id]);
    expect((await everyItem()).filter((item) => !before.some((earlier) => earlier.orderId === item.orderId))).toHaveLength(1);
  });
});

describe("postOrder", () => {
  it("accepts the seed payload as is and returns the order with its server-generated id, QUEUED", async () => {
    const sub = `customer-${randomUUID()}`;
    const order = await call("postOrder", { input: seed }, cognito(sub));
    expect(order).toMatchObject({ ...seed, orderStatus: "QUEUED", size: "MEDIUM", total: 54, totalCents: 5400, currency: "USD", guestSecret: null });
    expect(order.id).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(order).not.toHaveProperty("customerId");
    expect(order).not.toHaveProperty("payment");
    expect(await historyOf(sub)).toHaveLength(1);
    await waitFor(() => orderStatus(order.id as string, cognito(sub)), (status) => ["RECEIVED", "PAYMENT_FAILED"].includes(status ?? ""), "the payment path's end (paid: in the kitchen)");
  });

  it("gives a guest the order's secret once; only its hash is stored", async () => {
    const order = await call("postOrder", { input: seed }, apiKey);
    const secret = order.guestSecret as string;
    expect(Buffer.from(secret, "base64url").length * 8).toBeGreaterThanOrEqual(128);
    const stored = await storedOrder(order.id as string);
    expect(JSON.stringify(stored)).not.toContain(secret);
    expect(stored).toMatchObject({ guestSecretHash: expect.any(String) });
    expect(stored).not.toHaveProperty("customerId");
    // The secret is shown only in postOrder's answer.
    expect(await call("order", { id: order.id, guestSecret: secret }, apiKey)).toMatchObject({ id: order.id, guestSecret: null });
  });

  it("refuses invalid input with a ValidationError naming the field for a person and for the app, and writes and enqueues nothing", async () => {
    const sub = `customer-${randomUUID()}`;
    const sentBefore = shop.pipeline().queue.sent;
    const countBefore = (await everyItem()).length;
    const cases: Array<[unknown, string, string]> = [
      [{ ...seed, quantity: 0 }, "quantity", "Quantity must be at least 1"],
      [{ ...seed, quantity: 1000 }, "quantity", "Quantity must be at most 20"],
      [{ ...seed, name: "" }, "name", "Pizza must not be empty"],
      [{ ...seed, name: "Sushi" }, "name", "Pizza must be one from the menu"],
      [{ ...seed, restaurantId: "r".repeat(1000) }, "restaurantId", "Restaurant must be at most 60 characters"],
      [{ ...seed, customerEmail: "pizza-at-home" }, "customerEmail", "E-mail address is not valid"],
      [{ ...seed, toppings: ["Pineapple"] }, "toppings.0", "Each topping must be one from the menu"],
    ];
    for (const [input, field, message] of cases) {
      const refusal = refusalOf(await call("postOrder", { input }, cognito(sub)));
      expect(refusal).toEqual({ errorType: "ValidationError", message, errorInfo: { fieldErrors: { [field]: message } } });
    }
    expect(await historyOf(sub)).toEqual([]);
    expect(await everyItem()).toHaveLength(countBefore);
    expect(shop.pipeline().queue.sent).toBe(sentBefore);
  });
});

describe("postOrder with a client token", () => {
  it("scopes the token to the verified identity: the same caller gets the same order, another caller (whatever it forges) its own", async () => {
    const alice = `alice-${randomUUID()}`;
    const clientToken = randomUUID();
    const countBefore = (await everyItem()).filter((item) => item.recordType === undefined).length;
    const first = await call("postOrder", { input: { ...seed, clientToken } }, cognito(alice));
    const again = await call("postOrder", { input: { ...seed, clientToken } }, cognito(alice));
    expect(again.id).toBe(first.id);
    const forged = { "x-amz-cognito-sub": alice, authorization: `Bearer ${alice}` };
    const guest = await call("postOrder", { input: { ...seed, clientToken, customerId: alice } }, apiKey, forged);
    const guestAgain = await call("postOrder", { input: { ...seed, clientToken } }, apiKey);
    expect(guest.id).not.toBe(first.id);
    expect(guestAgain).toMatchObject({ id: guest.id, guestSecret: guest.guestSecret });
    expect(await call("order", { id: guest.id, guestSecret: guestAgain.guestSecret }, apiKey)).toMatchObject({ id: guest.id });
    expect((await everyItem()).filter((item) => item.recordType === undefined)).toHaveLength(countBefore + 2);
  });

  it("answers a token reused for a different order with IdempotencyConflictError and writes nothing", async () => {
    const sub = `customer-${randomUUID()}`;
    const clientToken = randomUUID();
    const placed = await call("postOrder", { input: { ...seed, clientToken } }, cognito(sub));
    // The workflow keeps moving the placed order meanwhile: compare which items exist, and the order's own fields.
    const keys = async () => (await everyItem()).map((item) => item.orderId);
    const before = await keys();
    const sentBefore = shop.pipeline().queue.sent;
    const refusal = refusalOf(await call("postOrder", { input: { ...seed, quantity: 7, clientToken } }, cognito(sub)));
    expect(refusal).toMatchObject({ errorType: "IdempotencyConflictError", message: expect.stringContaining("different order") });
    expect(await keys()).toEqual(before);
    expect(shop.pipeline().queue.sent).toBe(sentBefore);
    expect(await storedOrder(placed.id as string)).toMatchObject({ quantity: seed.quantity, version: 1 });
  });
});

describe("the orders queue consumer", () => {
  it("starts one execution per order however often the message is delivered, and reports no failure", async () => {
    const sub = `customer-${randomUUID()}`;
    const order = await call("postOrder", { input: { ...seed, paymentToken: "tok_visa" } }, cognito(sub));
    const body = JSON.stringify({ orderId: order.id });
    // The pipeline delivers the real message too; these are the redeliveries.
    const first = await handlers.consumer({ Records: [sqsRecord(body, 2)] } as SQSEvent as never, lambdaContext);
    const second = await handlers.consumer({ Records: [sqsRecord(body, 3), sqsRecord(body, 3)] } as SQSEvent as never, lambdaContext);
    expect(first).toEqual({ batchItemFailures: [] });
    expect(second).toEqual({ batchItemFailures: [] });

    await waitFor(() => orderStatus(order.id as string, cognito(sub)), (status) => status === "RECEIVED", "paid: RECEIVED by the kitchen");
    expect(shop.stepFunctions.allExecutions().filter((execution) => execution.name === order.id)).toHaveLength(1);
    expect(await historyOf(sub)).toHaveLength(1);
    expect(shop.outbox.all().filter((entry) => entry.message.includes(order.id as string))).toHaveLength(1);
  });

  it("reports only the malformed record of a batch as failed", async () => {
    const sub = `customer-${randomUUID()}`;
    const order = await call("postOrder", { input: { ...seed, paymentToken: "tok_visa" } }, cognito(sub));
    const good = sqsRecord(JSON.stringify({ orderId: order.id }));
    const malformed = sqsRecord("{not json");
    const unknownShape = sqsRecord(JSON.stringify({ orderId: 42 }));
    const response = await handlers.consumer({ Records: [good, malformed, unknownShape] } as SQSEvent as never, lambdaContext);
    expect(response).toEqual({
      batchItemFailures: [{ itemIdentifier: malformed.messageId }, { itemIdentifier: unknownShape.messageId }],
    });
  });
});

describe("updateOrder, cancelOrder and deleteOrder", () => {
  it("changes an order before payment and refuses once the payment is taken, changing nothing", async () => {
    const sub = `customer-${randomUUID()}`;
    const order = await call("postOrder", { input: { ...seed, paymentToken: "tok_visa" } }, cognito(sub));
    await waitFor(() => orderStatus(order.id as string, cognito(sub)), (status) => status === "RECEIVED", "paid: RECEIVED by the kitchen");
    // The workflow's last step records the sent notification after the status: wait for the order to be at rest.
    await waitFor(() => storedOrder(order.id as string), (item) => item?.notificationSentAt !== undefined, "notification recorded");
    const before = await tableState([order.id as string]);
    const refusal = refusalOf(await call("updateOrder", { input: { id: order.id, quantity: 1 } }, cognito(sub)));
    expect(refusal.errorType).toBe("OrderNotModifiableError");
    expect(refusal.message).toMatch(/payment has been taken/);
    expect(await tableState([order.id as string])).toEqual(before);
  });

  it("changes and cancels an unpaid order (never deleting it), then hides it from the history while the shop keeps it", async () => {
    const sub = `customer-${randomUUID()}`;
    const id = await putOrder({ customerId: sub, historyCustomerId: sub });
    const changed = await call("updateOrder", { input: { id, quantity: 2, size: "LARGE" } }, cognito(sub));
    expect(changed).toMatchObject({ id, quantity: 2, size: "LARGE", totalCents: 2340, total: 23.4, orderStatus: "QUEUED" });
    const cancelled = await call("cancelOrder", { id }, cognito(sub));
    expect(cancelled).toMatchObject({ id, orderStatus: "CANCELLED", failureReason: "Cancelled by the customer." });
    expect(await storedOrder(id)).toMatchObject({ orderStatus: "CANCELLED", historyCustomerId: sub });

    expect(await call("deleteOrder", { id }, cognito(sub))).toBe(id);
    expect(await historyOf(sub)).toEqual([]);
    expect(await call("orders", {}, cognito(sub))).toEqual([]);
    expect(await storedOrder(id)).toMatchObject({ orderId: id, customerId: sub, orderStatus: "CANCELLED" });
    expect(await call("order", { id }, cognito(sub))).toMatchObject({ id, orderStatus: "CANCELLED" });
  });

  it("refuses to cancel a paid order and keeps it intact; its customer cannot delete it, in progress or finished", async () => {
    const sub = `customer-${randomUUID()}`;
    const now = new Date().toISOString();
    const payment = { outcome: "SUCCEEDED", amountCents: 5400, reference: "sim_1", at: now };
    const paidInFlight = await putOrder({ customerId: sub, historyCustomerId: sub, orderStatus: "PENDING_PAYMENT", payment });
    const completed = await putOrder({ customerId: sub, historyCustomerId: sub, orderStatus: "COMPLETED", payment });
    const before = await tableState([paidInFlight, completed]);
    for (const id of [paidInFlight, completed]) {
      const refusal = refusalOf(await call("cancelOrder", { id }, cognito(sub)));
      expect(refusal.errorType).toBe("OrderNotModifiableError");
    }
    expect(refusalOf(await call("deleteOrder", { id: paidInFlight }, cognito(sub))).errorType).toBe("OrderNotModifiableError");
    expect(await tableState([paidInFlight, completed])).toEqual(before);

    expect(await call("deleteOrder", { id: completed }, cognito(sub))).toBe(completed);
    expect(await storedOrder(completed)).toMatchObject({ orderId: completed, orderStatus: "COMPLETED", payment, customerId: sub });
    expect(await everyItem()).toHaveLength(before.count);
  });
});

describe("two customers, a guest and a staff member", () => {
  const alice = `alice-${randomUUID()}`;
  const bob = `bob-${randomUUID()}`;
  const carol = `carol-${randomUUID()}`;
  const dominosStaff = () => cognito(carol, { groups: ["staff-Dominos"] });
  let alicesOrder: string;
  let bobsOrder: string;
  let guestOrder: { id: string; secret: string };

  beforeAll(async () => {
    alicesOrder = await putOrder({ customerId: alice, historyCustomerId: alice, customerEmail: "alice@example.com" });
    bobsOrder = await putOrder({ customerId: bob, historyCustomerId: bob, restaurantId: "Luigis" });
    const placed = await call("postOrder", { input: { ...seed, paymentToken: "tok_chargeDeclined" } }, apiKey);
    guestOrder = { id: placed.id as string, secret: placed.guestSecret as string };
    // Settled, so what the refusals must leave alone is not also being moved by the pipeline.
    await waitFor(() => orderStatus(guestOrder.id, apiKey, guestOrder.secret), (status) => status === "PAYMENT_FAILED", "PAYMENT_FAILED");
  });

  it("each lists only their own orders; a guest lists none", async () => {
    const ids = async (identity: Identity) => ((await call<Array<{ id: string }>>("orders", {}, identity)) ?? []).map((order) => order.id);
    expect(await ids(cognito(alice))).toEqual([alicesOrder]);
    expect(await ids(cognito(bob))).toEqual([bobsOrder]);
    expect(await ids(dominosStaff())).toEqual([]);
    expect(await ids(apiKey)).toEqual([]);
    const page = await call<{ items: Array<{ id: string; customerEmail?: string }> }>("myOrders", { limit: 10 }, cognito(alice));
    expect(page.items.map((order) => order.id)).toEqual([alicesOrder]);
  });

  it("each reads only what they may: their own, a guest with the secret, staff their restaurant's", async () => {
    const read = async (id: string, identity: Identity, guestSecret?: string) => ((await call("order", { id, guestSecret }, identity)) as { id: string } | null)?.id ?? null;
    expect(await read(alicesOrder, cognito(alice))).toBe(alicesOrder);
    expect(await read(alicesOrder, cognito(bob))).toBeNull();
    expect(await read(alicesOrder, apiKey)).toBeNull();
    expect(await read(alicesOrder, apiKey, guestOrder.secret)).toBeNull();
    expect(await read(bobsOrder, cognito(alice))).toBeNull();
    expect(await read(guestOrder.id, apiKey)).toBeNull();
    expect(await read(guestOrder.id, apiKey, "not-the-secret")).toBeNull();
    expect(await read(guestOrder.id, apiKey, guestOrder.secret)).toBe(guestOrder.id);
    expect(await read(guestOrder.id, cognito(bob))).toBeNull();
    expect(await read(alicesOrder, dominosStaff())).toBe(alicesOrder);
    expect(await read(guestOrder.id, dominosStaff())).toBe(guestOrder.id);
    expect(await read(bobsOrder, dominosStaff())).toBeNull();
    expect(await read(alicesOrder, iam)).toBe(alicesOrder);
  });

  it("refuses reading, changing, cancelling or deleting another's order by id like an unknown one, and changes nothing", async () => {
    const concerned = [alicesOrder, bobsOrder, guestOrder.id];
    const before = await tableState(concerned);
    const attempts: Array<[Exclude<HandlerName, "consumer">, Record<string, unknown>, Identity]> = [
      ["updateOrder", { input: { id: alicesOrder, quantity: 20, customerEmail: "stranger@example.com" } }, cognito(bob)],
      ["cancelOrder", { id: alicesOrder }, cognito(bob)],
      ["deleteOrder", { id: alicesOrder }, cognito(bob)],
      ["updateOrder", { input: { id: alicesOrder, quantity: 20 } }, apiKey],
      ["cancelOrder", { id: alicesOrder, guestSecret: guestOrder.secret }, apiKey],
      ["deleteOrder", { id: alicesOrder }, apiKey],
      ["updateOrder", { input: { id: alicesOrder, quantity: 20 } }, dominosStaff()],
      ["cancelOrder", { id: alicesOrder }, dominosStaff()],
      ["deleteOrder", { id: alicesOrder }, dominosStaff()],
      ["cancelOrder", { id: alicesOrder }, iam],
      ["updateOrder", { input: { id: guestOrder.id, quantity: 20 } }, apiKey],
      ["cancelOrder", { id: guestOrder.id, guestSecret: "not-the-secret" }, apiKey],
      ["cancelOrder", { id: guestOrder.id }, cognito(bob)],
      ["deleteOrder", { id: guestOrder.id }, apiKey],
      ["cancelOrder", { id: "01HZZZZZZZZZZZZZZZZZZZZZZZ" }, cognito(bob)],
    ];
    const unknown = refusalOf(await call("cancelOrder", { id: "01HZZZZZZZZZZZZZZZZZZZZZZZ" }, cognito(bob)));
    for (const [name, args, identity] of attempts) {
      const refusal = refusalOf(await call(name, args, identity));
      expect(refusal.errorType, `${name} ${JSON.stringify(args)}`).toBe("OrderNotFoundError");
      expect(refusal.message.replace(/Order \S+/, "Order X")).toBe(unknown.message.replace(/Order \S+/, "Order X"));
    }
    expect(await tableState(concerned)).toEqual(before);
  });

  it("lets a signed-in customer claim the guest order with its secret; then it is theirs alone", async () => {
    const bobTries = await call("claimGuestOrders", { claims: [{ id: guestOrder.id, guestSecret: "not-the-secret" }] }, cognito(bob));
    expect(bobTries).toEqual([{ id: guestOrder.id, claimed: false, reason: expect.any(String) }]);
    const claimed = await call("claimGuestOrders", { claims: [{ id: guestOrder.id, guestSecret: guestOrder.secret }] }, cognito(alice));
    expect(claimed).toEqual([{ id: guestOrder.id, claimed: true, reason: null }]);
    expect(await call("claimGuestOrders", { claims: [{ id: guestOrder.id, guestSecret: guestOrder.secret }] }, cognito(alice))).toEqual(claimed);
    expect(await call("claimGuestOrders", { claims: [{ id: guestOrder.id, guestSecret: guestOrder.secret }] }, cognito(bob))).toEqual(bobTries);
    expect(await call("order", { id: guestOrder.id, guestSecret: guestOrder.secret }, apiKey)).toBeNull();
    const ids = ((await call<Array<{ id: string }>>("orders", {}, cognito(alice))) ?? []).map((order) => order.id);
    expect(ids.sort()).toEqual([alicesOrder, guestOrder.id].sort());
  });

  it("answers me from the token alone", async () => {
    expect(await call("me", {}, cognito(alice, { email: "alice@example.com" }))).toEqual({ customerId: alice, email: "alice@example.com", staffOf: [] });
    expect(await call("me", {}, dominosStaff())).toEqual({ customerId: carol, email: null, staffOf: ["Dominos"] });
  });
});

describe("myOrders and orders", () => {
  it("pages through the caller's orders newest first and never shows another customer's order", async () => {
    const sub = `customer-${randomUUID()}`;
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await call("postOrder", { input: { ...seed, quantity: i + 1 } }, cognito(sub))).id as string);
    const seen: string[] = [];
    let nextToken: string | null = null;
    do {
      const page = (await call("myOrders", { limit: 2, nextToken }, cognito(sub))) as { items: Array<{ id: string }>; nextToken: string | null };
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((item) => item.id));
      nextToken = page.nextToken;
    } while (nextToken);
    expect(seen).toEqual([...ids].reverse());
    expect(((await call<Array<{ id: string }>>("orders", {}, cognito(sub))) ?? []).map((order) => order.id)).toEqual([...ids].reverse());

    const stranger = `customer-${randomUUID()}`;
    expect(await call("order", { id: ids[0] }, cognito(stranger))).toBeNull();
    expect(((await call("myOrders", {}, cognito(stranger))) as { items: unknown[] }).items).toEqual([]);
    // Another customer's page token does not open this customer's history.
    const firstPage = (await call("myOrders", { limit: 2 }, cognito(sub))) as { nextToken: string };
    expect(refusalOf(await call("myOrders", { limit: 2, nextToken: firstPage.nextToken }, cognito(stranger)))).toMatchObject({
      errorType: "ValidationError",
      errorInfo: { fieldErrors: { nextToken: "The page token is not valid" } },
    });
  });
});

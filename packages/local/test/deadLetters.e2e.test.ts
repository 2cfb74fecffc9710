// Dead letters you can act on, end to end on a local shop: the real queue consumer (bundled,
// on Lambda-like instances) never mixes concurrent batches; every message it fails is logged
// with its reason; poison messages end in the dead-letter queue while real orders complete; and
// the redrive moves them back and reports what became of each.
import { randomUUID } from "node:crypto";
import { SendMessageBatchCommand, SQSClient } from "@aws-sdk/client-sqs";
import type { SQSEvent, SQSRecord } from "aws-lambda";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { localClientConfig } from "../src/aws/localClientConfig";
import { awsJsonRequestListener } from "../src/http/awsJsonProtocol";
import { type RunningServer, startHttpServer } from "../src/http/httpServer";
import type { LocalShop } from "../src/localShop";
import type { RedriveReport } from "../src/sqs/redriveLog";
import { sfnApi } from "../src/stepfunctions/sfnApi";
import { graphql } from "./support/graphqlClient";
import { startTestShop, stopTestShop, TEST_API_KEY } from "./support/testShop";
import { waitFor } from "./support/waitFor";

interface FunctionLogLine {
  level: string;
  message: string;
  messageId?: string;
  orderId?: string;
  receiveCount?: number;
  error?: { name: string; message: string };
}

let shop: LocalShop;
const consumerLogs: FunctionLogLine[] = [];
let reopenedSfnServer: RunningServer | undefined;

beforeAll(async () => {
  shop = await startTestShop({
    functionLog: (functionName, line) => {
      if (functionName === "StartOrderWorkflow" && line.startsWith("{")) consumerLogs.push(JSON.parse(line) as FunctionLogLine);
    },
  });
});

afterAll(async () => {
  await reopenedSfnServer?.close();
  await stopTestShop(shop);
});

/** The guest secret of each order placed here (API-key callers are guests). */
const guestSecrets = new Map<string, string>();

async function placeOrder(): Promise<string> {
  const result = await graphql<{ postOrder: { id: string; guestSecret: string } }>(
    shop.graphqlUrl,
    "mutation Place($input: OrderInput!) { postOrder(input: $input) { id guestSecret } }",
    { input: { name: "Pizza", quantity: 1, restaurantId: "Dominos", paymentToken: "tok_visa" } },
    TEST_API_KEY,
  );
  expect(result.body.errors).toBeUndefined();
  guestSecrets.set(result.body.data!.postOrder.id, result.body.data!.postOrder.guestSecret);
  return result.body.data!.postOrder.id;
}

async function orderStatuses(ids: string[]): Promise<string[]> {
  return Promise.all(
    ids.map(async (id) => {
      const result = await graphql<{ order: { orderStatus: string } | null }>(shop.graphqlUrl, "query Read($id: String!, $guestSecret: String) { order(id: $id, guestSecret: $guestSecret) { orderStatus } }", { id, guestSecret: guestSecrets.get(id) }, TEST_API_KEY);
      return result.body.data?.order?.orderStatus ?? "MISSING";
    }),
  );
}

const orderMessage = (orderId: string) => JSON.stringify({ orderId });

/** Three kinds of message the consumer can never process. */
function poisonBodies(count: number): string[] {
  return Array.from({ length: count }, (_, i) => {
    const tag = randomUUID().slice(0, 8);
    if (i % 3 === 0) return `not json ${tag}`;
    if (i % 3 === 1) return JSON.stringify({ orderId: `extra-field-${tag}`, extra: true });
    return orderMessage(`not a valid execution name ${tag}`);
  });
}

async function sendAll(bodies: string[]): Promise<string[]> {
  const sqs = new SQSClient(localClientConfig(shop.endpoints.sqs));
  try {
    const ids: string[] = [];
    for (let start = 0; start < bodies.length; start += 10) {
      const entries = bodies.slice(start, start + 10).map((body, i) => ({ Id: String(i), MessageBody: body }));
      const { Successful } = await sqs.send(new SendMessageBatchCommand({ QueueUrl: shop.environment.ORDERS_QUEUE_URL, Entries: entries }));
      ids.push(...Successful!.map((entry) => entry.MessageId!));
    }
    return ids;
  } finally {
    sqs.destroy();
  }
}

function sqsRecord(body: string): SQSRecord {
  return {
    messageId: randomUUID(),
    receiptHandle: randomUUID(),
    body,
    attributes: { ApproximateReceiveCount: "1", SentTimestamp: String(Date.now()), SenderId: "test", ApproximateFirstReceiveTimestamp: String(Date.now()) },
    messageAttributes: {},
    md5OfBody: "",
    eventSource: "aws:sqs",
    eventSourceARN: shop.ordersQueue.arn,
    awsRegion: "us-east-1",
  };
}

const deadLetteredIds = () => new Set(shop.deadLetterQueue.peekAll().map((message) => message.messageId));
const lastReceiveLog = (messageId: string) => consumerLogs.find((line) => line.messageId === messageId && line.receiveCount === 4 && line.level === "ERROR");
const notificationsFor = (orderId: string) => shop.outbox.all().filter((entry) => entry.messageAttributes.orderId?.value === orderId);

describe("the orders queue consumer on Lambda-like instances", () => {
  it("never mixes concurrent batches: each answer names exactly its own failed records, each logged with its reason", async () => {
    const orderIds = await Promise.all(Array.from({ length: 10 }, () => placeOrder()));
    // The placed orders' own messages are consumed first: they must not wait behind the 20 batches
    // below for a free instance (a wait longer than the visibility timeout would redeliver them
    // until the queue dead-letters orders that were processed).
    await waitFor(() => shop.ordersQueue.peekAll().length, (depth) => depth === 0, "the placed orders' messages consumed");
    const batches = Array.from({ length: 20 }, (_, b) => {
      const good = [0, 1, 2].map((i) => sqsRecord(orderMessage(orderIds[(b + i) % orderIds.length]!)));
      const poison = poisonBodies(2).map(sqsRecord);
      return { records: [good[0]!, poison[0]!, good[1]!, poison[1]!, good[2]!], poisonIds: poison.map((record) => record.messageId) };
    });
    const consumer = shop.functions.queueConsumer;

    const answers = (await Promise.all(batches.map(({ records }) => consumer.invoke({ Records: records } satisfies SQSEvent)))) as Array<{ batchItemFailures: Array<{ itemIdentifier: string }> }>;

    // The batches really ran side by side, on as many instances as the cap allows.
    expect(consumer.instanceCount).toBe(shop.settings.functionMaxInstances);
    answers.forEach((answer, b) => {
      expect(answer.batchItemFailures.map((failure) => failure.itemIdentifier).sort()).toEqual([...batches[b]!.poisonIds].sort());
    });
    const poisonIds = batches.flatMap((batch) => batch.poisonIds);
    await waitFor(() => poisonIds.filter((id) => consumerLogs.some((line) => line.messageId === id)).length, (logged) => logged === poisonIds.length, "a failure log line per poison record");
    for (const id of poisonIds) {
      const lines = consumerLogs.filter((line) => line.messageId === id);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatchObject({ level: "WARN", receiveCount: 1, error: { name: expect.any(String), message: expect.any(String) } });
    }
  });
});

describe("a poison-message storm mixed with real orders, an outage, and the redrive", () => {
  const realOrders: string[] = [];
  const poisonIds: string[] = [];
  const outageOrders: string[] = [];

  it("dead-letters every poison message with a logged reason and completes every real order", async () => {
    const [placed, sent] = await Promise.all([Promise.all(Array.from({ length: 60 }, () => placeOrder())), sendAll(poisonBodies(30))]);
    realOrders.push(...placed);
    poisonIds.push(...sent);

    await waitFor(() => poisonIds.filter((id) => deadLetteredIds().has(id)).length, (count) => count === poisonIds.length, "every poison message in the DLQ");
    await waitFor(() => orderStatuses(realOrders), (statuses) => statuses.every((status) => status === "RECEIVED"), "every real order paid and RECEIVED");
    for (const id of poisonIds) {
      expect(deadLetteredIds().has(id)).toBe(true);
      const reason = lastReceiveLog(id);
      expect(reason, `the last-receive log line of ${id}`).toBeDefined();
      expect(reason!.message).toContain("dead-letter queue");
      expect(reason!.error!.message.length).toBeGreaterThan(0);
    }
    // The reasons name what went wrong, and the order when the message names one.
    const reasons = poisonIds.map((id) => lastReceiveLog(id)!);
    expect(reasons.filter((line) => line.error!.message === "Order message is not JSON")).toHaveLength(10);
    expect(reasons.filter((line) => line.orderId?.startsWith("extra-field-") && line.error!.name === "ZodError")).toHaveLength(10);
    expect(reasons.filter((line) => line.orderId?.startsWith("not a valid execution name") && line.error!.name === "InvalidName")).toHaveLength(10);
    // No real order's message was dead-lettered, and each order ran once and e-mailed once.
    expect(shop.deadLetterQueue.peekAll().filter((message) => realOrders.some((id) => message.body.includes(id)))).toEqual([]);
    for (const id of realOrders) {
      expect(shop.stepFunctions.allExecutions().filter((execution) => execution.name === id).map((execution) => execution.status)).toEqual(["SUCCEEDED"]);
      expect(notificationsFor(id)).toHaveLength(1);
    }
  });

  it("dead-letters the orders whose workflow could not be started during an outage, saying why", async () => {
    const sfnPort = Number(new URL(shop.endpoints.stepfunctions).port);
    await shop.servers.stepfunctions.close();
    outageOrders.push(...(await Promise.all(Array.from({ length: 10 }, () => placeOrder()))));
    const outageMessageIds = () => shop.deadLetterQueue.peekAll().filter((message) => outageOrders.some((id) => message.body.includes(id)));
    await waitFor(() => outageMessageIds().length, (count) => count === outageOrders.length, "the outage orders' messages in the DLQ");
    reopenedSfnServer = await startHttpServer(awsJsonRequestListener(sfnApi(shop.stepFunctions)), sfnPort);

    for (const message of outageMessageIds()) {
      const reason = lastReceiveLog(message.messageId);
      expect(reason).toMatchObject({ orderId: expect.any(String), receiveCount: 4 });
      expect(outageOrders).toContain(reason!.orderId);
      expect(reason!.error!.message).toMatch(/ECONNREFUSED/);
    }
    expect(await orderStatuses(outageOrders)).toEqual(outageOrders.map(() => "QUEUED"));
  });

  it("redrives them all, reports each message and order, and then what became of each", async () => {
    const response = await fetch(`${shop.apiUrl}/pipeline/redrive`, { method: "POST", headers: { "x-api-key": shop.apiKey } });
    expect(response.status).toBe(200);
    const report = (await response.json()) as RedriveReport;
    expect(report.moved).toBe(poisonIds.length + outageOrders.length);
    const movedOrders = report.messages.map((message) => message.orderId).filter((id): id is string => id !== undefined);
    expect(movedOrders).toEqual(expect.arrayContaining(outageOrders));
    expect(report.messages.map((message) => message.messageId)).toEqual(expect.arrayContaining(poisonIds));

    const settled = await waitFor(
      async () => ((await (await fetch(`${shop.apiUrl}/pipeline`, { headers: { "x-api-key": shop.apiKey } })).json()) as { redrives: RedriveReport[] }).redrives.find((redrive) => redrive.redriveId === report.redriveId)!,
      (current) => current.messages.every((message) => message.outcome !== "waiting"),
      "every redriven message to be processed or dead-lettered again",
    );
    const outcomeOf = (messageId: string) => settled.messages.find((message) => message.messageId === messageId)!.outcome;
    for (const id of poisonIds) expect(outcomeOf(id)).toBe("dead-lettered again");
    const outageOutcomes = settled.messages.filter((message) => message.orderId && outageOrders.includes(message.orderId));
    expect(outageOutcomes.map((message) => message.outcome)).toEqual(outageOrders.map(() => "processed"));

    await waitFor(() => orderStatuses(outageOrders), (statuses) => statuses.every((status) => status === "RECEIVED"), "the redriven orders paid and RECEIVED");
    for (const id of outageOrders) {
      await waitFor(() => notificationsFor(id).length, (count) => count > 0, `the notification of ${id}`);
      expect(notificationsFor(id)).toHaveLength(1);
      expect(shop.stepFunctions.allExecutions().filter((execution) => execution.name === id)).toHaveLength(1);
    }
  });
});

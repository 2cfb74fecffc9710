// End to end through the GraphQL endpoint of a local shop: the real handlers, the real workflow
// definition, dynalite, and the local queue/Step Functions/SNS emulators.
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { GetExecutionHistoryCommand, ListExecutionsCommand, SFNClient } from "@aws-sdk/client-sfn";
import { SendMessageCommand, SQSClient } from "@aws-sdk/client-sqs";
import definition from "@pizza-orders/core/workflow/order-workflow.asl.json" with { type: "json" };
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { localClientConfig } from "../src/aws/localClientConfig";
import type { LocalShop } from "../src/localShop";
import type { PipelineReport } from "../src/pipelineReport";
import { graphql } from "./support/graphqlClient";
import { hasLeftThePipeline } from "./support/shopInspection";
import { restartTestShop, startTestShop, stopTestShop, storedOrderCount, TEST_API_KEY } from "./support/testShop";
import { waitFor } from "./support/waitFor";

const SEED_ORDER = { name: "Pizza", quantity: 6, restaurantId: "Dominos" };
const ORDER_FIELDS = "id orderStatus failureReason name quantity restaurantId statusHistory { status at }";

interface OrderView {
  id: string;
  orderStatus: string;
  failureReason: string | null;
  name: string;
  quantity: number;
  restaurantId: string;
  statusHistory: Array<{ status: string; at: string }>;
}

let shop: LocalShop;
/** The guest secret postOrder gave for each order these (API-key) tests placed. */
const guestSecrets = new Map<string, string>();

beforeAll(async () => {
  shop = await startTestShop();
});

afterAll(() => stopTestShop(shop));

async function placeOrder(input: Record<string, unknown>): Promise<OrderView> {
  const result = await graphql<{ postOrder: OrderView & { guestSecret: string } }>(
    shop.graphqlUrl,
    `mutation Place($input: OrderInput!) { postOrder(input: $input) { ${ORDER_FIELDS} guestSecret } }`,
    { input },
    TEST_API_KEY,
  );
  expect(result.body.errors).toBeUndefined();
  const { guestSecret, ...order } = result.body.data!.postOrder;
  guestSecrets.set(order.id, guestSecret);
  return order;
}

async function readOrder(id: string): Promise<OrderView | null> {
  const result = await graphql<{ order: OrderView | null }>(
    shop.graphqlUrl,
    `query Read($id: String!, $guestSecret: String) { order(id: $id, guestSecret: $guestSecret) { ${ORDER_FIELDS} } }`,
    { id, guestSecret: guestSecrets.get(id) },
    TEST_API_KEY,
  );
  expect(result.body.errors).toBeUndefined();
  return result.body.data!.order;
}

function waitUntilTerminal(id: string): Promise<OrderView | null> {
  return waitFor(() => readOrder(id), (order) => order !== null && hasLeftThePipeline(order.orderStatus), `order ${id} to reach a terminal status`);
}

function notificationsFor(orderId: string) {
  return shop.outbox.all().filter((entry) => entry.messageAttributes.orderId?.value === orderId || entry.message.includes(orderId));
}

function executionsNamed(name: string) {
  return shop.stepFunctions.allExecutions().filter((record) => record.name === name);
}

async function pipeline(): Promise<PipelineReport> {
  const response = await fetch(`${shop.apiUrl}/pipeline`, { headers: { "x-api-key": shop.apiKey } });
  expect(response.status).toBe(200);
  return (await response.json()) as PipelineReport;
}

/** Waits until no message is waiting or in flight and no execution is running. */
function waitUntilQuiet() {
  return waitFor(pipeline, (report) => report.queue.visible + report.queue.inFlight + report.queue.delayed === 0 && report.executions.running === 0, "the pipeline to be idle");
}

describe("local shop, end to end through GraphQL", () => {
  it("answers /health with every component up", async () => {
    const response = await fetch(`${shop.apiUrl}/health`);
    expect(response.status).toBe(200);
    const health = (await response.json()) as { healthy: boolean; components: Record<string, string> };
    expect(health).toEqual({ healthy: true, components: { api: "up", dynamodb: "up", queue: "up", workflow: "up", topic: "up" } });
  });

  it("takes the seed payload: QUEUED with an id at once, then a terminal status and one notification", async () => {
    const placed = await placeOrder(SEED_ORDER);
    expect(placed).toMatchObject({ ...SEED_ORDER, orderStatus: "QUEUED" });
    expect(placed.id).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);

    const finished = await waitUntilTerminal(placed.id);
    expect(["RECEIVED", "PAYMENT_FAILED"]).toContain(finished!.orderStatus);
    await waitFor(() => notificationsFor(placed.id), (entries) => entries.length > 0, "the notification");
    expect(notificationsFor(placed.id)).toHaveLength(1);
  });

  it("completes an order paid with tok_visa and sends exactly one notification", async () => {
    const placed = await placeOrder({ ...SEED_ORDER, paymentToken: "tok_visa" });
    const finished = await waitUntilTerminal(placed.id);
    expect(finished!.orderStatus).toBe("RECEIVED");
    expect(finished!.failureReason).toBeNull();
    expect(finished!.statusHistory.map((change) => change.status)).toEqual(["QUEUED", "PENDING_PAYMENT", "RECEIVED"]);
    await waitUntilQuiet();
    const notifications = notificationsFor(placed.id);
    expect(notifications).toHaveLength(1);
    expect(notifications[0]!.topicArn).toBe(shop.environment.ORDER_NOTIFICATIONS_TOPIC_ARN);
    expect(executionsNamed(placed.id).map((record) => record.status)).toEqual(["SUCCEEDED"]);
  });

  it("ends an order paid with tok_chargeDeclined as PAYMENT_FAILED with the decline reason and one notification", async () => {
    const placed = await placeOrder({ ...SEED_ORDER, paymentToken: "tok_chargeDeclined" });
    const finished = await waitUntilTerminal(placed.id);
    expect(finished!.orderStatus).toBe("PAYMENT_FAILED");
    expect(finished!.failureReason).toBe("Your card was declined.");
    await waitUntilQuiet();
    expect(notificationsFor(placed.id)).toHaveLength(1);
  });

  it("handles a message delivered more than once as one order, one execution, one notification", async () => {
    await waitUntilQuiet();
    const ordersBefore = await storedOrderCount(shop);
    const placed = await placeOrder({ ...SEED_ORDER, paymentToken: "tok_visa" });
    const sqs = new SQSClient(localClientConfig(shop.endpoints.sqs));
    const duplicateBody = JSON.stringify({ orderId: placed.id });
    // Two more deliveries of the message postOrder sent: one likely while the execution runs, one later.
    await sqs.send(new SendMessageCommand({ QueueUrl: shop.environment.ORDERS_QUEUE_URL, MessageBody: duplicateBody }));
    await waitUntilTerminal(placed.id);
    await sqs.send(new SendMessageCommand({ QueueUrl: shop.environment.ORDERS_QUEUE_URL, MessageBody: duplicateBody }));
    sqs.destroy();
    const report = await waitUntilQuiet();

    expect(report.deadLetterQueue.depth).toBe(0);
    expect(executionsNamed(placed.id)).toHaveLength(1);
    expect(notificationsFor(placed.id)).toHaveLength(1);
    expect(await storedOrderCount(shop)).toBe(ordersBefore + 1);
    expect((await readOrder(placed.id))!.orderStatus).toBe("RECEIVED");
  });

  it("retries a payment provider that keeps failing, then takes the Catch path: CANCELLED with a reason", async () => {
    const placed = await placeOrder({ ...SEED_ORDER, paymentToken: "tok_processingError" });
    const finished = await waitUntilTerminal(placed.id);
    expect(finished!.orderStatus).toBe("CANCELLED");
    expect(finished!.failureReason).toEqual(expect.any(String));
    expect(finished!.failureReason!.length).toBeGreaterThan(0);

    const sfn = new SFNClient(localClientConfig(shop.endpoints.stepfunctions));
    const { executions } = await sfn.send(new ListExecutionsCommand({ stateMachineArn: shop.environment.ORDER_WORKFLOW_ARN }));
    const execution = executions!.find((item) => item.name === placed.id)!;
    await waitFor(() => shop.stepFunctions.execution(execution.executionArn!).status, (status) => status !== "RUNNING", "the execution to end");
    const { events } = await sfn.send(new GetExecutionHistoryCommand({ executionArn: execution.executionArn }));
    sfn.destroy();

    const paymentRetrier = definition.States.ProcessPayment.Retry.find((retrier) => retrier.ErrorEquals.includes("PaymentProviderUnavailableError"))!;
    const paymentFailures = events!.filter(
      (event) => event.type === "TaskFailed" && event.taskFailedEventDetails?.error === "PaymentProviderUnavailableError",
    );
    expect(paymentFailures).toHaveLength(paymentRetrier.MaxAttempts + 1);
    const enteredStates = events!.filter((event) => event.type === "TaskStateEntered").map((event) => event.stateEnteredEventDetails?.name);
    expect(enteredStates).toEqual(["InitializeOrder", "ProcessPayment", "CancelFailedOrder"]);
    expect(events!.at(-1)!.type).toBe("ExecutionFailed");
    expect(events!.at(-1)!.executionFailedEventDetails?.error).toBe("OrderProcessingFailed");
    await waitUntilQuiet();
    expect(notificationsFor(placed.id)).toHaveLength(1);
  });

  it("dead-letters a message the consumer keeps failing on after 4 receives, and the redrive command brings it back", async () => {
    const sqs = new SQSClient(localClientConfig(shop.endpoints.sqs));
    const poison = `not an order message ${Date.now()}`;
    const { MessageId } = await sqs.send(new SendMessageCommand({ QueueUrl: shop.environment.ORDERS_QUEUE_URL, MessageBody: poison }));
    sqs.destroy();

    const report = await waitFor(pipeline, (current) => current.deadLetterQueue.messages.some((message) => message.messageId === MessageId), "the message to reach the DLQ");
    const deadLettered = report.deadLetterQueue.messages.find((message) => message.messageId === MessageId)!;
    expect(deadLettered).toMatchObject({ body: poison, receiveCount: 4 });

    // What `pnpm --filter @pizza-orders/local redrive` runs.
    const redrive = await promisify(execFile)(process.execPath, ["--import", "tsx", "src/cli/redrive.ts"], {
      cwd: fileURLToPath(new URL("..", import.meta.url)),
      env: { ...process.env, LOCAL_API_PORT: new URL(shop.apiUrl).port, LOCAL_API_KEY: shop.apiKey },
    });
    expect(redrive.stdout).toContain("Moved 1 message(s)");
    expect(redrive.stdout).toContain(`${MessageId}  (names no order)`);
    // The command followed the message: the consumer saw it again and, still unable to parse it, failed it four more times.
    expect(redrive.stdout).toContain("Outcome: 0 processed, 1 dead-lettered again, 0 still waiting.");
    expect(redrive.stdout).toMatch(new RegExp(`${MessageId}  \\(names no order\\)  dead-lettered again \\(received 4x\\)`));
    const after = await pipeline();
    expect(after.redrives[0]!.messages).toEqual([{ messageId: MessageId, outcome: "dead-lettered again", receiveCount: 4 }]);
    expect(after.deadLetterQueue.messages.filter((message) => message.messageId === MessageId)).toHaveLength(1);
  });

  it("keeps earlier orders, notifications and queued messages across a restart on the same data folder", async () => {
    const placed = await placeOrder({ ...SEED_ORDER, paymentToken: "tok_visa" });
    const finished = await waitUntilTerminal(placed.id);
    const undelivered = await shop.ordersQueue.send(`still unprocessed ${Date.now()}`);
    await shop.stop();

    shop = await restartTestShop(shop);
    expect(await readOrder(placed.id)).toEqual(finished);
    const queuedAgain = [...shop.ordersQueue.peekAll(), ...shop.deadLetterQueue.peekAll()].filter((message) => message.messageId === undelivered.messageId);
    expect(queuedAgain.map((message) => message.body)).toEqual([undelivered.body]);
    const outboxAfterRestart = (await (await fetch(`${shop.apiUrl}/outbox`, { headers: { "x-api-key": shop.apiKey } })).json()) as { notifications: Array<{ message: string }> };
    expect(outboxAfterRestart.notifications.filter((entry) => entry.message.includes(placed.id))).toHaveLength(1);
    // The restarted shop still runs the pipeline.
    const next = await placeOrder({ ...SEED_ORDER, paymentToken: "tok_visa" });
    expect((await waitUntilTerminal(next.id))!.orderStatus).toBe("RECEIVED");
  });
});

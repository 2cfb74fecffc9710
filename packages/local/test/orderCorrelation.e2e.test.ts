// An order's id is its correlation id: every line the functions log about an order — from the
// API through the queue consumer, every workflow task and the change stream to its last change —
// carries it as `orderId`, and never another order's. Two orders run through the pipeline at the
// same time (one paid, one declined), on warm instances that served the other order too.
// Also: the business metrics those functions printed (EMF) reach the pipeline report.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { embeddedMetricsOf } from "../src/cloudwatch/embeddedMetrics";
import { renderFunctionLogLine } from "../src/cloudwatch/functionLogLine";
import type { LocalShop } from "../src/localShop";
import { graphql } from "./support/graphqlClient";
import { startTestShop, stopTestShop, TEST_API_KEY, waitForOrdersToFinish } from "./support/testShop";
import { waitFor } from "./support/waitFor";

interface FunctionLog {
  functionName: string;
  raw: string;
  entry: Record<string, unknown>;
}

let shop: LocalShop;
const logs: FunctionLog[] = [];

beforeAll(async () => {
  shop = await startTestShop({
    functionLogLevel: "INFO",
    functionLog: (functionName, raw) => {
      if (raw.startsWith("{")) logs.push({ functionName, raw, entry: JSON.parse(raw) as Record<string, unknown> });
    },
  });
});
afterAll(() => stopTestShop(shop));

const guestSecrets = new Map<string, string>();

async function placeOrder(paymentToken: string): Promise<string> {
  const result = await graphql<{ postOrder: { id: string; guestSecret: string } }>(
    shop.graphqlUrl,
    "mutation Place($input: OrderInput!) { postOrder(input: $input) { id guestSecret } }",
    { input: { name: "Margherita", quantity: 1, restaurantId: "Luigis", paymentToken } },
    TEST_API_KEY,
  );
  expect(result.body.errors).toBeUndefined();
  guestSecrets.set(result.body.data!.postOrder.id, result.body.data!.postOrder.guestSecret);
  return result.body.data!.postOrder.id;
}

async function statusOf(id: string): Promise<string | undefined> {
  const result = await graphql<{ order: { orderStatus: string } | null }>(
    shop.graphqlUrl,
    "query Read($id: String!, $guestSecret: String) { order(id: $id, guestSecret: $guestSecret) { orderStatus } }",
    { id, guestSecret: guestSecrets.get(id) },
    TEST_API_KEY,
  );
  return result.body.data?.order?.orderStatus;
}

const logLines = () => logs.filter((log) => !embeddedMetricsOf(log.raw));
/** The change-stream line of an order's status, once the consumer has handled it. */
const changeLogged = (orderId: string, status: string) =>
  logLines().some((log) => log.entry.message === "order status changed" && log.entry.orderId === orderId && log.entry.status === status);

describe("an order's correlation id", () => {
  let paid: string;
  let declined: string;

  beforeAll(async () => {
    [paid, declined] = await Promise.all([placeOrder("tok_visa"), placeOrder("tok_chargeDeclined")]);
    await waitForOrdersToFinish(shop, [paid, declined], statusOf);
    await waitFor(
      () => changeLogged(paid, "RECEIVED") && changeLogged(declined, "PAYMENT_FAILED"),
      (done) => done,
      "the last change of each order to be logged",
    );
  });

  it("is on every line that mentions the order, from the API to its last change, and no line carries the other order's", () => {
    for (const [orderId, other] of [
      [paid, declined],
      [declined, paid],
    ] as const) {
      const mentioning = logLines().filter((log) => log.raw.includes(orderId));
      expect(mentioning.length).toBeGreaterThan(0);
      for (const log of mentioning) expect(log.entry.orderId, `${log.functionName}: ${log.raw}`).toBe(orderId);
      for (const log of logLines().filter((candidate) => candidate.entry.orderId === orderId)) expect(log.raw, log.functionName).not.toContain(other);
    }
  });

  it("follows each order through every function it passed", () => {
    const functionsOf = (orderId: string) =>
      new Set(
        logLines()
          .filter((log) => log.entry.orderId === orderId)
          .map((log) => log.functionName),
      );
    const common = ["Mutation-postOrder", "StartOrderWorkflow", "InitializeOrder", "ProcessPayment", "OrderChanges"];
    expect([...functionsOf(paid)].sort()).toEqual([...common, "CompleteOrder"].sort());
    expect([...functionsOf(declined)].sort()).toEqual([...common, "CancelFailedOrder"].sort());
    const statuses = (orderId: string) =>
      logLines()
        .filter((log) => log.entry.orderId === orderId && log.entry.message === "order status changed")
        .map((log) => log.entry.status);
    expect(statuses(paid)).toEqual(["QUEUED", "PENDING_PAYMENT", "RECEIVED"]);
    expect(statuses(declined)).toEqual(["QUEUED", "PENDING_PAYMENT", "PAYMENT_FAILED"]);
  });

  it("carries the Lambda context on every line, and reads as one line each in the terminal", () => {
    for (const log of logLines()) {
      expect(log.entry, log.raw).toMatchObject({ function_name: log.functionName, function_request_id: expect.any(String), service: "pizza-orders" });
      const readable = renderFunctionLogLine(log.functionName, log.raw)!;
      expect(readable).not.toContain("\n");
      expect(readable).toContain(`${log.functionName}${typeof log.entry.orderId === "string" ? `  ${log.entry.orderId}` : ""}  ${log.entry.message}`);
    }
  });

  it("shows the business metrics in the pipeline report", async () => {
    const metric = (name: string, dimensions: Record<string, string> = {}) =>
      shop.pipeline().metrics.find((candidate) => candidate.name === name && JSON.stringify(candidate.dimensions) === JSON.stringify(dimensions));
    // The metrics listener runs after the log line of the same change: wait for the last one.
    await waitFor(
      () => metric("OrdersCompleted")?.sum === 1 && metric("OrdersPaymentFailed")?.sum === 1,
      (done) => done,
      "the milestone metrics",
    );
    expect(metric("OrdersPlaced")?.sum).toBe(2);
    expect(metric("OrdersPaid")?.sum).toBe(1);
    expect(metric("OrdersCancelled")).toBeUndefined();
    expect(metric("OrderStatusChanges", { status: "PENDING_PAYMENT" })?.sum).toBe(2);
    // Paid: the pipeline's last status is the kitchen's RECEIVED.
    const toCompleted = metric("TimeFromPlacementToStatus", { status: "RECEIVED" })!;
    expect(toCompleted).toMatchObject({ namespace: "PizzaOrders", unit: "Milliseconds", samples: 1 });
    expect(toCompleted.maximum).toBeGreaterThan(0);
  });
});

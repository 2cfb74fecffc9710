// The one observability setup every handler goes through (observedHandler): Lambda context and
// the order's id on every log line, nothing carried over to the next invocation of a warm
// instance, per-record order ids in batches, and business metrics as EMF lines.
import type { OrderChange } from "@pizza-orders/core/changes/orderChange";
import type { Context } from "aws-lambda";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { logger } from "../src/observability/logger";
import { METRIC, METRICS_NAMESPACE, MILESTONE_METRICS } from "../src/observability/metricNames";
import { recordOrderChange, recordReconcilerRun } from "../src/observability/metrics";
import { observedHandler } from "../src/observability/observedHandler";
import { withOrderLogKey } from "../src/observability/orderLogKeys";
import { testLambdaContext } from "./support/testLambdaContext";

/** Every JSON line the function writes to stdout or stderr while the test runs (its log stream). */
let lines: Record<string, unknown>[];
beforeEach(() => {
  lines = [];
  const capture = (chunk: string | Uint8Array) => {
    for (const line of String(chunk).split("\n").filter(Boolean)) lines.push(JSON.parse(line));
    return true;
  };
  vi.spyOn(process.stdout, "write").mockImplementation(capture);
  vi.spyOn(process.stderr, "write").mockImplementation(capture);
});
afterEach(() => {
  vi.restoreAllMocks();
});

const logLines = () => lines.filter((line) => !("_aws" in line));
const emfLines = () => lines.filter((line) => "_aws" in line);
const appSyncEvent = (args: Record<string, unknown>) => ({ arguments: args, identity: null, info: { fieldName: "order", parentTypeName: "Query" } });

/** One function instance: the same handler module, invoked again and again. */
const handler = observedHandler(async (event: { arguments?: Record<string, unknown>; orderId?: string; fail?: boolean }) => {
  logger.info("working");
  if (event.fail) throw new Error("it broke");
  return "done";
});

describe("observedHandler", () => {
  it("puts the Lambda context and the order's id on every line", async () => {
    const context: Context = testLambdaContext("Query-order");
    await handler(appSyncEvent({ id: "01ORDER-A" }), context);
    expect(logLines()).toEqual([
      expect.objectContaining({
        message: "working",
        service: "pizza-orders",
        orderId: "01ORDER-A",
        function_name: "Query-order",
        function_request_id: context.awsRequestId,
        cold_start: expect.any(Boolean),
      }),
    ]);
  });

  it("finds the order in a workflow task's state, an updateOrder input and an onOrderUpdate argument", async () => {
    await handler({ orderId: "01ORDER-TASK" }, testLambdaContext());
    await handler(appSyncEvent({ input: { id: "01ORDER-INPUT", quantity: 2 } }), testLambdaContext());
    await handler(appSyncEvent({ orderId: "01ORDER-SUB", guestTrackingKey: "k" }), testLambdaContext());
    expect(logLines().map((line) => line.orderId)).toEqual(["01ORDER-TASK", "01ORDER-INPUT", "01ORDER-SUB"]);
  });

  it("never carries an order's id into the next invocation of the same instance, also after a failure", async () => {
    await handler(appSyncEvent({ id: "01ORDER-A" }), testLambdaContext());
    await handler(appSyncEvent({}), testLambdaContext());
    await expect(handler({ orderId: "01ORDER-B", fail: true }, testLambdaContext())).rejects.toThrow("it broke");
    await handler({}, testLambdaContext());
    const seen = logLines().map((line) => [line.message, line.orderId ?? null]);
    expect(seen).toEqual([
      ["working", "01ORDER-A"],
      ["working", null],
      ["working", "01ORDER-B"],
      // The uncaught error is logged with the order it was about.
      ["invocation failed", "01ORDER-B"],
      ["working", null],
    ]);
    expect(logLines()[3]).toMatchObject({ level: "ERROR", error: { name: "Error", message: "it broke" } });
  });

  it("gives each record of a batch its own order id, removed after it (even when it fails)", async () => {
    const batch = observedHandler(async (event: { orderIds: string[] }) => {
      for (const orderId of event.orderIds) {
        await withOrderLogKey(orderId, async () => {
          logger.info("record");
          if (orderId === "01ORDER-BAD") throw new Error("bad record");
        }).catch(() => logger.warn("record failed"));
      }
      logger.info("batch done");
    });
    await batch({ orderIds: ["01ORDER-1", "01ORDER-BAD", "01ORDER-2"] }, testLambdaContext());
    expect(logLines().map((line) => [line.message, line.orderId ?? null])).toEqual([
      ["record", "01ORDER-1"],
      ["record", "01ORDER-BAD"],
      ["record failed", null],
      ["record", "01ORDER-2"],
      ["batch done", null],
    ]);
  });

  it("leaves timeouts to Lambda: an invocation past its remaining time is not failed early under another error name", async () => {
    const slow = observedHandler(async () => {
      await new Promise((resolve) => setTimeout(resolve, 60));
      return "finished";
    });
    await expect(slow({}, testLambdaContext("ProcessPayment", 20))).resolves.toBe("finished");
  });

  it("writes no metrics line (and no warning) for an invocation that recorded none", async () => {
    await handler(appSyncEvent({}), testLambdaContext());
    expect(emfLines()).toEqual([]);
    expect(logLines().map((line) => line.message)).toEqual(["working"]);
  });
});

const change = (previousStatus: string | undefined, status: string, createdAt: string, at: string) =>
  ({ orderId: "01ORDER-M", previousStatus, status, entry: { status, at }, order: { createdAt } }) as unknown as OrderChange;

/** name → values of each EMF line, with its dimensions. */
const emitted = () =>
  emfLines().map((line) => {
    const aws = line._aws as { CloudWatchMetrics: { Namespace: string; Dimensions: string[][]; Metrics: { Name: string }[] }[] };
    const [directive] = aws.CloudWatchMetrics;
    const dimensions = Object.fromEntries(directive!.Dimensions[0]!.map((name) => [name, line[name]]));
    const values = Object.fromEntries(directive!.Metrics.map((metric) => [metric.Name, line[metric.Name]]));
    return { namespace: directive!.Namespace, dimensions, values };
  });

describe("business metrics", () => {
  it("count each milestone once and every status with its time since placement, flushed when the handler returns", async () => {
    const consumer = observedHandler(async (changes: OrderChange[]) => {
      for (const each of changes) recordOrderChange(each);
    });
    const placed = "2026-11-29T12:00:00.000Z";
    await consumer(
      [
        change(undefined, "QUEUED", placed, placed),
        change("QUEUED", "PENDING_PAYMENT", placed, "2026-11-29T12:00:00.250Z"),
        change("PENDING_PAYMENT", "COMPLETED", placed, "2026-11-29T12:00:01.500Z"),
      ],
      testLambdaContext("OrderChanges"),
    );
    const dims = { service: "pizza-orders", stage: "local" };
    const lines = emitted();
    for (const line of lines) expect(line.namespace).toBe(METRICS_NAMESPACE);
    expect(lines).toEqual(
      expect.arrayContaining([
        { namespace: METRICS_NAMESPACE, dimensions: { ...dims, status: "QUEUED" }, values: { [METRIC.statusChanges]: 1 } },
        { namespace: METRICS_NAMESPACE, dimensions: { ...dims, status: "PENDING_PAYMENT" }, values: { [METRIC.timeToStatus]: 250 } },
        { namespace: METRICS_NAMESPACE, dimensions: { ...dims, status: "COMPLETED" }, values: { [METRIC.timeToStatus]: 1500 } },
        // The buffered milestones, one line at the end of the invocation.
        {
          namespace: METRICS_NAMESPACE,
          dimensions: dims,
          values: { [MILESTONE_METRICS.placed]: 1, [MILESTONE_METRICS.paid]: 1, [MILESTONE_METRICS.completed]: 1 },
        },
      ]),
    );
    // Placing has no time since placement; 3 status counts + 2 timings + 1 milestone line.
    expect(lines).toHaveLength(6);
  });

  it("count the stranded orders the reconciler finished, zero included", async () => {
    const run = observedHandler(async (stranded: number) => {
      recordReconcilerRun({
        at: "2026-11-29T12:00:00.000Z",
        examined: stranded + 1,
        orders: [
          ...Array.from({ length: stranded }, (_, index) => ({
            orderId: `0${index}`,
            action: "ended" as const,
            from: "QUEUED" as const,
            to: "CANCELLED" as const,
          })),
          { orderId: "0skip", action: "skipped" as const, from: "PENDING_PAYMENT" as const, to: "PENDING_PAYMENT" as const },
        ],
        failures: [],
      });
    });
    await run(0, testLambdaContext("ReconcileOrders"));
    await run(2, testLambdaContext("ReconcileOrders"));
    expect(emitted().map((line) => line.values)).toEqual([
      { [METRIC.strandedOrders]: 0, [METRIC.reconcilerFailures]: 0 },
      { [METRIC.strandedOrders]: 2, [METRIC.reconcilerFailures]: 0 },
    ]);
  });
});

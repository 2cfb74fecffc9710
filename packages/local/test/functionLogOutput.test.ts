// How the local shop reads the functions' log output: Powertools JSON lines shown readably (the
// cloud format is untouched), EMF metric records added up as CloudWatch would.
import { describe, expect, it } from "vitest";
import { EmbeddedMetrics } from "../src/cloudwatch/embeddedMetrics";
import { renderFunctionLogLine } from "../src/cloudwatch/functionLogLine";

const powertoolsLine = (fields: Record<string, unknown>) =>
  JSON.stringify({
    level: "INFO",
    message: "order placed",
    timestamp: "2026-11-29T18:02:11.123Z",
    service: "pizza-orders",
    cold_start: true,
    function_arn: "arn:aws:lambda:us-east-1:000000000000:function:Mutation-postOrder",
    function_memory_size: "1024",
    function_name: "Mutation-postOrder",
    function_request_id: "c6af9ac6",
    sampling_rate: 0,
    ...fields,
  });

const emfLine = (metrics: Record<string, number | number[]>, dimensions: Record<string, string>, unit = "Count") =>
  JSON.stringify({
    _aws: {
      Timestamp: 1,
      CloudWatchMetrics: [
        { Namespace: "PizzaOrders", Dimensions: [Object.keys(dimensions)], Metrics: Object.keys(metrics).map((Name) => ({ Name, Unit: unit })) },
      ],
    },
    ...dimensions,
    ...metrics,
  });

describe("a function's log line in the terminal", () => {
  it("reads time, level, function, order id, message, then the line's own fields", () => {
    expect(renderFunctionLogLine("Mutation-postOrder", powertoolsLine({ orderId: "01JDX", totalCents: 1200, guest: true }))).toBe(
      "18:02:11.123 INFO  Mutation-postOrder  01JDX  order placed  totalCents=1200  guest=true",
    );
    expect(renderFunctionLogLine("OrderChanges", powertoolsLine({ level: "ERROR", message: "failed", error: { name: "Error", message: "boom" } }))).toBe(
      '18:02:11.123 ERROR OrderChanges  failed  error={"name":"Error","message":"boom"}',
    );
  });

  it("shows other output as it is, and leaves metric records to the pipeline report", () => {
    expect(renderFunctionLogLine("ProcessPayment", "    at processPayment (orderTasks.ts:80:11)")).toBe(
      "ProcessPayment      at processPayment (orderTasks.ts:80:11)",
    );
    expect(renderFunctionLogLine("OrderChanges", emfLine({ OrdersPlaced: 1 }, { service: "pizza-orders", stage: "local" }))).toBeUndefined();
  });
});

describe("the functions' metric records", () => {
  it("are added up per metric and dimension (common dimensions left out), other lines ignored", () => {
    const metrics = new EmbeddedMetrics();
    const common = { service: "pizza-orders", stage: "local" };
    expect(metrics.observe(emfLine({ OrdersPlaced: 1 }, common))).toBe(true);
    metrics.observe(emfLine({ OrdersPlaced: [1, 1] }, common));
    metrics.observe(emfLine({ TimeFromPlacementToStatus: 300 }, { ...common, status: "COMPLETED" }, "Milliseconds"));
    metrics.observe(emfLine({ TimeFromPlacementToStatus: 100 }, { ...common, status: "COMPLETED" }, "Milliseconds"));
    expect(metrics.observe(powertoolsLine({}))).toBe(false);
    expect(metrics.observe("not json")).toBe(false);
    expect(metrics.summary()).toEqual([
      { namespace: "PizzaOrders", name: "OrdersPlaced", dimensions: {}, unit: "Count", samples: 3, sum: 3, average: 1, maximum: 1 },
      {
        namespace: "PizzaOrders",
        name: "TimeFromPlacementToStatus",
        dimensions: { status: "COMPLETED" },
        unit: "Milliseconds",
        samples: 2,
        sum: 400,
        average: 200,
        maximum: 300,
      },
    ]);
  });
});

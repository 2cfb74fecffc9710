// The function manifest names real handlers and covers every trigger the app has exactly once
// where one is expected: each workflow Task state one function, each resolver field one, names
// unique (the local shop runs functions by name).
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { ORDER_WORKFLOW_TASKS } from "@pizza-orders/core/workflow/orderWorkflowDefinition";
import { describe, expect, it } from "vitest";
import { APP_FUNCTIONS, functionsTriggeredBy, resolverOf, theFunctionTriggeredBy, workflowTaskFunction } from "../src/functionManifest";

const SOURCE_DIR = fileURLToPath(new URL("../src/", import.meta.url));

describe("function manifest", () => {
  it("names each function once, and each names a handler module that exists", () => {
    expect(new Set(APP_FUNCTIONS.map((fn) => fn.name)).size).toBe(APP_FUNCTIONS.length);
    for (const fn of APP_FUNCTIONS) expect(existsSync(`${SOURCE_DIR}${fn.handler}.ts`), fn.handler).toBe(true);
  });

  it("runs every Task state of the order workflow with exactly one function", () => {
    expect(
      functionsTriggeredBy("workflowTask")
        .map((fn) => fn.trigger.task)
        .sort(),
    ).toEqual([...ORDER_WORKFLOW_TASKS].sort());
    expect(workflowTaskFunction("ProcessPayment").handler).toBe("workflow/processPayment");
  });

  it("resolves each GraphQL field with one function", () => {
    const fields = functionsTriggeredBy("graphqlField").map((fn) => `${fn.trigger.typeName}.${fn.trigger.fieldName}`);
    expect(new Set(fields).size).toBe(fields.length);
    expect(resolverOf("Mutation", "postOrder").handler).toBe("api/postOrder");
    expect(() => resolverOf("Mutation", "noSuchField")).toThrow(/No function resolves Mutation.noSuchField/);
  });

  it("has one consumer of the orders queue, one of the table's stream and one scheduled function", () => {
    expect(theFunctionTriggeredBy("ordersQueue").handler).toBe("queue/startOrderWorkflow");
    expect(theFunctionTriggeredBy("ordersTableStream").handler).toBe("stream/orderChanges");
    expect(theFunctionTriggeredBy("schedule").handler).toBe("schedule/reconcileOrders");
  });
});

// The Lambda stand-in: errors carry the thrown error's name as errorType (what AppSync and Step
// Functions report), the event is a copy, and a handler that never answers hits the timeout.
import { describe, expect, it } from "vitest";
import { FunctionError, LocalFunction } from "../src/lambda/localFunction";

class OrderNotFoundError extends Error {
  override readonly name = "OrderNotFoundError";
}

describe("LocalFunction", () => {
  it("reports a thrown error as the Lambda error payload, errorType being the error's name", async () => {
    const fn = new LocalFunction({
      name: "Failing",
      load: async () => ({
        handler: async () => {
          throw new OrderNotFoundError("Order 1 was not found");
        },
      }),
    });
    const failure = await fn.invoke({}).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(FunctionError);
    expect((failure as FunctionError).payload).toMatchObject({ errorType: "OrderNotFoundError", errorMessage: "Order 1 was not found" });
    expect(fn.errors).toBe(1);
  });

  it("hands the handler a copy of the event, as a JSON boundary would", async () => {
    const event = { order: { id: "1" } };
    const fn = new LocalFunction({
      name: "Mutating",
      load: async () => ({
        handler: async (received: unknown) => {
          (received as typeof event).order.id = "changed";
          return received;
        },
      }),
    });
    expect(await fn.invoke(event)).toEqual({ order: { id: "changed" } });
    expect(event.order.id).toBe("1");
  });

  it("ends an invocation that outlives the function timeout with Sandbox.Timedout", async () => {
    const fn = new LocalFunction({ name: "Hanging", timeoutSeconds: 0.2, load: async () => ({ handler: () => new Promise(() => {}) }) });
    await expect(fn.invoke({})).rejects.toMatchObject({ name: "Sandbox.Timedout", payload: { errorMessage: "Task timed out after 0.20 seconds" } });
  });
});

// The local queue must behave like the deployed one. Its settings are copied into the local
// runtime (importing the stack module would load the CDK into every `pnpm start`), so this test
// keeps the copies equal to the stack's values.
import { describe, expect, it } from "vitest";
import { ORDER_QUEUE_BATCH_SIZE, ORDER_QUEUE_CONSUMER_TIMEOUT_SECONDS, ORDER_QUEUE_MAX_RECEIVE_COUNT } from "../../../stacks/OrdersQueue";
import { ORDERS_QUEUE_BATCH_SIZE, ORDERS_QUEUE_CONSUMER_TIMEOUT_SECONDS, ORDERS_QUEUE_MAX_RECEIVE_COUNT } from "../src/aws/localResources";

describe("local queue settings", () => {
  it("match the stack's orders queue and event source mapping", () => {
    expect(ORDERS_QUEUE_MAX_RECEIVE_COUNT).toBe(ORDER_QUEUE_MAX_RECEIVE_COUNT);
    expect(ORDERS_QUEUE_BATCH_SIZE).toBe(ORDER_QUEUE_BATCH_SIZE);
    expect(ORDERS_QUEUE_CONSUMER_TIMEOUT_SECONDS).toBe(ORDER_QUEUE_CONSUMER_TIMEOUT_SECONDS);
  });
});

// postOrder's client token through the local API (same handlers, workflow and emulators as the
// cloud stands for): a retried checkout attempt is one order, one execution, one charge, one e-mail.
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { GetExecutionHistoryCommand, SFNClient } from "@aws-sdk/client-sfn";
import { DynamoDBDocumentClient, ScanCommand } from "@aws-sdk/lib-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { localClientConfig } from "../src/aws/localClientConfig";
import type { LocalShop } from "../src/localShop";
import { graphql } from "./support/graphqlClient";
import { hasLeftThePipeline } from "./support/shopInspection";
import { startTestShop, stopTestShop, TEST_API_KEY } from "./support/testShop";
import { waitFor } from "./support/waitFor";

const ORDER = { name: "Margherita", quantity: 2, restaurantId: "Luigis", paymentToken: "tok_visa" };

interface Placed {
  id: string;
  orderStatus: string;
  guestSecret: string | null;
}

let shop: LocalShop;

beforeAll(async () => {
  shop = await startTestShop({ reconcilerIntervalSeconds: 0 });
});
afterAll(() => stopTestShop(shop));

function postOrder(input: Record<string, unknown>) {
  return graphql<{ postOrder: Placed }>(
    shop.graphqlUrl,
    `mutation Place($input: OrderInput!) { postOrder(input: $input) { id orderStatus guestSecret } }`,
    { input },
    TEST_API_KEY,
  );
}

/** Every item of the table, read straight from DynamoDB: orders and checkout-attempt records. */
async function tableItems(): Promise<Array<Record<string, unknown>>> {
  const dynamo = DynamoDBDocumentClient.from(new DynamoDBClient(localClientConfig(shop.endpoints.dynamodb)));
  try {
    const { Items } = await dynamo.send(new ScanCommand({ TableName: shop.environment.ORDERS_TABLE_NAME, ConsistentRead: true }));
    return Items ?? [];
  } finally {
    dynamo.destroy();
  }
}

async function readStatus(id: string, guestSecret: string): Promise<string | undefined> {
  const result = await graphql<{ order: { orderStatus: string } | null }>(
    shop.graphqlUrl,
    `query Read($id: String!, $guestSecret: String) { order(id: $id, guestSecret: $guestSecret) { orderStatus } }`,
    { id, guestSecret },
    TEST_API_KEY,
  );
  return result.body.data?.order?.orderStatus;
}

describe("postOrder with a client token, through the local API", () => {
  it("answers a retried and a racing checkout attempt with the same order: one execution, one charge, one e-mail", async () => {
    const clientToken = crypto.randomUUID();
    const ordersBefore = (await tableItems()).filter((item) => item.recordType === undefined).length;

    const first = await postOrder({ ...ORDER, clientToken });
    expect(first.body.errors).toBeUndefined();
    const { id, guestSecret } = first.body.data!.postOrder;
    const retry = await postOrder({ ...ORDER, clientToken });
    const racing = await Promise.all(Array.from({ length: 5 }, () => postOrder({ ...ORDER, clientToken })));
    for (const answer of [retry, ...racing]) {
      expect(answer.body.errors).toBeUndefined();
      expect(answer.body.data!.postOrder).toMatchObject({ id, guestSecret });
    }

    await waitFor(
      () => readStatus(id, guestSecret!),
      hasLeftThePipeline,
      `order ${id} to finish`,
    );
    await waitFor(
      () => shop.outbox.all().filter((entry) => entry.messageAttributes.orderId?.value === id).length,
      (count) => count >= 1,
      "its e-mail",
    );
    const executions = shop.stepFunctions.allExecutions().filter((record) => record.name === id);
    expect(executions).toHaveLength(1);
    await waitFor(
      () => shop.stepFunctions.execution(executions[0].executionArn).status,
      (status) => status !== "RUNNING",
      "the execution to end",
    );

    const orders = (await tableItems()).filter((item) => item.recordType === undefined);
    expect(orders).toHaveLength(ordersBefore + 1);
    const order = orders.find((item) => item.orderId === id)!;
    expect(order.orderStatus).toBe("RECEIVED");
    expect(order.payment).toMatchObject({ outcome: "SUCCEEDED", amountCents: order.totalCents });
    const sfn = new SFNClient(localClientConfig(shop.endpoints.stepfunctions));
    const { events } = await sfn.send(new GetExecutionHistoryCommand({ executionArn: executions[0].executionArn }));
    sfn.destroy();
    const paymentSteps = events!.filter((event) => event.type === "TaskStateEntered" && event.stateEnteredEventDetails?.name === "ProcessPayment");
    expect(paymentSteps).toHaveLength(1);
    expect(shop.outbox.all().filter((entry) => entry.messageAttributes.orderId?.value === id)).toHaveLength(1);
  });

  it("refuses the token with a different order as IdempotencyConflictError and writes nothing", async () => {
    const clientToken = crypto.randomUUID();
    const first = await postOrder({ ...ORDER, clientToken });
    expect(first.body.errors).toBeUndefined();
    const before = await tableItems();

    const conflict = await postOrder({ ...ORDER, quantity: 3, clientToken });
    expect(conflict.body.data).toBeNull();
    expect(conflict.body.errors).toEqual([expect.objectContaining({ errorType: "IdempotencyConflictError", message: expect.stringContaining("new order") })]);
    const malformed = await postOrder({ ...ORDER, clientToken: "too-short" });
    expect(malformed.body.errors).toEqual([
      expect.objectContaining({
        errorType: "ValidationError",
        errorInfo: { fieldErrors: { clientToken: expect.stringMatching(/^Client token must be at least 16/) } },
      }),
    ]);
    const after = await tableItems();
    const stable = (items: Array<Record<string, unknown>>) => items.map((item) => item.orderId).sort();
    expect(stable(after)).toEqual(stable(before));
  });
});

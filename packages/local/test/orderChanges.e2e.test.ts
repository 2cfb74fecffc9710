// The orders table's change stream in a running shop: real orders through the pipeline make one
// change per status change, in order, delivered to the OrderChanges function; a record the
// consumer can never handle ends in the on-failure destination (the local SQS DLQ); and a write
// answered just before the shop is killed (-9) still has its record after a restart.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { ReceiveMessageCommand, SQSClient } from "@aws-sdk/client-sqs";
import { DynamoDBDocumentClient, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { orderChangeFromStreamRecord } from "@pizza-orders/core/changes/orderChange";
import type { DynamoDBRecord } from "aws-lambda";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { localClientConfig } from "../src/aws/localClientConfig";
import type { StreamBatchFailure } from "../src/dynamo/streamEventSourceMapping";
import type { LocalShop } from "../src/localShop";
import type { PipelineReport } from "../src/pipelineReport";
import { graphql } from "./support/graphqlClient";
import { hasLeftThePipeline } from "./support/shopInspection";
import { type ShopProcess, startShopProcess } from "./support/shopProcess";
import { startTestShop, stopTestShop, TEST_API_KEY, waitForOrdersToFinish } from "./support/testShop";
import { waitFor } from "./support/waitFor";

const ORDER = { name: "Margherita", quantity: 1, restaurantId: "Luigis" };

let shop: LocalShop;

beforeAll(async () => {
  shop = await startTestShop();
});
afterAll(() => stopTestShop(shop));

/** The guest secret of each order placed here: a guest reads its order with it. */
const guestSecrets = new Map<string, string>();

async function placeOrder(graphqlUrl: string, input: Record<string, unknown>): Promise<string> {
  const result = await graphql<{ postOrder: { id: string; guestSecret: string } }>(
    graphqlUrl,
    `mutation Place($input: OrderInput!) { postOrder(input: $input) { id guestSecret } }`,
    { input },
    TEST_API_KEY,
  );
  expect(result.body.errors).toBeUndefined();
  guestSecrets.set(result.body.data!.postOrder.id, result.body.data!.postOrder.guestSecret);
  return result.body.data!.postOrder.id;
}

async function statusOf(id: string): Promise<string | undefined> {
  const result = await graphql<{ order: { orderStatus: string } | null }>(
    shop.graphqlUrl,
    `query Read($id: String!, $guestSecret: String) { order(id: $id, guestSecret: $guestSecret) { orderStatus } }`,
    { id, guestSecret: guestSecrets.get(id) },
    TEST_API_KEY,
  );
  return result.body.data?.order?.orderStatus;
}

const recordsOf = (records: readonly DynamoDBRecord[], orderId: string) => records.filter((record) => record.dynamodb?.Keys?.orderId?.S === orderId);
const caughtUp = () =>
  waitFor(
    () => shop.changeFeed.stats(),
    (stats) => stats.lag === 0,
    "the order-changes consumer to catch up",
  );

describe("order changes in a running shop", () => {
  it("a paid and a declined order: one change per status change, in order, all delivered to the consumer", async () => {
    const paid = await placeOrder(shop.graphqlUrl, { ...ORDER, paymentToken: "tok_visa" });
    const declined = await placeOrder(shop.graphqlUrl, { ...ORDER, paymentToken: "tok_chargeDeclined" });
    await waitForOrdersToFinish(shop, [paid, declined], statusOf);
    const stats = await caughtUp();

    const changesOf = (id: string) =>
      recordsOf(shop.changeFeed.records(), id)
        .map(orderChangeFromStreamRecord)
        .filter((change) => change !== undefined)
        .map((change) => `${change.changeId} ${change.status}`);
    expect(changesOf(paid)).toEqual([`${paid}#0 QUEUED`, `${paid}#1 PENDING_PAYMENT`, `${paid}#2 RECEIVED`]);
    expect(changesOf(declined)).toEqual([`${declined}#0 QUEUED`, `${declined}#1 PENDING_PAYMENT`, `${declined}#2 PAYMENT_FAILED`]);
    // Every record reached the consumer and the checkpoint is at the end of the stream.
    expect(stats.checkpoint).toBe(shop.changeFeed.records().at(-1)!.dynamodb!.SequenceNumber);
    expect(stats.consumer).toMatchObject({ failedInvocations: 0, partialFailures: 0, recordsSentToDestination: 0 });

    const response = await fetch(`${shop.apiUrl}/pipeline`, { headers: { "x-api-key": shop.apiKey } });
    const report = (await response.json()) as PipelineReport;
    expect(report.orderChanges).toMatchObject({ streamArn: shop.changeFeed.journal.streamArn, lag: 0, deadLetterQueueDepth: 0 });
    expect(report.orderChanges.records).toBe(shop.changeFeed.records().length);
  });

  it("a record the consumer can never handle goes to the order-changes DLQ with its batch info; later changes still arrive", async () => {
    const id = await placeOrder(shop.graphqlUrl, { ...ORDER, paymentToken: "tok_visa" });
    await waitFor(() => statusOf(id), hasLeftThePipeline, `order ${id} to finish`);
    await caughtUp();
    // A status written without its history entry (no code of the shop does this): the consumer refuses the record.
    const documents = DynamoDBDocumentClient.from(new DynamoDBClient(localClientConfig(shop.endpoints.dynamodb)));
    const item = recordsOf(shop.changeFeed.records(), id)[0].dynamodb!.Keys!;
    const key = Object.fromEntries(Object.entries(item).map(([name, value]) => [name, value.S]));
    await documents.send(
      new UpdateCommand({
        TableName: shop.environment.ORDERS_TABLE_NAME,
        Key: key,
        UpdateExpression: "SET orderStatus = :s",
        ExpressionAttributeValues: { ":s": "CANCELLED" },
      }),
    );
    documents.destroy();
    const poisoned = shop.changeFeed.records().at(-1)!;
    const after = await placeOrder(shop.graphqlUrl, ORDER);

    const sqs = new SQSClient(localClientConfig(shop.endpoints.sqs));
    const { Messages } = await waitFor(
      () => sqs.send(new ReceiveMessageCommand({ QueueUrl: shop.orderChangesDeadLetterQueue.url, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 })),
      (answer) => (answer.Messages?.length ?? 0) > 0,
      "the failed batch in the order-changes DLQ",
      30_000,
    );
    sqs.destroy();
    expect(Messages).toHaveLength(1);
    const failure = JSON.parse(Messages![0].Body!) as StreamBatchFailure;
    expect(failure).toMatchObject({
      requestContext: { condition: "RetryAttemptsExhausted", functionArn: shop.functions.orderChangesConsumer.arn },
      DDBStreamBatchInfo: {
        startSequenceNumber: poisoned.dynamodb!.SequenceNumber,
        endSequenceNumber: poisoned.dynamodb!.SequenceNumber,
        batchSize: 1,
        streamArn: shop.changeFeed.journal.streamArn,
      },
    });
    await caughtUp();
    expect(recordsOf(shop.changeFeed.records(), after).length).toBeGreaterThan(0);
    expect(shop.changeFeed.stats().consumer!.recordsSentToDestination).toBe(1);
  });
});

describe("a shop killed right after a write", () => {
  let child: ShopProcess | undefined;
  let dataDir: string;
  let restarted: LocalShop | undefined;

  afterAll(async () => {
    await child?.kill9();
    await restarted?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("keeps the record of an answered write: after kill -9 and a restart it is in the stream once and delivered", async () => {
    dataDir = mkdtempSync(join(tmpdir(), "pizza-orders-killed-"));
    child = await startShopProcess(dataDir, { apiKey: TEST_API_KEY, env: { POWERTOOLS_LOG_LEVEL: "SILENT" } });

    // A real writer: postOrder's Put is answered, then the whole shop dies at once.
    const id = await placeOrder(child.running.graphqlUrl, ORDER);
    await child.kill9();
    child = undefined;

    restarted = await startTestShop({ dataDir });
    const inserts = recordsOf(restarted.changeFeed.records(), id).filter((record) => record.eventName === "INSERT");
    expect(inserts).toHaveLength(1);
    expect(orderChangeFromStreamRecord(inserts[0])).toMatchObject({ changeId: `${id}#0`, status: "QUEUED" });
    await waitFor(
      () => restarted!.changeFeed.stats(),
      (stats) => stats.lag === 0,
      "the restarted shop's consumer to catch up",
    );
    expect(restarted.changeFeed.stats().consumer!.failedInvocations).toBe(0);
  });
});

// Starts a local shop for a test: free ports, a fresh temporary data folder, a queue visibility
// timeout in the deployed proportion to the consumer's run time, and no console output.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DynamoDBClient, ScanCommand } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, GetCommand } from "@aws-sdk/lib-dynamodb";
import { localClientConfig } from "../../src/aws/localClientConfig";
import { type LocalShop, startLocalShop } from "../../src/localShop";
import { type LocalShopSettings, localShopSettingsFromEnv } from "../../src/localShopSettings";
import { hasLeftThePipeline } from "./shopInspection";
import { waitFor } from "./waitFor";

export const TEST_API_KEY = "test-api-key";

/**
 * The deployed queue's visibility timeout is 6 × the consumer's time (AWS's guidance; see
 * stacks/OrdersQueue.ts), so a batch still running is not handed to a second poller. A test shop
 * keeps that proportion to the consumer's real run time here, which on a loaded machine (load
 * average ~15 on 2 cores, the whole suite running) is about 0.8 s per batch at the median and
 * 3 s at the 90th percentile. With 1 s, batches outlived their visibility, every receive got a new
 * receipt handle so the finished batch's delete was ignored (as in SQS), and after four receives
 * the queue dead-lettered messages of orders that had been processed. Poison messages still reach
 * the dead-letter queue within ~4 × this. Shops in child processes (shopProcess.ts) use it too.
 */
export const TEST_QUEUE_VISIBILITY_SECONDS = 6;

/**
 * The shop's own defaults (from an empty environment, so the developer's LOCAL_* variables do not
 * leak in), adjusted for a test. Function logs are dropped unless `functionLog` collects them.
 */
export function startTestShop(overrides: Partial<LocalShopSettings> = {}): Promise<LocalShop> {
  return startLocalShop({
    ...localShopSettingsFromEnv({}),
    dataDir: mkdtempSync(join(tmpdir(), "pizza-orders-local-")),
    apiPort: 0,
    cognitoPort: 0,
    apiKey: TEST_API_KEY,
    queueVisibilitySeconds: TEST_QUEUE_VISIBILITY_SECONDS,
    log: () => {},
    functionLog: () => {},
    ...overrides,
  });
}

/**
 * Starts the shop again on the same data folder and the same ports (handler modules a test
 * imported in this process keep SDK clients bound to those endpoints).
 */
export function restartTestShop(previous: LocalShop): Promise<LocalShop> {
  const portOf = (url: string) => Number(new URL(url).port);
  return startLocalShop({
    ...previous.settings,
    apiPort: portOf(previous.apiUrl),
    dynamoPort: portOf(previous.endpoints.dynamodb),
    sqsPort: portOf(previous.endpoints.sqs),
    sfnPort: portOf(previous.endpoints.stepfunctions),
    snsPort: portOf(previous.endpoints.sns),
    cognitoPort: portOf(previous.endpoints.cognito),
  });
}

/**
 * Waits until the pipeline is done with each order (paid: RECEIVED by its kitchen) (read with the test's own `statusOf`) and no
 * execution runs any more: an order's last write (its notification) may follow its terminal status.
 */
export async function waitForOrdersToFinish(shop: LocalShop, orderIds: readonly string[], statusOf: (orderId: string) => Promise<string | undefined>): Promise<void> {
  for (const orderId of orderIds) await waitFor(() => statusOf(orderId), hasLeftThePipeline, `order ${orderId} to finish`);
  await waitFor(
    () => shop.pipeline(),
    (report) => report.executions.running === 0,
    "the workflow executions to end",
  );
}

function removeDataDir(shop: LocalShop): void {
  rmSync(shop.settings.dataDir, { recursive: true, force: true });
}

/** For afterAll: stops the shop (if it started) and deletes its temporary data folder. */
export async function stopTestShop(shop: LocalShop | undefined): Promise<void> {
  if (!shop) return;
  await shop.stop();
  removeDataDir(shop);
}

/**
 * How many orders the shop's table holds, read straight from DynamoDB: items without a recordType
 * (checkout attempts, restaurant settings and order-number counters are not orders; tableDesign.ts).
 */
export async function storedOrderCount(shop: LocalShop): Promise<number> {
  const dynamo = new DynamoDBClient(localClientConfig(shop.endpoints.dynamodb));
  try {
    const { Count } = await dynamo.send(
      new ScanCommand({ TableName: shop.environment.ORDERS_TABLE_NAME, Select: "COUNT", FilterExpression: "attribute_not_exists(recordType)" }),
    );
    if (Count === undefined) throw new Error("the Scan answered without a Count");
    return Count;
  } finally {
    dynamo.destroy();
  }
}

/** One order's stored record (everything the table holds, internal fields included), read straight from DynamoDB. */
export async function storedOrder(shop: LocalShop, orderId: string): Promise<Record<string, unknown> | undefined> {
  const dynamo = new DynamoDBClient(localClientConfig(shop.endpoints.dynamodb));
  try {
    const { Item } = await DynamoDBDocumentClient.from(dynamo).send(new GetCommand({ TableName: shop.environment.ORDERS_TABLE_NAME, Key: { orderId }, ConsistentRead: true }));
    return Item;
  } finally {
    dynamo.destroy();
  }
}

// The embedded DynamoDB's own ceiling, measured against a fresh dynalite in its own process:
// raw PutItem / UpdateItem / GetItem rates, and the same order DynamoDB work the pipeline does
// (counted command by command), run back to back with no queue, workflow or API around it.

import { fileURLToPath } from "node:url";
import { CreateTableCommand, GetItemCommand, PutItemCommand, UpdateItemCommand, waitUntilTableExists } from "@aws-sdk/client-dynamodb";
import { marshall, unmarshall } from "@aws-sdk/util-dynamodb";
import { OrderStatus } from "@pizza-orders/core/order/rules";
import { ordersTableCreateInput } from "@pizza-orders/core/order/tableDesign";
import { startChild } from "../childProcess";
import { type ClosedLoopResult, runClosedLoop } from "../load";
import { median } from "../stats";
import { CommandCounter, countingDynamoClient } from "./countingClients";
import { dynamoItemSizeBytes } from "./itemSize";
import { ORDER_STEPS, type OrderStep, orderDynamoWork, PAYMENT_PATH_STEPS } from "./orderDynamoWork";

const TABLE = "bench-orders";
const WRITE_COMMANDS = new Set(["PutItemCommand", "UpdateItemCommand", "DeleteItemCommand"]);
const READ_COMMANDS = new Set(["GetItemCommand", "QueryCommand", "ScanCommand"]);

export interface RateFigure {
  concurrency: number;
  perSecond: number;
  operations: number;
  errors: number;
  p50Ms: number;
}

export interface DynamoLimitResult {
  storage: string;
  /** Commands of the payment path (postOrder and the workflow's tasks): what the pipeline runs per order. */
  commandsPerOrder: Record<string, number>;
  /** Commands of the kitchen's stages (every advanceOrder of one order, pickup). */
  kitchenCommandsPerOrder: Record<string, number>;
  /** advanceOrder calls per order: the kitchen stages after RECEIVED. */
  kitchenStageMoves: number;
  /** Commands each call of a step sends (the handler it stands for makes the same calls). */
  commandsPerStep: Record<OrderStep, Record<string, number>>;
  /** Median ms of each step, one order at a time (DynamoDB real, queue/topic answered locally). */
  stepMedianMs: Record<OrderStep, number>;
  /** Median ms of one strongly consistent GetItem, one at a time: the tracker's read. */
  getItemMedianMs: number;
  writesPerOrder: number;
  readsPerOrder: number;
  /** The order's item when its payment path ends (RECEIVED): what the pipeline's writes carry. */
  orderItemBytes: number;
  /** The item once the kitchen completed it (its history grown by the kitchen's stages). */
  completedItemBytes?: number;
  rates: { putItem: RateFigure[]; updateItem: RateFigure[]; getItem: RateFigure[] };
  /** Orders/s the raw rates allow for the payment path's counted writes + reads per order (best concurrency). */
  ordersPerSecondFromRawRates: number;
  /** The order's own DynamoDB work (core use cases, payment path and kitchen), many orders in flight. */
  orderWorkRate: RateFigure;
}

function figure(concurrency: number, result: ClosedLoopResult): RateFigure {
  if (result.operations === 0) throw new Error(`no operation succeeded: ${result.firstError}`);
  return { concurrency, perSecond: result.perSecond, operations: result.operations, errors: result.errors, p50Ms: median(result.latenciesMs) };
}

export async function measureDynamoLimit(options: {
  storagePath?: string;
  secondsPerRate: number;
  concurrencies: number[];
  sequentialOrders: number;
}): Promise<DynamoLimitResult> {
  const dynalite = await startChild<{ endpoint: string }>(fileURLToPath(new URL("./dynaliteProcess.ts", import.meta.url)), {
    label: "dynalite",
    args: options.storagePath ? ["--path", options.storagePath] : [],
  });
  try {
    const endpoint = dynalite.ready.endpoint;
    const { client } = countingDynamoClient(endpoint);
    await client.send(new CreateTableCommand(ordersTableCreateInput(TABLE)));
    await waitUntilTableExists({ client, maxWaitTime: 10, minDelay: 1, maxDelay: 1 }, { TableName: TABLE });

    const counter = new CommandCounter();
    const counted = orderDynamoWork(endpoint, TABLE, counter);
    await counted.runOne(); // warm-up: first-use costs (SDK, LevelDB) are not part of the count
    counter.reset();
    const stepTotals = {} as Record<OrderStep, Record<string, number>>;
    const stepCalls = {} as Record<OrderStep, number>;
    let before: Record<string, number> = {};
    let orderItemBytes = Number.NaN;
    // Read with the uncounted client: the size is the bench's question, not a command of the order's.
    const readItemSize = async (key: { orderId: string }) => {
      const { Item } = await client.send(new GetItemCommand({ TableName: TABLE, Key: marshall(key) }));
      if (!Item) throw new Error("the bench order is not in the table");
      return dynamoItemSizeBytes(unmarshall(Item));
    };
    const countedOrder = await counted.runOne(
      (step) => {
        const now = counter.snapshot();
        stepTotals[step] ??= {};
        const total = stepTotals[step];
        for (const [name, count] of Object.entries(now)) {
          const sent = count - (before[name] ?? 0);
          if (sent > 0) total[name] = (total[name] ?? 0) + sent;
        }
        stepCalls[step] = (stepCalls[step] ?? 0) + 1;
        before = now;
      },
      async (key) => {
        orderItemBytes = await readItemSize(key);
      },
    );
    const commandsPerStep = Object.fromEntries(
      Object.entries(stepTotals).map(([step, total]) => [
        step,
        Object.fromEntries(Object.entries(total).map(([name, count]) => [name, count / stepCalls[step as OrderStep]])),
      ]),
    ) as Record<OrderStep, Record<string, number>>;
    const commandsPerOrder = addCounts(PAYMENT_PATH_STEPS.map((step) => stepTotals[step] ?? {}));
    const kitchenCommandsPerOrder = addCounts(ORDER_STEPS.filter(({ step }) => !PAYMENT_PATH_STEPS.includes(step)).map(({ step }) => stepTotals[step] ?? {}));
    const stepSamples = Object.fromEntries(ORDER_STEPS.map(({ step }) => [step, [] as number[]])) as Record<OrderStep, number[]>;
    for (let index = 0; index < options.sequentialOrders; index++) await counted.runOne((step, ms) => stepSamples[step].push(ms));
    const stepMedianMs = Object.fromEntries(ORDER_STEPS.map(({ step }) => [step, median(stepSamples[step])])) as Record<OrderStep, number>;
    const writesPerOrder = sum(commandsPerOrder, WRITE_COMMANDS);
    const readsPerOrder = sum(commandsPerOrder, READ_COMMANDS);
    const { Item: storedItem } = await client.send(new GetItemCommand({ TableName: TABLE, Key: marshall(countedOrder) }));
    if (!storedItem) throw new Error("the completed bench order is not in the table");
    const orderItem = unmarshall(storedItem);
    const completedItemBytes = dynamoItemSizeBytes(orderItem);

    const duration = options.secondsPerRate * 1000;
    const putItem: RateFigure[] = [];
    const updateItem: RateFigure[] = [];
    const getItem: RateFigure[] = [];
    for (const concurrency of options.concurrencies) {
      const prefix = `raw-c${concurrency}-`;
      putItem.push(
        figure(
          concurrency,
          await runClosedLoop(concurrency, duration, (index) =>
            client.send(
              new PutItemCommand({
                TableName: TABLE,
                Item: marshall({ ...orderItem, customerId: "raw", historyCustomerId: "raw", orderId: `${prefix}${index}` }),
                ConditionExpression: "attribute_not_exists(orderId)",
              }),
            ),
          ),
        ),
      );
      const written = putItem.at(-1)!.operations;
      updateItem.push(
        figure(
          concurrency,
          await runClosedLoop(concurrency, duration, (index) =>
            client.send(
              new UpdateItemCommand({
                TableName: TABLE,
                Key: marshall({ orderId: `${prefix}${index % written}` }),
                UpdateExpression: "SET updatedAt = :at, statusHistory = list_append(if_not_exists(statusHistory, :empty), :entry)",
                ConditionExpression: "attribute_exists(orderId)",
                ExpressionAttributeValues: marshall({
                  ":at": new Date().toISOString(),
                  ":empty": [],
                  ":entry": [{ status: OrderStatus.PendingPayment, at: "x" }],
                }),
                ReturnValues: "ALL_NEW",
              }),
            ),
          ),
        ),
      );
      getItem.push(
        figure(
          concurrency,
          await runClosedLoop(concurrency, duration, (index) =>
            client.send(new GetItemCommand({ TableName: TABLE, Key: marshall({ orderId: `${prefix}${index % written}` }), ConsistentRead: true })),
          ),
        ),
      );
    }
    const best = (rates: RateFigure[]) => Math.max(...rates.map((rate) => rate.perSecond));
    const secondsPerOrder =
      (commandsPerOrder.PutItemCommand ?? 0) / best(putItem) +
      ((commandsPerOrder.UpdateItemCommand ?? 0) + (commandsPerOrder.DeleteItemCommand ?? 0)) / best(updateItem) +
      readsPerOrder / best(getItem);

    const work = orderDynamoWork(endpoint, TABLE);
    const workConcurrency = Math.max(...options.concurrencies);
    const orderWorkRate = figure(workConcurrency, await runClosedLoop(workConcurrency, duration, () => work.runOne()));

    return {
      storage: options.storagePath ? "LevelDB on disk" : "in memory",
      commandsPerOrder,
      kitchenCommandsPerOrder,
      kitchenStageMoves: stepCalls.advanceOrder ?? 0,
      commandsPerStep,
      stepMedianMs,
      getItemMedianMs: getItem.find((rate) => rate.concurrency === 1)?.p50Ms ?? getItem[0]!.p50Ms,
      writesPerOrder,
      readsPerOrder,
      orderItemBytes,
      completedItemBytes,
      rates: { putItem, updateItem, getItem },
      ordersPerSecondFromRawRates: 1 / secondsPerOrder,
      orderWorkRate,
    };
  } finally {
    await dynalite.stop();
  }
}

/** Commands in `counts` that are not DynamoDB's (queue sends, topic publishes). */
export function otherAwsCalls(counts: Record<string, number>): number {
  return Object.entries(counts).reduce((total, [name, count]) => total + (WRITE_COMMANDS.has(name) || READ_COMMANDS.has(name) ? 0 : count), 0);
}

function addCounts(counts: ReadonlyArray<Record<string, number>>): Record<string, number> {
  const total: Record<string, number> = {};
  for (const each of counts) for (const [name, count] of Object.entries(each)) total[name] = (total[name] ?? 0) + count;
  return total;
}

function sum(counts: Record<string, number>, names: Set<string>): number {
  return Object.entries(counts).reduce((total, [name, count]) => total + (names.has(name) ? count : 0), 0);
}

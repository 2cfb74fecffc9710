// Reads a running shop's state from outside, through the emulators' own APIs and the data folder:
// the crash tests' one way to look at orders, executions, e-mails and the pipeline. Orders are read
// with a Scan, which needs no knowledge of the table's key (the key design may change; this does not).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { type ExecutionListItem, ListExecutionsCommand, SFNClient } from "@aws-sdk/client-sfn";
import { DynamoDBDocumentClient, QueryCommand, ScanCommand } from "@aws-sdk/lib-dynamodb";
import { IN_FLIGHT } from "@pizza-orders/core/order/deadlines";
import { isPastPaymentPath, OrderStatus } from "@pizza-orders/core/order/rules";
import { IN_FLIGHT_INDEX } from "@pizza-orders/core/order/tableDesign";
import { localClientConfig } from "../../src/aws/localClientConfig";
import { ORDER_WORKFLOW_NAME, ORDERS_TABLE_NAME, stateMachineArn } from "../../src/aws/localResources";
import type { RunningShop } from "../../src/shopState";
import type { OutboxEntry } from "../../src/sns/notificationOutbox";

/** Where the payment pipeline leaves an order: paid and with its kitchen, declined, or cancelled unpaid. */
export const PIPELINE_END_STATUSES: readonly string[] = [OrderStatus.Received, OrderStatus.PaymentFailed, OrderStatus.Cancelled];

/** Whether the pipeline is done with an order whose status was read from the table or the API (the kitchen may still have it). */
export function hasLeftThePipeline(status: string | undefined): boolean {
  return status !== undefined && isPastPaymentPath(status as OrderStatus);
}

/** An order as the table stores it (the fields the crash tests look at). */
export interface StoredOrder {
  orderId: string;
  orderStatus: string;
  totalCents: number;
  customerEmail?: string;
  failureReason?: string;
  statusHistory: Array<{ status: string; at: string }>;
  payment?: { outcome: string; amountCents: number; reference: string };
  inFlight?: string;
  deadlineAt?: string;
  notificationDue?: boolean;
  notificationSentAt?: string;
}

export async function storedOrders(shop: RunningShop): Promise<StoredOrder[]> {
  const db = DynamoDBDocumentClient.from(new DynamoDBClient(localClientConfig(shop.endpoints.dynamodb)));
  try {
    const items: StoredOrder[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await db.send(new ScanCommand({ TableName: ORDERS_TABLE_NAME, ExclusiveStartKey: startKey, ConsistentRead: true }));
      // The table also keeps postOrder's client-token reservations (checkoutAttempt.ts): not orders.
      items.push(...((page.Items ?? []).filter((item) => item.recordType === undefined) as StoredOrder[]));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return items;
  } finally {
    db.destroy();
  }
}

/** What the reconciler's Query sees: every entry of the in-flight index (order ids and deadlines). */
export async function inFlightIndexEntries(shop: RunningShop): Promise<Array<{ orderId: string; deadlineAt: string }>> {
  const db = DynamoDBDocumentClient.from(new DynamoDBClient(localClientConfig(shop.endpoints.dynamodb)));
  try {
    const entries: Array<{ orderId: string; deadlineAt: string }> = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await db.send(
        new QueryCommand({
          TableName: ORDERS_TABLE_NAME,
          IndexName: IN_FLIGHT_INDEX.indexName,
          KeyConditionExpression: "#partition = :inFlight",
          ExpressionAttributeNames: { "#partition": IN_FLIGHT_INDEX.partitionKey.name },
          ExpressionAttributeValues: { ":inFlight": IN_FLIGHT },
          ExclusiveStartKey: startKey,
        }),
      );
      entries.push(...(page.Items ?? []).map((item) => ({ orderId: String(item.orderId), deadlineAt: String(item.deadlineAt) })));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return entries;
  } finally {
    db.destroy();
  }
}

export async function executions(shop: RunningShop): Promise<ExecutionListItem[]> {
  const sfn = new SFNClient(localClientConfig(shop.endpoints.stepfunctions));
  try {
    const all: ExecutionListItem[] = [];
    let nextToken: string | undefined;
    do {
      const page = await sfn.send(new ListExecutionsCommand({ stateMachineArn: stateMachineArn(ORDER_WORKFLOW_NAME), nextToken, maxResults: 1000 }));
      all.push(...(page.executions ?? []));
      nextToken = page.nextToken;
    } while (nextToken);
    return all;
  } finally {
    sfn.destroy();
  }
}

/** Every message the notifications topic "e-mailed", in the order it accepted them (outbox.jsonl). */
export function outboxEntries(dataDir: string): OutboxEntry[] {
  let text: string;
  try {
    text = readFileSync(join(dataDir, "outbox.jsonl"), "utf8");
  } catch {
    return [];
  }
  // A line being appended while the shop runs (or cut by a kill) is not a message yet.
  return text
    .split("\n")
    .filter(Boolean)
    .flatMap((line) => {
      try {
        return [JSON.parse(line) as OutboxEntry];
      } catch {
        return [];
      }
    });
}

export function outboxOrderIds(dataDir: string): string[] {
  return outboxEntries(dataDir).map((entry) => entry.messageAttributes.orderId!.value);
}

export interface PipelineView {
  queue: { visible: number; inFlight: number; delayed: number };
  executions: { running: number; failed: number };
  deadLetterQueue: { depth: number; messages: Array<{ messageId: string; body: string; receiveCount: number }> };
}

export async function pipelineView(shop: RunningShop, apiKey: string): Promise<PipelineView> {
  return (await (await fetch(`${shop.apiUrl}/pipeline`, { headers: { "x-api-key": apiKey } })).json()) as PipelineView;
}

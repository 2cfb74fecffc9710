// Finds overdue orders: one Query on the sparse in-flight index (tableDesign.ts), oldest
// deadline first, never a Scan. The index is eventually consistent; the reconciler re-reads each
// order consistently before it acts, and every write it makes is conditional.
import { QueryCommand, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { IN_FLIGHT } from "../order/deadlines";
import type { OrderKey } from "../order/order";
import { IN_FLIGHT_INDEX } from "../order/tableDesign";

export interface OverduePage {
  keys: OrderKey[];
  /** Where the next page starts; undefined when this was the last. */
  next?: Record<string, unknown>;
}

export class OverdueOrders {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** Orders whose deadline is at or before `now`, oldest deadline first. */
  async page(now: string, limit: number, startAt?: Record<string, unknown>): Promise<OverduePage> {
    const { partitionKey, sortKey } = IN_FLIGHT_INDEX;
    const result = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: IN_FLIGHT_INDEX.indexName,
        KeyConditionExpression: "#partition = :inFlight AND #deadline <= :now",
        ExpressionAttributeNames: { "#partition": partitionKey.name, "#deadline": sortKey.name },
        ExpressionAttributeValues: { ":inFlight": IN_FLIGHT, ":now": now },
        Limit: limit,
        ExclusiveStartKey: startAt,
      }),
    );
    return {
      // The index projects the table's key attributes (KEYS_ONLY), which is what an order key is.
      keys: (result.Items ?? []).map((item) => ({ orderId: String(item.orderId) })),
      next: result.LastEvaluatedKey,
    };
  }
}

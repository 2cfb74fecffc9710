// The orders table's key design, shared by the stack (cloud) and the local runtime (dynalite).
//
// Partition key = order id alone: guests (id + secret), staff and claims all reach an order by
// its id, whoever owns it. Order ids are ULIDs (time-sortable).
//
// Global secondary indexes (a list, so further access patterns add an entry here):
// - byCustomer: partition = historyCustomerId, sort = orderId → "my orders, newest first" is a
//   Query with ScanIndexForward=false (never a Scan). The index is sparse: only orders that are in
//   a customer's history carry historyCustomerId. A guest order enters it when it is claimed; a
//   finished order leaves it when its customer removes it from their history (deleteOrder), while
//   the record itself (with its owner in customerId) stays in the table.
export const ORDERS_TABLE_KEYS = {
  partitionKey: { name: "orderId", type: "S" },
} as const;

export interface OrdersTableIndex {
  indexName: string;
  partitionKey: { name: string; type: "S" | "N" | "B" };
  sortKey?: { name: string; type: "S" | "N" | "B" };
  /** Every attribute is projected: a listing needs the whole order, and a second read per item would cost more. */
  projection: "ALL";
}

export const ORDERS_BY_CUSTOMER_INDEX = {
  indexName: "byCustomer",
  partitionKey: { name: "historyCustomerId", type: "S" },
  sortKey: { name: "orderId", type: "S" },
  projection: "ALL",
} as const satisfies OrdersTableIndex;

export const ORDERS_TABLE_INDEXES: readonly OrdersTableIndex[] = [ORDERS_BY_CUSTOMER_INDEX];

/** Every attribute a key of the table or of an index uses, once each. */
function keyAttributes(): Array<{ AttributeName: string; AttributeType: "S" | "N" | "B" }> {
  const keys = [ORDERS_TABLE_KEYS.partitionKey, ...ORDERS_TABLE_INDEXES.flatMap((index) => [index.partitionKey, ...(index.sortKey ? [index.sortKey] : [])])];
  const byName = new Map(keys.map((key) => [key.name, key.type]));
  return [...byName].map(([AttributeName, AttributeType]) => ({ AttributeName, AttributeType }));
}

/** CreateTable input for the orders table: what the local runtime and tests create in dynalite. */
export function ordersTableCreateInput(tableName: string) {
  return {
    TableName: tableName,
    BillingMode: "PAY_PER_REQUEST" as const,
    AttributeDefinitions: keyAttributes(),
    KeySchema: [{ AttributeName: ORDERS_TABLE_KEYS.partitionKey.name, KeyType: "HASH" as const }],
    GlobalSecondaryIndexes: ORDERS_TABLE_INDEXES.map((index) => ({
      IndexName: index.indexName,
      KeySchema: [
        { AttributeName: index.partitionKey.name, KeyType: "HASH" as const },
        ...(index.sortKey ? [{ AttributeName: index.sortKey.name, KeyType: "RANGE" as const }] : []),
      ],
      Projection: { ProjectionType: index.projection },
    })),
  };
}

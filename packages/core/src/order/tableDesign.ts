// The orders table's key design, shared by the stack (cloud) and the local runtime (dynalite).
// Partition = customer, sort = order id. Order ids are ULIDs, which sort by creation time, so
// "this customer's orders, newest first" is a Query with ScanIndexForward=false and "order by id"
// is a GetItem on (customerId, orderId). No Scan; the one index (below) serves the deadline reconciler.
export const ORDERS_TABLE_KEYS = {
  partitionKey: { name: "customerId", type: "S" },
  sortKey: { name: "orderId", type: "S" },
} as const;

/** CreateTable input for the orders table: what the local runtime and tests create in dynalite. */
export function ordersTableCreateInput(tableName: string) {
  const { partitionKey, sortKey } = ORDERS_TABLE_KEYS;
  const indexes = ordersTableIndexesCreateInput();
  return {
    TableName: tableName,
    BillingMode: "PAY_PER_REQUEST" as const,
    AttributeDefinitions: [
      { AttributeName: partitionKey.name, AttributeType: partitionKey.type },
      { AttributeName: sortKey.name, AttributeType: sortKey.type },
      ...indexes.AttributeDefinitions,
    ],
    GlobalSecondaryIndexes: indexes.GlobalSecondaryIndexes,
    KeySchema: [
      { AttributeName: partitionKey.name, KeyType: "HASH" as const },
      { AttributeName: sortKey.name, KeyType: "RANGE" as const },
    ],
  };
}

/**
 * The in-flight index: a sparse GSI holding only orders that wait for something (`inFlight` set,
 * removed when the order is finished and notified), sorted by `deadlineAt`. The deadline
 * reconciler finds overdue orders with one Query (`inFlight = IN_FLIGHT AND deadlineAt <= now`),
 * never a Scan. One partition value is enough while in-flight writes stay under a GSI partition's
 * 1,000 writes/s; beyond that the value would be sharded (IN_FLIGHT#0..n) and each shard queried.
 * Projection KEYS_ONLY: the reconciler re-reads each order consistently before it acts, so the
 * index needs only the table's key; and a write that changes no index key (the payment record,
 * a notification claim) then costs no index write.
 */
export const IN_FLIGHT_INDEX = {
  indexName: "inFlightByDeadline",
  partitionKey: { name: "inFlight", type: "S" },
  sortKey: { name: "deadlineAt", type: "S" },
} as const;

/** The table's global secondary indexes (the stack and the local table create the same ones). */
export const ORDERS_TABLE_INDEXES = [IN_FLIGHT_INDEX] as const;

/** CreateTable's GSI part, for the local runtime and tests. */
export function ordersTableIndexesCreateInput() {
  return {
    AttributeDefinitions: ORDERS_TABLE_INDEXES.flatMap((index) => [
      { AttributeName: index.partitionKey.name, AttributeType: index.partitionKey.type },
      { AttributeName: index.sortKey.name, AttributeType: index.sortKey.type },
    ]),
    GlobalSecondaryIndexes: ORDERS_TABLE_INDEXES.map((index) => ({
      IndexName: index.indexName,
      KeySchema: [
        { AttributeName: index.partitionKey.name, KeyType: "HASH" as const },
        { AttributeName: index.sortKey.name, KeyType: "RANGE" as const },
      ],
      Projection: { ProjectionType: "KEYS_ONLY" as const },
    })),
  };
}

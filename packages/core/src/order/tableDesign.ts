// The orders table's key design, shared by the stack (cloud) and the local runtime (dynalite).
// Partition = customer, sort = order id. Order ids are ULIDs, which sort by creation time, so
// "this customer's orders, newest first" is a Query with ScanIndexForward=false and "order by id"
// is a GetItem on (customerId, orderId). No index, no Scan.
export const ORDERS_TABLE_KEYS = {
  partitionKey: { name: "customerId", type: "S" },
  sortKey: { name: "orderId", type: "S" },
} as const;

/** CreateTable input for the orders table: what the local runtime and tests create in dynalite. */
export function ordersTableCreateInput(tableName: string) {
  const { partitionKey, sortKey } = ORDERS_TABLE_KEYS;
  return {
    TableName: tableName,
    BillingMode: "PAY_PER_REQUEST" as const,
    AttributeDefinitions: [
      { AttributeName: partitionKey.name, AttributeType: partitionKey.type },
      { AttributeName: sortKey.name, AttributeType: sortKey.type },
    ],
    KeySchema: [
      { AttributeName: partitionKey.name, KeyType: "HASH" as const },
      { AttributeName: sortKey.name, KeyType: "RANGE" as const },
    ],
  };
}

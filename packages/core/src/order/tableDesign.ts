// The orders table's key design, shared by the stack (cloud) and the local runtime (dynalite).
// Partition = customer, sort = order id. Order ids are ULIDs, which sort by creation time, so
// "this customer's orders, newest first" is a Query with ScanIndexForward=false and "order by id"
// is a GetItem on (customerId, orderId). No index, no Scan.
export const ORDERS_TABLE_KEYS = {
  partitionKey: { name: "customerId", type: "S" },
  sortKey: { name: "orderId", type: "S" },
} as const;

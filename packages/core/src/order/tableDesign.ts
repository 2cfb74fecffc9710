// The orders table's key design, shared by the stack (cloud) and the local runtime (dynalite).
//
// Partition key = order id alone: guests (id + secret), staff, claims and the workflow all reach
// an order by its id, whoever owns it. Order ids are ULIDs (time-sortable). No Scan anywhere.
//
// Global secondary indexes (a list: the stack and the local table create the same ones):
// - byCustomer: partition = historyCustomerId, sort = orderId → "my orders, newest first" is a
//   Query with ScanIndexForward=false. Sparse: only orders in a customer's history carry
//   historyCustomerId. A guest order enters it when it is claimed; a finished order leaves it when
//   its customer removes it from their history (deleteOrder), while the record stays in the table.
// - inFlightByDeadline: the deadline reconciler's (see IN_FLIGHT_INDEX).
//
// - kitchenByRestaurant: the kitchen's (see KITCHEN_INDEX).
//
// Besides orders, the table holds small records that are never orders, each with a `recordType`
// and a key no ULID can have ('#'), in no index: one per checkout attempt placed with a client
// token (postOrder's idempotency; checkoutAttempt.ts, `checkoutAttempt#<hash>`), one per
// restaurant's settings (`restaurant#<id>`) and one order-number counter per restaurant and day
// (`orderNumber#<id>#<date>`; kitchen/). OrderRepository.get and the change stream skip them.
export const ORDERS_TABLE_KEYS = {
  partitionKey: { name: "orderId", type: "S" },
} as const;

export interface OrdersTableIndex {
  indexName: string;
  partitionKey: { name: string; type: "S" | "N" | "B" };
  sortKey: { name: string; type: "S" | "N" | "B" };
  projection: "ALL" | "KEYS_ONLY";
}

/** A listing needs the whole order, and a second read per item would cost more: every attribute is projected. */
export const ORDERS_BY_CUSTOMER_INDEX = {
  indexName: "byCustomer",
  partitionKey: { name: "historyCustomerId", type: "S" },
  sortKey: { name: "orderId", type: "S" },
  projection: "ALL",
} as const satisfies OrdersTableIndex;

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
  projection: "KEYS_ONLY",
} as const satisfies OrdersTableIndex;

/**
 * The kitchen index: a sparse GSI holding a restaurant's orders from payment until they leave the
 * kitchen (`kitchenRestaurantId` set on the status write into RECEIVED, removed on the one into
 * COMPLETED or REFUNDED), sorted by order id (ULID: oldest first). The kitchen display, the pickup
 * board, the capacity check and the ETA's queue are one Query each (`kitchenRestaurantId = :id`),
 * never a Scan; per restaurant a partition, which stays small (at most the kitchen's capacity).
 * Projection ALL: the display shows every line, and a second read per order would cost more.
 */
export const KITCHEN_INDEX = {
  indexName: "kitchenByRestaurant",
  partitionKey: { name: "kitchenRestaurantId", type: "S" },
  sortKey: { name: "orderId", type: "S" },
  projection: "ALL",
} as const satisfies OrdersTableIndex;

export const ORDERS_TABLE_INDEXES: readonly OrdersTableIndex[] = [ORDERS_BY_CUSTOMER_INDEX, IN_FLIGHT_INDEX, KITCHEN_INDEX];

/** Every attribute a key of the table or of an index uses, once each. */
function keyAttributes(): Array<{ AttributeName: string; AttributeType: "S" | "N" | "B" }> {
  const keys = [ORDERS_TABLE_KEYS.partitionKey, ...ORDERS_TABLE_INDEXES.flatMap((index) => [index.partitionKey, index.sortKey])];
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
        { AttributeName: index.sortKey.name, KeyType: "RANGE" as const },
      ],
      Projection: { ProjectionType: index.projection },
    })),
  };
}

// The DynamoDB crash test's own table: a key and one sparse KEYS_ONLY index, shaped like the
// orders table's in-flight index (independent of the orders table's key design).
export const CRASH_TABLE = "crash-consistency";
export const CRASH_INDEX = "trackedByDeadline";
export const ITEMS = 200;

export function crashTableCreateInput() {
  return {
    TableName: CRASH_TABLE,
    BillingMode: "PAY_PER_REQUEST" as const,
    AttributeDefinitions: [
      { AttributeName: "id", AttributeType: "S" as const },
      { AttributeName: "tracked", AttributeType: "S" as const },
      { AttributeName: "deadline", AttributeType: "S" as const },
    ],
    KeySchema: [{ AttributeName: "id", KeyType: "HASH" as const }],
    GlobalSecondaryIndexes: [
      {
        IndexName: CRASH_INDEX,
        KeySchema: [
          { AttributeName: "tracked", KeyType: "HASH" as const },
          { AttributeName: "deadline", KeyType: "RANGE" as const },
        ],
        Projection: { ProjectionType: "KEYS_ONLY" as const },
      },
    ],
  };
}

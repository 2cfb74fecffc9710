// Creates the orders table from the same key design the stack uses, when it is missing. A table
// kept from an older key design (in the data folder) is refused with the way out, rather than
// failing later on every read.
import {
  CreateTableCommand,
  DescribeTableCommand,
  type DynamoDBClient,
  ResourceNotFoundException,
  type TableDescription,
  waitUntilTableExists,
} from "@aws-sdk/client-dynamodb";
import { ordersTableCreateInput } from "@pizza-orders/core/order/tableDesign";

function keyDesignOf(table: Pick<TableDescription, "KeySchema" | "GlobalSecondaryIndexes">): string {
  const keys = (schema: Array<{ AttributeName?: string; KeyType?: string }> | undefined) =>
    (schema ?? []).map((key) => `${key.AttributeName}:${key.KeyType}`).join(",");
  const indexes = (table.GlobalSecondaryIndexes ?? []).map((index) => `${index.IndexName}(${keys(index.KeySchema)})`).sort();
  return `${keys(table.KeySchema)} ${indexes.join(" ")}`;
}

export async function ensureOrdersTable(client: DynamoDBClient, tableName: string): Promise<void> {
  const wanted = ordersTableCreateInput(tableName);
  try {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    if (Table && keyDesignOf(Table) !== keyDesignOf(wanted)) {
      throw new Error(
        `The local orders table ${tableName} has an older key design (${keyDesignOf(Table)}); delete the local data with: pnpm --filter @pizza-orders/local reset`,
      );
    }
    return;
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException)) throw error;
  }
  await client.send(new CreateTableCommand(wanted));
  // dynalite runs with createTableMs=0, so the waiter's first DescribeTable normally finds it ACTIVE.
  await waitUntilTableExists({ client, maxWaitTime: 10, minDelay: 1, maxDelay: 1 }, { TableName: tableName });
}

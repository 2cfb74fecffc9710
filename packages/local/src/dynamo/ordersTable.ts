// Creates the orders table from the same key design the stack uses, when it is missing.
import { CreateTableCommand, DescribeTableCommand, type DynamoDBClient, ResourceNotFoundException, waitUntilTableExists } from "@aws-sdk/client-dynamodb";
import { ordersTableCreateInput } from "@pizza-orders/core/order/tableDesign";

export async function ensureOrdersTable(client: DynamoDBClient, tableName: string): Promise<void> {
  try {
    await client.send(new DescribeTableCommand({ TableName: tableName }));
    return;
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException)) throw error;
  }
  await client.send(new CreateTableCommand(ordersTableCreateInput(tableName)));
  // dynalite runs with createTableMs=0, so the waiter's first DescribeTable normally finds it ACTIVE.
  await waitUntilTableExists({ client, maxWaitTime: 10, minDelay: 1, maxDelay: 1 }, { TableName: tableName });
}

// A real DynamoDB-API server (dynalite, in memory) with the orders table, started the way the
// local runtime starts it (test-only import: the local runtime is the project's one way to run
// dynalite).
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { localClientConfig } from "../../../local/src/aws/localClientConfig";
import { startDynamoServer } from "../../../local/src/dynamo/dynamoServer";
import { ensureOrdersTable } from "../../../local/src/dynamo/ordersTable";
import { orderDocumentClient } from "../../src/aws/clients";

export interface DynaliteOrdersTable {
  tableName: string;
  documentClient: DynamoDBDocumentClient;
  close(): Promise<void>;
}

export async function startDynaliteOrdersTable(tableName = "orders"): Promise<DynaliteOrdersTable> {
  const server = await startDynamoServer({ port: 0 });
  const client = new DynamoDBClient(localClientConfig(server.url));
  await ensureOrdersTable(client, tableName);
  return {
    tableName,
    documentClient: orderDocumentClient(client),
    close: async () => {
      client.destroy();
      await server.close();
    },
  };
}

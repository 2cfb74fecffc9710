// A real DynamoDB-API server (dynalite, in memory) with the orders table as the stack defines it.
import type { AddressInfo } from "node:net";
import { CreateTableCommand, DynamoDBClient, waitUntilTableExists } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import dynalite from "dynalite";
import { ordersTableCreateInput } from "../../src/order/tableDesign";

export interface DynaliteOrdersTable {
  endpoint: string;
  tableName: string;
  documentClient: DynamoDBDocumentClient;
  close(): Promise<void>;
}

export async function startDynaliteOrdersTable(tableName = "orders"): Promise<DynaliteOrdersTable> {
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const client = new DynamoDBClient({
    endpoint,
    region: "us-east-1",
    credentials: { accessKeyId: "test", secretAccessKey: "test" },
  });
  await client.send(new CreateTableCommand(ordersTableCreateInput(tableName)));
  await waitUntilTableExists({ client, maxWaitTime: 10, minDelay: 1, maxDelay: 1 }, { TableName: tableName });
  return {
    endpoint,
    tableName,
    documentClient: DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

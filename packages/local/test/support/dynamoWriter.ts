// A child process for the DynamoDB crash test: dynalite on a data folder, and 20 writers that
// keep moving items in and out of a sparse index (as orders move in and out of the in-flight
// index) until the process is killed. Prints "ready" once writing.
import { CreateTableCommand, DescribeTableCommand, DynamoDBClient, ResourceNotFoundException } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { localClientConfig } from "../../src/aws/localClientConfig";
import { startDynamoServer } from "../../src/dynamo/dynamoServer";
import { CRASH_TABLE, crashTableCreateInput, ITEMS } from "./dynamoCrashTable";

const server = await startDynamoServer({ path: process.argv[2]!, port: 0 });
const client = new DynamoDBClient(localClientConfig(server.url));
const db = DynamoDBDocumentClient.from(client);
try {
  await client.send(new DescribeTableCommand({ TableName: CRASH_TABLE }));
} catch (error) {
  if (!(error instanceof ResourceNotFoundException)) throw error;
  await client.send(new CreateTableCommand(crashTableCreateInput()));
}
console.log("ready");
let n = 0;
await Promise.all(
  Array.from({ length: 20 }, async () => {
    for (;;) {
      const id = `item-${Math.floor(Math.random() * ITEMS)}`;
      const tracked = Math.random() < 0.6;
      await db.send(
        new UpdateCommand({
          TableName: CRASH_TABLE,
          Key: { id },
          UpdateExpression: tracked ? "SET tracked = :tracked, deadline = :deadline, n = :n" : "SET n = :n REMOVE tracked, deadline",
          ExpressionAttributeValues: tracked ? { ":tracked": "T", ":deadline": new Date(Date.now() + n * 7).toISOString(), ":n": ++n } : { ":n": ++n },
        }),
      );
    }
  }),
);

// A fresh dynalite alone in its process, started as the local shop starts its own (same server
// module): the limit the shop's embedded DynamoDB stands against. `--path <dir>` stores tables in
// LevelDB on disk (as the shop does); default in memory.
import { parseArgs } from "node:util";
import { startDynamoServer } from "@pizza-orders/local/dynamo/dynamoServer";
import { announceReady } from "../childProcess";

const { values } = parseArgs({ options: { path: { type: "string" } } });
const dynamo = await startDynamoServer({ path: values.path, port: 0 });
announceReady({ endpoint: dynamo.url });
process.on("SIGTERM", () => {
  void dynamo.close().finally(() => process.exit(0));
});

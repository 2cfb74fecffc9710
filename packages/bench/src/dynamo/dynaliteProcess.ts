// A fresh dynalite, alone in its process: the limit the local shop's embedded DynamoDB stands
// against. `--path <dir>` stores tables in LevelDB on disk (as the shop does); default in memory.
import type { AddressInfo } from "node:net";
import { parseArgs } from "node:util";
import dynalite from "dynalite";
import { announceReady } from "../childProcess";

const { values } = parseArgs({ options: { path: { type: "string" } } });
const server = dynalite({ path: values.path, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
server.listen(0, "127.0.0.1", () => {
  announceReady({ endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
});
process.on("SIGTERM", () => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
});

// DynamoDB: dynalite, a DynamoDB-API server in Node. With `path` it stores tables in LevelDB on
// disk, so orders survive a restart; closing the server closes LevelDB, which flushes it.
import type { Server } from "node:http";
import { createRequire } from "node:module";
import { listen, type RunningServer } from "../http/httpServer";

const require = createRequire(import.meta.url);
const dynalite = require("dynalite") as (options: { path?: string; createTableMs?: number; deleteTableMs?: number; updateTableMs?: number }) => Server;

export interface DynamoServerOptions {
  /** LevelDB folder; omitted = in memory. */
  path?: string;
  port: number;
  /** Interface to listen on; default loopback. */
  host?: string;
}

export async function startDynamoServer(options: DynamoServerOptions): Promise<RunningServer> {
  const server = dynalite({ path: options.path, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  const running = await listen(server, options.port, options.host);
  return {
    ...running,
    // dynalite's own close() stops the HTTP server and then closes LevelDB; keep-alive sockets
    // from SDK clients would hold it open, so they are dropped first.
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error?: Error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

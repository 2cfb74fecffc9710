// A dynalite server with a change-capturing proxy in front of it and a stream journal in a fresh
// folder: the local change feed without the rest of the shop.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CreateTableCommand, type CreateTableCommandInput, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { localClientConfig } from "../../src/aws/localClientConfig";
import { dynamoTableArn } from "../../src/aws/localResources";
import { startChangeCapturingProxy } from "../../src/dynamo/changeCapturingProxy";
import { startDynamoServer } from "../../src/dynamo/dynamoServer";
import { StreamJournal } from "../../src/dynamo/streamJournal";
import type { RunningServer } from "../../src/http/httpServer";

export interface StreamTable {
  dir: string;
  dynalite: RunningServer;
  proxy: RunningServer;
  journal: StreamJournal;
  /** A client of the proxy (what handlers use). */
  client: DynamoDBClient;
  /** A client of dynalite itself (bypassing the feed, to check what is stored). */
  direct: DynamoDBClient;
  stop(): Promise<void>;
}

export async function startStreamTable(tables: CreateTableCommandInput[], streamTable: string): Promise<StreamTable> {
  const dir = mkdtempSync(join(tmpdir(), "pizza-orders-stream-"));
  const dynalite = await startDynamoServer({ port: 0 });
  const direct = new DynamoDBClient(localClientConfig(dynalite.url));
  for (const table of tables) await direct.send(new CreateTableCommand(table));
  const journal = await StreamJournal.open(join(dir, "stream.jsonl"), dynamoTableArn(streamTable));
  const proxy = await startChangeCapturingProxy({ dynamoUrl: dynalite.url, streams: new Map([[streamTable, journal]]), port: 0 });
  const client = new DynamoDBClient(localClientConfig(proxy.url));
  return {
    dir,
    dynalite,
    proxy,
    journal,
    client,
    direct,
    async stop() {
      client.destroy();
      direct.destroy();
      await proxy.close();
      await journal.close();
      await dynalite.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

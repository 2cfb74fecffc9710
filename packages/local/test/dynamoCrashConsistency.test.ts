// The local DynamoDB keeps an item and its index entries together through kill -9, as DynamoDB's
// writes are atomic: writers keep moving items in and out of a sparse index (as orders move in and
// out of the in-flight index), the process is killed mid-write several times, and then every item
// is in the index exactly as it says (tracked ⇔ one entry with its deadline) and the index holds
// nothing else. Upstream dynalite writes the index entries and the item separately; a kill in
// between left an order that owed its notification outside the in-flight index, where the deadline
// reconciler never finds it (seen in crashBurst.e2e.test.ts). The patch in patches/ writes both in
// one LevelDB batch.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, QueryCommand, ScanCommand } from "@aws-sdk/lib-dynamodb";
import { afterEach, describe, expect, it } from "vitest";
import { localClientConfig } from "../src/aws/localClientConfig";
import { startDynamoServer } from "../src/dynamo/dynamoServer";
import { CRASH_INDEX, CRASH_TABLE } from "./support/dynamoCrashTable";

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";
const LOCAL_PACKAGE = fileURLToPath(new URL("..", import.meta.url));
const KILLS = 6;

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Starts the writers on `dataDir`, lets them write for a moment, then SIGKILLs them. */
async function writeThenKill(dataDir: string, writeMs: number): Promise<void> {
  const child = spawn(process.execPath, ["--import", "tsx", "test/support/dynamoWriter.ts", dataDir], {
    cwd: LOCAL_PACKAGE,
    stdio: ["ignore", "pipe", "inherit"],
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on("data", (chunk: Buffer) => chunk.toString().includes("ready") && resolve());
    child.once("exit", (code) => reject(new Error(`writer exited with ${code} before it was ready`)));
  });
  await new Promise((resolve) => setTimeout(resolve, writeMs));
  child.kill("SIGKILL");
  await exited;
}

describe("the local DynamoDB through kill -9", () => {
  it("never leaves an item and its index entries apart", { timeout: 120_000 }, async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "pizza-orders-dynamo-crash-"));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    for (let kill = 0; kill < KILLS; kill++) await writeThenKill(dataDir, 300 + kill * 100);

    const server = await startDynamoServer({ path: dataDir, port: 0 });
    cleanups.push(() => server.close());
    const db = DynamoDBDocumentClient.from(new DynamoDBClient(localClientConfig(server.url)));
    cleanups.push(() => db.destroy());
    const items = (await db.send(new ScanCommand({ TableName: CRASH_TABLE, ConsistentRead: true }))).Items ?? [];
    const entries =
      (
        await db.send(
          new QueryCommand({
            TableName: CRASH_TABLE,
            IndexName: CRASH_INDEX,
            KeyConditionExpression: "tracked = :tracked",
            ExpressionAttributeValues: { ":tracked": "T" },
          }),
        )
      ).Items ?? [];

    expect(items.length).toBeGreaterThan(50);
    const tracked = items
      .filter((item) => item.tracked === "T")
      .map((item) => `${String(item.id)} ${String(item.deadline)}`)
      .sort();
    const indexed = entries.map((entry) => `${String(entry.id)} ${String(entry.deadline)}`).sort();
    expect(tracked.length).toBeGreaterThan(0);
    expect(indexed).toEqual(tracked);
  });
});

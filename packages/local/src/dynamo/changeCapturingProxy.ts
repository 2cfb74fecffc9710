// The DynamoDB endpoint of the local shop: a proxy in front of dynalite (which implements no
// streams) that gives the orders table a change stream as faithful as DynamoDB Streams with
// NEW_AND_OLD_IMAGES. Every handler, the workflow's DynamoDB integration and the shop itself reach
// DynamoDB through it (AWS_ENDPOINT_URL_DYNAMODB), so no write can bypass it.
//
// For each write to a table with a stream (PutItem, UpdateItem, DeleteItem, BatchWriteItem,
// TransactWriteItems):
//   1. the item keys it touches are locked (writes to one item are serialised; keys are taken in
//      sorted order so two multi-item writes cannot deadlock);
//   2. the old images are read and journalled as an intent (fsync);
//   3. the request goes to dynalite byte for byte, and its answer is kept;
//   4. the new images are read; each item whose image changed becomes a stream record
//      (INSERT / MODIFY / REMOVE), journalled with its sequence number (fsync);
//   5. only then is the answer returned.
// A failed condition, a cancelled transaction or a write that changes nothing leaves the images
// equal and makes no record, as in DynamoDB. Reads and table operations pass straight through.
// TransactWriteItems is captured like a batch, but dynalite 4 does not implement it (nor PartiQL's
// ExecuteStatement, which is not captured): it answers UnknownOperationException and nothing
// changes. No handler uses either.
import { request as httpRequest, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from "node:http";
import { type RunningServer, startHttpServer } from "../http/httpServer";
import type { IntentItem, StreamJournal } from "./streamJournal";
import type { Item } from "./streamRecord";

const CAPTURED_WRITES = new Set(["PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem", "TransactWriteItems"]);
const TARGET_PREFIX = "DynamoDB_20120810.";

export interface ChangeCapturingProxyOptions {
  /** dynalite's URL. */
  dynamoUrl: string;
  /** Tables with a stream: table name → its journal. */
  streams: ReadonlyMap<string, StreamJournal>;
  port: number;
  host?: string;
}

interface TouchedItem {
  table: string;
  /** The request's key attributes (from Key, or the key attributes of Item). */
  key: Item;
}

/** Settles writes a crashed process left between intent and commit; call before taking new writes. */
export async function recoverOpenIntents(dynamoUrl: string, journal: StreamJournal, tableName: string): Promise<number> {
  const dynalite = new DynaliteCalls(dynamoUrl);
  let recovered = 0;
  for (const intent of journal.pendingIntents()) {
    const changes = await Promise.all(
      intent.items.map(async (item) => ({ keyNames: item.keyNames, oldImage: item.oldImage, newImage: await dynalite.getItem(tableName, item.key) })),
    );
    recovered += (await journal.commit(intent.id, changes)).length;
  }
  return recovered;
}

export async function startChangeCapturingProxy(options: ChangeCapturingProxyOptions): Promise<RunningServer> {
  const dynalite = new DynaliteCalls(options.dynamoUrl);
  const locks = new KeyLocks();

  async function captured(request: IncomingMessage, body: Buffer, operation: string): Promise<DynaliteAnswer | undefined> {
    const touched = touchedItems(operation, body).filter((item) => options.streams.has(item.table));
    if (touched.length === 0) return undefined;
    const keyNames = new Map<string, string[]>();
    for (const table of new Set(touched.map((item) => item.table))) keyNames.set(table, await dynalite.keyNames(table));
    const items = dedupe(touched.map((item) => ({ table: item.table, keyNames: keyNames.get(item.table)!, key: pick(item.key, keyNames.get(item.table)!) })));
    // A key attribute missing from the request: dynalite refuses the request, nothing to capture.
    if (items.some((item) => Object.keys(item.key).length !== item.keyNames.length)) return undefined;
    return locks.around(
      items.map((item) => lockName(item.table, item.key)),
      async () => {
        const byTable = new Map<string, { journal: StreamJournal; items: IntentItem[] }>();
        for (const item of items) {
          const oldImage = await dynalite.getItem(item.table, item.key);
          const entry = byTable.get(item.table) ?? { journal: options.streams.get(item.table)!, items: [] };
          entry.items.push({ keyNames: item.keyNames, key: item.key, oldImage });
          byTable.set(item.table, entry);
        }
        const intents = await Promise.all([...byTable].map(async ([table, entry]) => ({ table, entry, id: await entry.journal.begin(entry.items) })));
        const answer = await dynalite.forward(request.headers, body);
        for (const { table, entry, id } of intents) {
          const changes = await Promise.all(
            entry.items.map(async (item) => ({ keyNames: item.keyNames, oldImage: item.oldImage, newImage: await dynalite.getItem(table, item.key) })),
          );
          await entry.journal.commit(id, changes);
        }
        return answer;
      },
    );
  }

  return startHttpServer(
    (request, response) =>
      void (async () => {
        const body = await readRaw(request);
        const target = String(request.headers["x-amz-target"] ?? "");
        const operation = target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : "";
        const answer =
          (CAPTURED_WRITES.has(operation) ? await captured(request, body, operation) : undefined) ?? (await dynalite.forward(request.headers, body));
        reply(response, answer);
      })().catch((error: unknown) => {
        // dynalite unreachable or the journal failed: an intent may stay open (settled at the next start).
        if (!response.headersSent) {
          const text = JSON.stringify({ __type: "com.amazonaws.dynamodb.v20120810#InternalServerError", message: `Local change feed: ${String(error)}` });
          response.writeHead(500, { "content-type": "application/x-amz-json-1.0", "content-length": Buffer.byteLength(text) });
          response.end(text);
        } else response.destroy();
      }),
    options.port,
    options.host,
  );
}

/** The items a write names, per the DynamoDB API's request shapes. */
function touchedItems(operation: string, body: Buffer): TouchedItem[] {
  let input: Record<string, unknown>;
  try {
    input = JSON.parse(body.toString("utf8")) as Record<string, unknown>;
  } catch {
    return [];
  }
  const one = (table: unknown, key: unknown): TouchedItem[] =>
    typeof table === "string" && key && typeof key === "object" ? [{ table, key: key as Item }] : [];
  switch (operation) {
    case "PutItem":
      return one(input.TableName, input.Item);
    case "UpdateItem":
    case "DeleteItem":
      return one(input.TableName, input.Key);
    case "BatchWriteItem":
      return Object.entries((input.RequestItems ?? {}) as Record<string, unknown[]>).flatMap(([table, requests]) =>
        (Array.isArray(requests) ? requests : []).flatMap((request) => {
          const { PutRequest, DeleteRequest } = (request ?? {}) as { PutRequest?: { Item?: unknown }; DeleteRequest?: { Key?: unknown } };
          return one(table, PutRequest?.Item ?? DeleteRequest?.Key);
        }),
      );
    case "TransactWriteItems":
      return ((input.TransactItems ?? []) as unknown[]).flatMap((entry) => {
        const { Put, Update, Delete } = (entry ?? {}) as Record<string, { TableName?: unknown; Item?: unknown; Key?: unknown } | undefined>;
        if (Put) return one(Put.TableName, Put.Item);
        const keyed = Update ?? Delete;
        return keyed ? one(keyed.TableName, keyed.Key) : [];
      });
    default:
      return [];
  }
}

function pick(item: Item, names: readonly string[]): Item {
  return Object.fromEntries(names.filter((name) => item[name] !== undefined).map((name) => [name, item[name]]));
}

function lockName(table: string, key: Item): string {
  return `${table}\u0000${JSON.stringify(Object.entries(key).sort(([a], [b]) => (a < b ? -1 : 1)))}`;
}

function dedupe<T extends { table: string; key: Item }>(items: T[]): T[] {
  const seen = new Set<string>();
  return items.filter((item) => !seen.has(lockName(item.table, item.key)) && Boolean(seen.add(lockName(item.table, item.key))));
}

/** Per-key mutexes: `around` runs `work` holding every named lock. */
class KeyLocks {
  private readonly tails = new Map<string, Promise<void>>();

  async around<T>(names: string[], work: () => Promise<T>): Promise<T> {
    const releases: (() => void)[] = [];
    try {
      for (const name of [...new Set(names)].sort()) releases.push(await this.lock(name));
      return await work();
    } finally {
      for (const release of releases) release();
    }
  }

  private async lock(name: string): Promise<() => void> {
    const previous = this.tails.get(name) ?? Promise.resolve();
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const tail = previous.then(() => held);
    this.tails.set(name, tail);
    await previous;
    return () => {
      release();
      if (this.tails.get(name) === tail) this.tails.delete(name);
    };
  }
}

interface DynaliteAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

function reply(response: ServerResponse, answer: DynaliteAnswer): void {
  const headers = { ...answer.headers };
  delete headers.connection;
  delete headers["keep-alive"];
  delete headers["transfer-encoding"];
  headers["content-length"] = String(answer.body.length);
  response.writeHead(answer.status, headers);
  response.end(answer.body);
}

async function readRaw(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Requests to dynalite: the client's own (forwarded unchanged) and the proxy's image reads. */
class DynaliteCalls {
  private readonly keyNamesByTable = new Map<string, string[]>();
  private readonly url: URL;

  constructor(dynamoUrl: string) {
    this.url = new URL(dynamoUrl);
  }

  forward(headers: IncomingHttpHeaders, body: Buffer): Promise<DynaliteAnswer> {
    const forwarded = { ...headers, host: this.url.host, "content-length": String(body.length) };
    return new Promise((resolve, reject) => {
      const outgoing = httpRequest({ hostname: this.url.hostname, port: this.url.port, method: "POST", path: "/", headers: forwarded }, (incoming) => {
        void readRaw(incoming).then((answer) => resolve({ status: incoming.statusCode ?? 500, headers: incoming.headers, body: answer }), reject);
      });
      outgoing.on("error", reject);
      outgoing.end(body);
    });
  }

  async keyNames(table: string): Promise<string[]> {
    const known = this.keyNamesByTable.get(table);
    if (known) return known;
    const { Table } = (await this.call("DescribeTable", { TableName: table })) as { Table: { KeySchema: { AttributeName: string }[] } };
    const names = Table.KeySchema.map((key) => key.AttributeName);
    this.keyNamesByTable.set(table, names);
    return names;
  }

  async getItem(table: string, key: Item): Promise<Item | undefined> {
    const { Item } = (await this.call("GetItem", { TableName: table, Key: key, ConsistentRead: true })) as { Item?: Item };
    return Item;
  }

  private async call(operation: string, input: unknown): Promise<unknown> {
    const amzDate = new Date().toISOString().replace(/[-:]/g, "").replace(/\.\d+/, "");
    const answer = await this.forward(
      {
        "content-type": "application/x-amz-json-1.0",
        "x-amz-target": `${TARGET_PREFIX}${operation}`,
        "x-amz-date": amzDate,
        // dynalite checks that a SigV4 header is well formed, not the signature.
        authorization: `AWS4-HMAC-SHA256 Credential=local/${amzDate.slice(0, 8)}/us-east-1/dynamodb/aws4_request, SignedHeaders=host;x-amz-date, Signature=0`,
      },
      Buffer.from(JSON.stringify(input)),
    );
    const parsed = JSON.parse(answer.body.toString("utf8") || "{}") as { __type?: string; message?: string };
    if (answer.status !== 200) throw new Error(`dynalite ${operation}: ${parsed.__type ?? answer.status} ${parsed.message ?? ""}`);
    return parsed;
  }
}

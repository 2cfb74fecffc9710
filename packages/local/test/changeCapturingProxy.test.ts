// The local change feed against DynamoDB Streams' contract (NEW_AND_OLD_IMAGES): every kind of
// write makes exactly the record DynamoDB would, writes that change nothing make none, and the
// records of an item are in write order.
import { join } from "node:path";
import {
  BatchWriteItemCommand,
  DeleteItemCommand,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  TransactWriteItemsCommand,
  UpdateItemCommand,
} from "@aws-sdk/client-dynamodb";
import type { DynamoDBRecord } from "aws-lambda";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { dynamoTableArn } from "../src/aws/localResources";
import { recoverOpenIntents } from "../src/dynamo/changeCapturingProxy";
import { StreamJournal } from "../src/dynamo/streamJournal";
import { compareSequenceNumbers } from "../src/dynamo/streamRecord";
import { type StreamTable, startStreamTable } from "./support/streamTable";

const TABLE = "things";
const OTHER_TABLE = "no-stream";
const tableInput = (TableName: string) => ({
  TableName,
  BillingMode: "PAY_PER_REQUEST" as const,
  AttributeDefinitions: [
    { AttributeName: "pk", AttributeType: "S" as const },
    { AttributeName: "sk", AttributeType: "S" as const },
  ],
  KeySchema: [
    { AttributeName: "pk", KeyType: "HASH" as const },
    { AttributeName: "sk", KeyType: "RANGE" as const },
  ],
});

let table: StreamTable;
let seen = 0;

beforeAll(async () => {
  table = await startStreamTable([tableInput(TABLE), tableInput(OTHER_TABLE)], TABLE);
});
afterAll(() => table.stop());
beforeEach(() => {
  seen = table.journal.all().length;
});

/** The records written since the test began. */
const newRecords = (): DynamoDBRecord[] => table.journal.all().slice(seen);
const key = (pk: string, sk = "a") => ({ pk: { S: pk }, sk: { S: sk } });

describe("each write kind", () => {
  it("PutItem of a new item is an INSERT with the new image and the stream's identity", async () => {
    const before = Date.now();
    await table.client.send(new PutItemCommand({ TableName: TABLE, Item: { ...key("put-1"), colour: { S: "red" }, size: { N: "3" } } }));
    const [record, ...rest] = newRecords();
    expect(rest).toHaveLength(0);
    expect(record).toMatchObject({
      eventName: "INSERT",
      eventVersion: "1.1",
      eventSource: "aws:dynamodb",
      awsRegion: "us-east-1",
      dynamodb: {
        Keys: key("put-1"),
        NewImage: { ...key("put-1"), colour: { S: "red" }, size: { N: "3" } },
        StreamViewType: "NEW_AND_OLD_IMAGES",
      },
    });
    expect(record.dynamodb!.OldImage).toBeUndefined();
    expect(record.eventID).toMatch(/^[0-9a-f]{32}$/);
    expect(record.eventSourceARN).toMatch(new RegExp(`^${dynamoTableArn(TABLE)}/stream/\\d{4}-\\d\\d-\\d\\dT`));
    expect(record.dynamodb!.SequenceNumber).toMatch(/^\d+$/);
    expect(record.dynamodb!.SizeBytes).toBeGreaterThan(0);
    // Whole seconds since the epoch, as Lambda delivers it.
    expect(Number.isInteger(record.dynamodb!.ApproximateCreationDateTime)).toBe(true);
    expect(record.dynamodb!.ApproximateCreationDateTime! * 1000).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
  });

  it("PutItem over an item is a MODIFY with both images; the same item again makes no record", async () => {
    await table.client.send(new PutItemCommand({ TableName: TABLE, Item: { ...key("put-2"), colour: { S: "red" } } }));
    await table.client.send(new PutItemCommand({ TableName: TABLE, Item: { ...key("put-2"), colour: { S: "blue" } } }));
    await table.client.send(new PutItemCommand({ TableName: TABLE, Item: { colour: { S: "blue" }, ...key("put-2") } }));
    const records = newRecords();
    expect(records.map((record) => record.eventName)).toEqual(["INSERT", "MODIFY"]);
    expect(records[1].dynamodb).toMatchObject({
      OldImage: { ...key("put-2"), colour: { S: "red" } },
      NewImage: { ...key("put-2"), colour: { S: "blue" } },
      Keys: key("put-2"),
    });
  });

  it("UpdateItem is a MODIFY (an INSERT when it creates the item); a failed condition makes no record and changes nothing", async () => {
    await table.client.send(
      new UpdateItemCommand({ TableName: TABLE, Key: key("upd"), UpdateExpression: "SET n = :one", ExpressionAttributeValues: { ":one": { N: "1" } } }),
    );
    await table.client.send(
      new UpdateItemCommand({ TableName: TABLE, Key: key("upd"), UpdateExpression: "ADD n :one", ExpressionAttributeValues: { ":one": { N: "1" } } }),
    );
    await expect(
      table.client.send(
        new UpdateItemCommand({
          TableName: TABLE,
          Key: key("upd"),
          UpdateExpression: "SET n = :ten",
          ConditionExpression: "n = :ten",
          ExpressionAttributeValues: { ":ten": { N: "10" } },
        }),
      ),
    ).rejects.toMatchObject({ name: "ConditionalCheckFailedException" });
    // A SET to the value it already has changes nothing.
    await table.client.send(
      new UpdateItemCommand({ TableName: TABLE, Key: key("upd"), UpdateExpression: "SET n = :two", ExpressionAttributeValues: { ":two": { N: "2" } } }),
    );
    const records = newRecords();
    expect(records.map((record) => record.eventName)).toEqual(["INSERT", "MODIFY"]);
    expect(records[1].dynamodb).toMatchObject({ OldImage: { n: { N: "1" } }, NewImage: { n: { N: "2" } } });
    const { Item } = await table.direct.send(new GetItemCommand({ TableName: TABLE, Key: key("upd") }));
    expect(Item?.n).toEqual({ N: "2" });
  });

  it("PutItem with a failed condition makes no record and leaves the item", async () => {
    await table.client.send(new PutItemCommand({ TableName: TABLE, Item: { ...key("cond"), v: { S: "first" } } }));
    await expect(
      table.client.send(
        new PutItemCommand({ TableName: TABLE, Item: { ...key("cond"), v: { S: "second" } }, ConditionExpression: "attribute_not_exists(pk)" }),
      ),
    ).rejects.toMatchObject({ name: "ConditionalCheckFailedException" });
    expect(newRecords().map((record) => record.eventName)).toEqual(["INSERT"]);
    const { Item } = await table.direct.send(new GetItemCommand({ TableName: TABLE, Key: key("cond") }));
    expect(Item?.v).toEqual({ S: "first" });
  });

  it("DeleteItem is a REMOVE with the old image only; deleting a missing item makes no record", async () => {
    await table.client.send(new PutItemCommand({ TableName: TABLE, Item: { ...key("del"), v: { S: "x" } } }));
    await table.client.send(new DeleteItemCommand({ TableName: TABLE, Key: key("del") }));
    await table.client.send(new DeleteItemCommand({ TableName: TABLE, Key: key("del") }));
    const records = newRecords();
    expect(records.map((record) => record.eventName)).toEqual(["INSERT", "REMOVE"]);
    expect(records[1].dynamodb).toMatchObject({ Keys: key("del"), OldImage: { ...key("del"), v: { S: "x" } } });
    expect(records[1].dynamodb!.NewImage).toBeUndefined();
  });

  it("BatchWriteItem makes one record per item it changed", async () => {
    await table.client.send(new PutItemCommand({ TableName: TABLE, Item: { ...key("batch", "old"), v: { S: "x" } } }));
    await table.client.send(
      new BatchWriteItemCommand({
        RequestItems: {
          [TABLE]: [
            { PutRequest: { Item: { ...key("batch", "b1"), v: { S: "1" } } } },
            { PutRequest: { Item: { ...key("batch", "b2"), v: { S: "2" } } } },
            { DeleteRequest: { Key: key("batch", "old") } },
            { DeleteRequest: { Key: key("batch", "never-existed") } },
          ],
          [OTHER_TABLE]: [{ PutRequest: { Item: { ...key("batch", "elsewhere") } } }],
        },
      }),
    );
    const records = newRecords();
    expect(records.map((record) => `${record.eventName} ${record.dynamodb!.Keys!.sk.S}`)).toEqual(["INSERT old", "INSERT b1", "INSERT b2", "REMOVE old"]);
  });

  it("TransactWriteItems: dynalite does not implement it, so it is refused and makes no record", async () => {
    // The proxy would capture it like a batch (all items locked, one record per changed item); no
    // handler uses transactions, and dynalite 4 answers UnknownOperationException.
    await expect(
      table.client.send(
        new TransactWriteItemsCommand({ TransactItems: [{ Put: { TableName: TABLE, Item: { ...key("tx", "receipt"), amount: { N: "5" } } } }] }),
      ),
    ).rejects.toMatchObject({ name: "UnknownOperationException" });
    expect(newRecords()).toHaveLength(0);
    const { Item } = await table.direct.send(new GetItemCommand({ TableName: TABLE, Key: key("tx", "receipt") }));
    expect(Item).toBeUndefined();
  });

  it("a table without a stream makes no records; reads pass through", async () => {
    await table.client.send(new PutItemCommand({ TableName: OTHER_TABLE, Item: { ...key("quiet"), v: { S: "x" } } }));
    const { Items } = await table.client.send(
      new QueryCommand({ TableName: OTHER_TABLE, KeyConditionExpression: "pk = :pk", ExpressionAttributeValues: { ":pk": { S: "quiet" } } }),
    );
    expect(Items).toHaveLength(1);
    expect(newRecords()).toHaveLength(0);
  });
});

describe("order per item", () => {
  it("concurrent writes to one item are serialised: each record's old image is the previous record's new image", async () => {
    const writers = 25;
    await Promise.all(
      Array.from({ length: writers }, () =>
        table.client.send(
          new UpdateItemCommand({ TableName: TABLE, Key: key("counter"), UpdateExpression: "ADD n :one", ExpressionAttributeValues: { ":one": { N: "1" } } }),
        ),
      ),
    );
    const records = newRecords();
    expect(records).toHaveLength(writers);
    records.forEach((record, index) => {
      expect(record.dynamodb!.NewImage!.n).toEqual({ N: String(index + 1) });
      if (index > 0) {
        expect(record.dynamodb!.OldImage).toEqual(records[index - 1].dynamodb!.NewImage);
        expect(compareSequenceNumbers(record.dynamodb!.SequenceNumber!, records[index - 1].dynamodb!.SequenceNumber!)).toBe(1);
      }
    });
  });
});

describe("durability", () => {
  it("the journal reopens with the same records and keeps numbering after them", async () => {
    await table.client.send(new PutItemCommand({ TableName: TABLE, Item: { ...key("durable"), v: { S: "x" } } }));
    const reopened = await StreamJournal.open(join(table.dir, "copy.jsonl"), dynamoTableArn(TABLE));
    await reopened.close();
    const path = table.journal.path;
    const again = await StreamJournal.open(path, dynamoTableArn(TABLE));
    try {
      expect(again.all()).toEqual(table.journal.all());
      expect(again.streamArn).toBe(table.journal.streamArn);
    } finally {
      await again.close();
    }
  });

  it("a write whose process died between intent and commit gets its record at recovery, exactly once", async () => {
    const path = join(table.dir, "crashed.jsonl");
    const crashed = await StreamJournal.open(path, dynamoTableArn(TABLE));
    // The proxy's first half: the intent with the old images is on disk…
    await crashed.begin([{ keyNames: ["pk", "sk"], key: key("crash", "written"), oldImage: undefined }]);
    await crashed.begin([{ keyNames: ["pk", "sk"], key: key("crash", "refused"), oldImage: undefined }]);
    // …the first write reached the table, the second did not; then the process died.
    await table.direct.send(new PutItemCommand({ TableName: TABLE, Item: { ...key("crash", "written"), v: { S: "x" } } }));
    await crashed.close();

    const restarted = await StreamJournal.open(path, dynamoTableArn(TABLE));
    try {
      expect(restarted.pendingIntents()).toHaveLength(2);
      expect(await recoverOpenIntents(table.dynalite.url, restarted, TABLE)).toBe(1);
      expect(restarted.all().map((record) => `${record.eventName} ${record.dynamodb!.Keys!.sk.S}`)).toEqual(["INSERT written"]);
      expect(restarted.pendingIntents()).toHaveLength(0);
    } finally {
      await restarted.close();
    }
    const reopened = await StreamJournal.open(path, dynamoTableArn(TABLE));
    try {
      expect(reopened.pendingIntents()).toHaveLength(0);
      expect(await recoverOpenIntents(table.dynalite.url, reopened, TABLE)).toBe(0);
      expect(reopened.all()).toHaveLength(1);
    } finally {
      await reopened.close();
    }
  });
});

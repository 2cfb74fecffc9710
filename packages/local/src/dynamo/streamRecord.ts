// One DynamoDB Streams record (view type NEW_AND_OLD_IMAGES), shaped exactly as Lambda hands it
// to a function in a DynamoDBStreamEvent (@types/aws-lambda's DynamoDBRecord).
import { randomBytes } from "node:crypto";
import type { AttributeValue } from "@aws-sdk/client-dynamodb";
import type { DynamoDBRecord } from "aws-lambda";
import { LOCAL_REGION } from "../aws/localResources";

export type Item = Record<string, AttributeValue>;

export interface ItemChange {
  keyNames: readonly string[];
  oldImage?: Item;
  newImage?: Item;
}

/** True when the write changed nothing (DynamoDB Streams writes no record for it). */
export function unchanged(change: Pick<ItemChange, "oldImage" | "newImage">): boolean {
  return canonical(change.oldImage) === canonical(change.newImage);
}

/** The record for a change that did change the item; `sequenceNumber` orders it in the stream. */
export function streamRecord(change: ItemChange, sequenceNumber: string, streamArn: string, at: Date): DynamoDBRecord {
  const { oldImage, newImage } = change;
  const image = (newImage ?? oldImage)!;
  const keys = Object.fromEntries(change.keyNames.map((name) => [name, image[name]]));
  const eventName = !oldImage ? "INSERT" : !newImage ? "REMOVE" : "MODIFY";
  const dynamodb = {
    ApproximateCreationDateTime: Math.floor(at.getTime() / 1000),
    Keys: keys,
    ...(newImage ? { NewImage: newImage } : {}),
    ...(oldImage ? { OldImage: oldImage } : {}),
    SequenceNumber: sequenceNumber,
    // DynamoDB counts attribute names and values; the JSON length is close enough for a local feed.
    SizeBytes: Buffer.byteLength(JSON.stringify({ keys, newImage, oldImage })),
    StreamViewType: "NEW_AND_OLD_IMAGES" as const,
  };
  return {
    eventID: randomBytes(16).toString("hex"),
    eventName,
    eventVersion: "1.1",
    eventSource: "aws:dynamodb",
    awsRegion: LOCAL_REGION,
    dynamodb: dynamodb as DynamoDBRecord["dynamodb"],
    eventSourceARN: streamArn,
  };
}

/** Sequence numbers are decimal strings that grow; compared as numbers, as AWS advises. */
export function compareSequenceNumbers(a: string, b: string): number {
  const difference = BigInt(a) - BigInt(b);
  return difference === 0n ? 0 : difference < 0n ? -1 : 1;
}

/** A JSON text of the item independent of attribute order (also inside maps). */
function canonical(value: unknown): string {
  return JSON.stringify(value ?? null, (_key, nested: unknown) =>
    nested && typeof nested === "object" && !Array.isArray(nested)
      ? Object.fromEntries(Object.entries(nested as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : nested,
  );
}

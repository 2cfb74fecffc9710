// Opaque pagination tokens: DynamoDB's LastEvaluatedKey, base64url-encoded. A token is checked
// on the way back in so a client cannot page through another customer's partition.
import { z } from "zod";
import { ValidationError } from "../errors";
import type { OrderKey } from "./order";

const PageKeySchema = z.object({ customerId: z.string().min(1), orderId: z.string().min(1) }).strict();

export function encodePageToken(key: OrderKey): string {
  return Buffer.from(JSON.stringify({ customerId: key.customerId, orderId: key.orderId })).toString("base64url");
}

export function decodePageToken(token: string, customerId: string): OrderKey {
  const invalid = () => new ValidationError("nextToken is not valid", { nextToken: "nextToken is not valid" });
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(token, "base64url").toString("utf8"));
  } catch {
    throw invalid();
  }
  const parsed = PageKeySchema.safeParse(decoded);
  if (!parsed.success || parsed.data.customerId !== customerId) throw invalid();
  return parsed.data;
}

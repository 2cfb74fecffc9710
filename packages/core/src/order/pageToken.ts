// Opaque pagination tokens: the byCustomer index's LastEvaluatedKey, base64url-encoded. A token
// is checked on the way back in so a client cannot page through another customer's history.
import { z } from "zod";
import { ValidationError } from "../errors";
import { parseJsonText } from "../jsonText";

export interface HistoryPageKey {
  historyCustomerId: string;
  orderId: string;
}

const PageKeySchema = z.object({ historyCustomerId: z.string().min(1), orderId: z.string().min(1) }).strict();

export function encodePageToken(key: HistoryPageKey): string {
  return Buffer.from(JSON.stringify({ historyCustomerId: key.historyCustomerId, orderId: key.orderId })).toString("base64url");
}

export function decodePageToken(token: string, customerId: string): HistoryPageKey {
  const parsed = PageKeySchema.safeParse(parseJsonText(Buffer.from(token, "base64url").toString("utf8")));
  if (!parsed.success || parsed.data.historyCustomerId !== customerId) {
    throw new ValidationError("The page token is not valid", { nextToken: "The page token is not valid" });
  }
  return parsed.data;
}

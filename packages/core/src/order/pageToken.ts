// Opaque pagination tokens: the byCustomer index's LastEvaluatedKey, base64url-encoded. A token
// is checked on the way back in so a client cannot page through another customer's history.
import { z } from "zod";
import { ValidationError } from "../errors";

export interface HistoryPageKey {
  historyCustomerId: string;
  orderId: string;
}

const PageKeySchema = z.object({ historyCustomerId: z.string().min(1), orderId: z.string().min(1) }).strict();

export function encodePageToken(key: HistoryPageKey): string {
  return Buffer.from(JSON.stringify({ historyCustomerId: key.historyCustomerId, orderId: key.orderId })).toString("base64url");
}

export function decodePageToken(token: string, customerId: string): HistoryPageKey {
  const invalid = () => new ValidationError("The page token is not valid", { nextToken: "The page token is not valid" });
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(token, "base64url").toString("utf8"));
  } catch {
    throw invalid();
  }
  const parsed = PageKeySchema.safeParse(decoded);
  if (!parsed.success || parsed.data.historyCustomerId !== customerId) throw invalid();
  return parsed.data;
}

// The log line that makes a dead letter actionable: for every record the consumer fails, which
// message and order, the error's name and message, and how many receives it has had — at the
// last one (maxReceiveCount) the message goes to the dead-letter queue, and the line says so.
import type { SQSRecord } from "aws-lambda";
import { logger } from "../observability/logger";
import { orderIdInMessage } from "./orderIdInMessage";
import { theFunctionTriggeredBy } from "../functionManifest";

const BODY_EXCERPT_CHARS = 200;
const { maxReceiveCount } = theFunctionTriggeredBy("ordersQueue").trigger;

export function logFailedRecord(record: SQSRecord, error: unknown): void {
  const receiveCount = Number(record.attributes.ApproximateReceiveCount);
  const lastReceive = receiveCount >= maxReceiveCount;
  const orderId = orderIdInMessage(record.body);
  const details = {
    messageId: record.messageId,
    ...(orderId ? { orderId } : { bodyExcerpt: record.body.slice(0, BODY_EXCERPT_CHARS) }),
    receiveCount,
    maxReceiveCount,
    error: error instanceof Error ? { name: error.name, message: error.message } : { name: "Error", message: String(error) },
  };
  if (lastReceive) logger.error("order message failed on its last receive; it goes to the dead-letter queue", details);
  else logger.warn("order message failed; it will be received again", details);
}

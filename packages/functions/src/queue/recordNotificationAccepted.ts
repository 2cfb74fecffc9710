import { BatchProcessor, EventType, processPartialResponse } from "@aws-lambda-powertools/batch";
import { orderRepositoryFromEnv } from "@pizza-orders/core/aws/orderServices";
import { recordAcceptedNotification } from "@pizza-orders/core/notification/notificationAcceptance";
import type { SQSEvent, SQSRecord } from "aws-lambda";
import { logger } from "../observability/logger";
import { observedHandler } from "../observability/observedHandler";

// Module state, as Powertools documents it: one processor per instance.
const processor = new BatchProcessor(EventType.SQS);
const orders = orderRepositoryFromEnv();

async function recordAccepted(record: SQSRecord): Promise<void> {
  const attribute = (name: string) => record.messageAttributes[name]?.stringValue;
  const orderId = attribute("orderId");
  const notificationId = attribute("notificationId");
  const outcome = await recordAcceptedNotification(orders, {
    orderId,
    orderStatus: attribute("orderStatus"),
    notificationId,
    acceptedAt: new Date(Number(record.attributes.SentTimestamp)).toISOString(),
  });
  if (outcome === "unrecognised")
    logger.warn("message on the notifications topic names no order's notification", { messageId: record.messageId, notificationId });
  else logger.info("operations notification accepted by the topic", { orderId, notificationId, outcome });
}

/**
 * Consumer of the queue subscribed to the order notifications topic: records each notification
 * the topic accepted as sent on its order. A record whose write fails is reported back
 * (ReportBatchItemFailures) and received again; after 5 receives it goes to the dead-letter queue.
 */
export const handler = observedHandler(async (event: SQSEvent, context) =>
  processPartialResponse(event, recordAccepted, processor, { context, throwOnFullBatchFailure: false }),
);

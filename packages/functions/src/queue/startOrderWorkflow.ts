import type { Context, SQSEvent, SQSRecord } from "aws-lambda";
import { BatchProcessor, EventType, processPartialResponse } from "@aws-lambda-powertools/batch";
import { orderWorkflowStarterFromEnv } from "@pizza-orders/core/aws/orderServices";
import { parseOrderMessage } from "@pizza-orders/core/order/orderMessage";
import { logger } from "../observability/logger";

const processor = new BatchProcessor(EventType.SQS);
const workflow = orderWorkflowStarterFromEnv();

async function startWorkflowFor(record: SQSRecord): Promise<void> {
  const key = parseOrderMessage(record.body);
  const outcome = await workflow.start(key);
  logger.info("order workflow", { orderId: key.orderId, outcome, receiveCount: record.attributes.ApproximateReceiveCount });
}

/**
 * Orders queue consumer: one workflow execution per message. Failed records are reported back
 * (ReportBatchItemFailures), so only they are retried and, after 4 receives, dead-lettered.
 */
export const handler = async (event: SQSEvent, context: Context) =>
  processPartialResponse(event, startWorkflowFor, processor, { context });

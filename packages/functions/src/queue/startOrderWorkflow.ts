import type { SQSEvent, SQSRecord } from "aws-lambda";
import { BatchProcessor, EventType, processPartialResponse } from "@aws-lambda-powertools/batch";
import { orderWorkflowStarterFromEnv } from "@pizza-orders/core/aws/orderServices";
import { parseOrderMessage } from "@pizza-orders/core/order/orderMessage";
import { logger } from "../observability/logger";
import { observedHandler } from "../observability/observedHandler";
import { withOrderLogKey } from "../observability/orderLogKeys";
import { logFailedRecord } from "./failedRecordLog";
import { orderIdInMessage } from "./orderIdInMessage";

// Module state, as Powertools documents it: one processor per instance. Lambda runs one event at
// a time per instance, so the processor never holds two batches.
const processor = new BatchProcessor(EventType.SQS);
const workflow = orderWorkflowStarterFromEnv();

async function startWorkflowFor(record: SQSRecord): Promise<void> {
  await withOrderLogKey(orderIdInMessage(record.body), async () => {
    try {
      const key = parseOrderMessage(record.body);
      const outcome = await workflow.start(key);
      logger.info("order workflow", { orderId: key.orderId, outcome, receiveCount: record.attributes.ApproximateReceiveCount });
    } catch (error) {
      logFailedRecord(record, error);
      throw error;
    }
  });
}

/**
 * Orders queue consumer: one workflow execution per message. Failed records are reported back
 * (ReportBatchItemFailures), so only they are retried and, after 4 receives, dead-lettered; each
 * failure is logged with its reason. A batch whose records all fail is reported record by record
 * too (not thrown), so the log names each record's own error. Records are handled one after
 * another so that each one's log lines carry its own order id (withOrderLogKey).
 */
export const handler = observedHandler(async (event: SQSEvent, context) =>
  processPartialResponse(event, startWorkflowFor, processor, { context, throwOnFullBatchFailure: false, processInParallel: false }),
);

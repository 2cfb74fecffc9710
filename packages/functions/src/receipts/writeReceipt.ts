import { orderRepositoryFromEnv, receiptStoreFromEnv } from "@pizza-orders/core/aws/orderServices";
import { issueReceipt } from "@pizza-orders/core/receipt/issueReceipt";
import type { EventBridgeEvent } from "aws-lambda";
import { z } from "zod";
import { logger } from "../observability/logger";
import { observedHandler } from "../observability/observedHandler";

const deps = { orders: orderRepositoryFromEnv(), receipts: receiptStoreFromEnv() };

const ReceiptEventSchema = z.object({ detail: z.object({ orderId: z.string().min(1) }) });

/**
 * The receipts listener: an order event its bus rule routes here (an order reached a receipt
 * status) → the order's receipt in the receipts bucket, written once. A bad event or a failed write
 * throws, so the target's retry policy and dead-letter queue take it.
 */
export const handler = observedHandler(async (event: EventBridgeEvent<string, unknown>) => {
  const { orderId } = ReceiptEventSchema.parse(event).detail;
  const outcome = await issueReceipt(deps, orderId);
  logger.info("receipt", { orderId, outcome });
  return { orderId, outcome };
});

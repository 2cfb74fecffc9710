import { customerEmailSenderFromEnv } from "@pizza-orders/core/aws/orderServices";
import type { OrderEventDetail } from "@pizza-orders/core/events/orderEvent";
import type { EventBridgeEvent } from "aws-lambda";
import { logger } from "../observability/logger";
import { observedHandler } from "../observability/observedHandler";

const sender = customerEmailSenderFromEnv();

/**
 * The CustomerEmail rule's target: one e-mail to the order's customer per order event, exactly
 * once by the event's id (CustomerEmailSender). Throws to have the event delivered again.
 */
export const handler = observedHandler(async (event: EventBridgeEvent<string, OrderEventDetail>) => {
  const outcome = await sender.deliver(event.detail);
  logger.info("customer e-mail", { eventId: event.detail.eventId, orderId: event.detail.orderId, status: event.detail.status, outcome });
  return { outcome };
});

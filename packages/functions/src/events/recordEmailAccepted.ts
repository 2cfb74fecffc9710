import { customerEmailDeliveriesFromEnv } from "@pizza-orders/core/aws/orderServices";
import { SES_TAGS } from "@pizza-orders/core/email/sesTags";
import type { EventBridgeEvent } from "aws-lambda";
import { logger } from "../observability/logger";
import { observedHandler } from "../observability/observedHandler";

const deliveries = customerEmailDeliveriesFromEnv();

/** What an SES "Email Sent" event carries that matters here: the message tags the sender set. */
interface SesSendDetail {
  mail: { timestamp: string; tags?: Record<string, string[]> };
}

/**
 * Target of the SES Send events of the customer e-mails' configuration set (default bus): records
 * on the order that SES accepted the e-mail, so a sender that takes over a dead sender's claim
 * does not send it again (CustomerEmailSender).
 */
export const handler = observedHandler(async (event: EventBridgeEvent<string, SesSendDetail>) => {
  const tags = event.detail.mail.tags ?? {};
  const [orderId] = tags[SES_TAGS.orderId] ?? [];
  const [key] = tags[SES_TAGS.emailKey] ?? [];
  if (!orderId || !key) {
    logger.warn("SES Send event without the customer e-mail's tags", { id: event.id });
    return;
  }
  await deliveries.recordAccepted(orderId, key, event.detail.mail.timestamp);
});

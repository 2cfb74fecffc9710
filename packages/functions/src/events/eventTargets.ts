// Which function each rule of the order events bus invokes, and how EventBridge retries it: the
// stack (stacks/OrderEvents.ts) deploys one target per entry, with its own dead-letter queue, and
// the local event bus delivers to the same handlers with the same retry policy. A new listener
// (the receipt writer, say) is one more entry here, with its rule in core's orderEventRules.ts.
import { CUSTOMER_EMAIL_RULE, type OrderEventRule } from "@pizza-orders/core/events/orderEventRules";

export interface OrderEventTarget {
  rule: OrderEventRule;
  /** Module under packages/functions/src (see handlerPath). */
  handler: string;
  timeoutSeconds: number;
}

/** EventBridge's retry policy for every target: then the event goes to the target's dead-letter queue. */
export const EVENT_TARGET_RETRY_POLICY = {
  maximumRetryAttempts: 8,
  /** An event older than this is not retried any more (EventBridge allows 60 s to 24 h). */
  maximumEventAgeSeconds: 60 * 60,
} as const;

export const ORDER_EVENT_TARGETS: readonly OrderEventTarget[] = [
  // Below the e-mail claim's 60 s lease (CUSTOMER_EMAIL_CLAIM_LEASE_SECONDS): a live sender never loses its claim.
  { rule: CUSTOMER_EMAIL_RULE, handler: "events/customerEmail", timeoutSeconds: 20 },
];

/**
 * Cloud only: records SES's Send events of the customer e-mails (a rule on the account's default
 * bus, where SES publishes them). Locally the sender asks maildev's inbox instead.
 */
export const EMAIL_ACCEPTED_TARGET = { handler: "events/recordEmailAccepted", timeoutSeconds: 10 } as const;

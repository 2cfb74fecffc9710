// The event bus's rules: each a name and an EventBridge event pattern, defined once here and read
// by both the stacks (stacks/OrderEvents.ts deploys each as a Rule) and the local event bus
// (packages/local/src/events), which matches events with these same objects. Which function a
// rule invokes is the function manifest's business (packages/functions/src/functionManifest.ts,
// the entries triggered by an "eventRule" of that name).
import { SES_TAGS } from "../email/sesTags";
import { CUSTOMER_EMAIL_STATUSES } from "../order/rules";
import { RECEIPT_STATUSES } from "../receipt/receipt";
import { ORDER_EVENT_SOURCE } from "./orderEvent";

/**
 * An EventBridge event pattern, in the JSON form EventBridge itself takes: each field an array of
 * accepted values (strings, numbers, null, or operators such as `{ prefix: "…" }`) or a nested pattern.
 */
export interface EventPattern {
  readonly [field: string]: readonly unknown[] | EventPattern;
}

export interface OrderEventRule {
  /** Also the rule's construct id in the stack. */
  name: string;
  description: string;
  pattern: EventPattern;
}

/** The customer's e-mail on each change CUSTOMER_EMAIL_STATUSES names. */
export const CUSTOMER_EMAIL_RULE: OrderEventRule = {
  name: "CustomerEmail",
  description: "E-mails the order's customer when its payment or its end is known",
  pattern: { source: [ORDER_EVENT_SOURCE], detail: { status: [...CUSTOMER_EMAIL_STATUSES] } },
};

/** The order's receipt once it reaches a status RECEIPT_STATUSES names (completed and paid). */
export const RECEIPTS_RULE: OrderEventRule = {
  name: "Receipts",
  description: "Writes the order's itemised receipt to the receipts bucket",
  pattern: { source: [ORDER_EVENT_SOURCE], detail: { status: [...RECEIPT_STATUSES] } },
};

/**
 * Cloud only, on the account's default bus (where SES publishes): SES's Send event of a customer
 * e-mail, recorded on the order so a sender taking over a dead sender's claim does not send it
 * twice. Locally the sender asks the local inbox directly.
 */
export const CUSTOMER_EMAIL_SENT_RULE: OrderEventRule = {
  name: "CustomerEmailSent",
  description: "Records that SES accepted a customer e-mail",
  pattern: { source: ["aws.ses"], "detail-type": ["Email Sent"], detail: { mail: { tags: { [SES_TAGS.orderId]: [{ exists: true }] } } } },
};

/** Every rule of the order events bus. */
export const ORDER_EVENT_RULES: readonly OrderEventRule[] = [CUSTOMER_EMAIL_RULE, RECEIPTS_RULE];

/** The rule a function manifest entry names (on the order events bus, or SES's on the default bus). */
export function eventRuleNamed(name: string): OrderEventRule {
  const rule = [...ORDER_EVENT_RULES, CUSTOMER_EMAIL_SENT_RULE].find((candidate) => candidate.name === name);
  if (!rule) throw new Error(`No event rule is named ${name} (packages/core/src/events/orderEventRules.ts)`);
  return rule;
}

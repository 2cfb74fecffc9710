// Sends the customer's e-mail for one order event exactly once, also when the event comes again
// (EventBridge delivers at least once; the local bus after a crash) and when a sender dies mid-send.
//
// SMTP and SES sends are not idempotent, so "once" is kept on the order (CustomerEmailDeliveries):
//   1. claim the e-mail (keyed by the event's status-history index) with a lease that outlasts the
//      function's timeout, so a live sender never loses it;
//   2. send, the event id in a header (and, with SES, in message tags);
//   3. record it sent: every later delivery of the event finds it sent and stops.
// A sender that dies between 2 and 3 leaves a claim that runs out. Whoever takes it over first asks
// the provider whether that e-mail was accepted (MailProvider.wasAccepted) and only sends if not:
// locally maildev's own inbox answers that exactly; in SES the Send event the configuration set
// publishes does, once its listener has recorded it — the residual window is an SES Send event
// still in flight when the lease (60 s) has run out (see README "Guarantees").
import { randomUUID } from "node:crypto";
import { DomainError } from "../errors";
import type { OrderEventDetail } from "../events/orderEvent";
import type { Order } from "../order/order";
import { CUSTOMER_EMAIL_STATUSES, type OrderStatus } from "../order/rules";
import { type CustomerEmailSettings, composeCustomerEmail } from "./customerEmailContent";
import type { CustomerEmailDeliveries } from "./customerEmailDeliveries";
import type { MailProvider } from "./mailProvider";

/** Longer than the e-mail function's timeout (its entry in the function manifest), so a live sender never loses its claim. */
export const CUSTOMER_EMAIL_CLAIM_LEASE_SECONDS = 60;

export type CustomerEmailOutcome =
  /** This call sent it. */
  | "sent"
  /** It had been sent and recorded before. */
  | "alreadySent"
  /** A sender died after the provider accepted it: recorded now, not sent again. */
  | "acceptedBefore"
  /** The order has no address to write to (a guest who gave none). */
  | "noAddress"
  /** The status is not one the customer is e-mailed about. */
  | "notForCustomer";

/** Another sender holds a live claim on the e-mail; thrown so the event is delivered again after the lease. */
export class CustomerEmailInProgressError extends DomainError {
  override readonly name = "CustomerEmailInProgressError";
}

/** Where an order's customer e-mails go: the signed-in customer's verified account address, else the one given at checkout. */
export function recipientOf(order: Pick<Order, "accountEmail" | "customerEmail">): string | undefined {
  return order.accountEmail ?? order.customerEmail;
}

export interface CustomerEmailSenderDependencies {
  deliveries: CustomerEmailDeliveries;
  provider: MailProvider;
  /** What the e-mails link to (the web app's address). */
  content: CustomerEmailSettings;
  now?: () => Date;
}

export class CustomerEmailSender {
  constructor(private readonly deps: CustomerEmailSenderDependencies) {}

  async deliver(detail: OrderEventDetail): Promise<CustomerEmailOutcome> {
    if (!CUSTOMER_EMAIL_STATUSES.includes(detail.status as OrderStatus)) return "notForCustomer";
    if (detail.eventId !== `${detail.orderId}#${detail.sequence}`)
      throw new Error(`Event ${detail.eventId} does not name order ${detail.orderId}'s change ${detail.sequence}`);
    const key = String(detail.sequence);
    const holder = randomUUID();
    const now = this.deps.now?.() ?? new Date();
    const claim = await this.deps.deliveries.claim(detail.orderId, key, holder, now, CUSTOMER_EMAIL_CLAIM_LEASE_SECONDS);
    if (claim.kind === "noOrder") throw new Error(`Order ${detail.orderId} of event ${detail.eventId} does not exist`);
    if (claim.kind === "alreadySent") return "alreadySent";
    if (claim.kind === "heldElsewhere") throw new CustomerEmailInProgressError(`The e-mail of event ${detail.eventId} is being sent elsewhere`);

    const to = recipientOf(claim.order);
    const email = { ...composeCustomerEmail(detail, this.deps.content), to: to ?? "", eventId: detail.eventId, orderId: detail.orderId, key };
    if (!to) {
      await this.deps.deliveries.markSent(detail.orderId, key, holder, now);
      return "noAddress";
    }
    if (claim.tookOver && (await this.deps.provider.wasAccepted(email))) {
      await this.deps.deliveries.markSent(detail.orderId, key, holder, now);
      return "acceptedBefore";
    }
    try {
      await this.deps.provider.send(email);
    } catch (error) {
      await this.deps.deliveries.expireClaim(detail.orderId, key, holder).catch(() => undefined);
      throw error;
    }
    await this.deps.deliveries.markSent(detail.orderId, key, holder, this.deps.now?.() ?? new Date());
    return "sent";
  }
}

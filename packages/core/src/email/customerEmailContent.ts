// The customer's e-mail for one order event: subject, plain text and HTML, built from that order's
// event alone (so it names nothing of anyone else's). What a pizza shop's customer looks for: the
// number the restaurant calls out (#042) and the restaurant in the subject and the first line,
// what happened in words, the items and the amount, and the way to the order's page — to follow
// it, try another card, or download the receipt. The order id stays as a small reference line.
// Every value from the order is escaped in the HTML.
//
// The receipt is reached through the order's page, not linked itself: a presigned S3 link dies
// after RECEIPT_LINK_SECONDS and an e-mail is read hours later, while the page hands out a fresh
// one ("Download receipt"). Only a signed-in customer's e-mail links the page: a guest's page opens
// only with the order's secret, which the server does not keep and events never carry, so a link
// would open a page that refuses them — a guest is pointed to the tracking link they kept instead.
import { z } from "zod";
import { ConfigurationError } from "../errors";
import type { OrderEventDetail } from "../events/orderEvent";
import { centsToAmount } from "../menu/pricing";
import { orderPageUrl } from "../order/orderPage";
import { Fulfilment, OrderStatus } from "../order/rules";
import { RECEIPT_STATUSES } from "../receipt/receipt";

export interface CustomerEmailContent {
  subject: string;
  text: string;
  html: string;
}

export interface CustomerEmailSettings {
  /** The web app's address (WEB_APP_URL): the order's page is there. */
  webAppUrl: string;
}

/** WEB_APP_URL: the site's URL in the cloud, the web dev server's locally (beside the mail transport's settings, mailProvider.ts). */
export function readCustomerEmailSettings(env: NodeJS.ProcessEnv = process.env): CustomerEmailSettings {
  const result = z
    .string()
    .url()
    .refine((url) => /^https?:\/\//.test(url), "must be an http(s) address")
    .safeParse(env.WEB_APP_URL);
  if (!result.success) throw new ConfigurationError(`WEB_APP_URL must be the web app's http(s) address (got ${JSON.stringify(env.WEB_APP_URL ?? null)})`);
  return { webAppUrl: result.data };
}

interface Wording {
  /** The subject's end, after "Order #042 from Luigi's Trattoria: ". */
  subject: string;
  /** The first line's end, after "Your order #042 from Luigi's Trattoria ". */
  headline: string;
  /** What the order's total is to the customer now. */
  amount: string;
}

const PAID = "Paid";
const TOTAL = "Total";

/** What the customer is told about each status they are e-mailed about (CUSTOMER_EMAIL_STATUSES). */
const WORDING: Partial<Record<OrderStatus, (fulfilment: Fulfilment) => Wording>> = {
  [OrderStatus.Received]: () => ({ subject: "confirmed", headline: "is paid and confirmed: the kitchen has it.", amount: PAID }),
  [OrderStatus.Ready]: (fulfilment) =>
    fulfilment === Fulfilment.Delivery
      ? { subject: "ready", headline: "is ready and leaves with a driver shortly.", amount: PAID }
      : { subject: "ready for pickup", headline: "is ready for pickup. Give your order number at the counter.", amount: PAID },
  [OrderStatus.OutForDelivery]: () => ({ subject: "on its way", headline: "is on its way to you.", amount: PAID }),
  [OrderStatus.Completed]: () => ({ subject: "complete", headline: "is complete. Enjoy your meal!", amount: PAID }),
  [OrderStatus.PaymentFailed]: () => ({ subject: "payment failed", headline: "could not be paid.", amount: TOTAL }),
  [OrderStatus.Cancelled]: () => ({ subject: "cancelled", headline: "was cancelled.", amount: TOTAL }),
  [OrderStatus.Refunded]: () => ({
    subject: "cancelled and refunded",
    headline: "was cancelled by the restaurant, and your payment is refunded in full.",
    amount: "Refunded",
  }),
};

/** A status in lower-case words: OUT_FOR_DELIVERY → out for delivery. */
const inWords = (status: string) => status.toLowerCase().replaceAll("_", " ");

/** The wording of a status; one without its own (a status the rules start e-mailing later) gets a plain one. */
export function wordingOf(status: string, fulfilment: Fulfilment): Wording {
  return WORDING[status as OrderStatus]?.(fulfilment) ?? { subject: inWords(status), headline: `is now ${inWords(status)}.`, amount: TOTAL };
}

const GUEST_TRACKING_LINK = "the tracking link you kept when you ordered";

/** The way to the order's page: its address for a signed-in customer, the guest's own tracking link otherwise. */
function orderPageLine(detail: OrderEventDetail, settings: CustomerEmailSettings): { text: string; url?: string } {
  const receipt = RECEIPT_STATUSES.includes(detail.status as OrderStatus);
  const retry = detail.status === OrderStatus.PaymentFailed;
  if (detail.customerId === null) {
    if (receipt) return { text: `Your receipt: open ${GUEST_TRACKING_LINK} and choose Download receipt.` };
    if (retry) return { text: `To try another card, open ${GUEST_TRACKING_LINK}.` };
    return { text: `Follow your order with ${GUEST_TRACKING_LINK}.` };
  }
  const url = orderPageUrl(settings.webAppUrl, detail.orderId);
  if (receipt) return { text: "Your receipt is on your order's page (sign in, then Download receipt):", url };
  if (retry) return { text: "You can try another card on your order's page:", url };
  return { text: "Follow your order:", url };
}

const escapeHtml = (text: string) =>
  text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;").replaceAll("'", "&#39;");

export function composeCustomerEmail(detail: OrderEventDetail, settings: CustomerEmailSettings): CustomerEmailContent {
  const wording = wordingOf(detail.status, detail.fulfilment);
  const restaurant = detail.restaurant.name;
  const order = detail.orderNumber ? `order ${detail.orderNumber}` : "order";
  const headline = `Your ${order} from ${restaurant} ${wording.headline}`;
  const subject = `${order.charAt(0).toUpperCase()}${order.slice(1)} from ${restaurant}: ${wording.subject}`;
  const lines = detail.lines.map(
    (line) => `${line.quantity} × ${line.pizza} (${line.size.toLowerCase()}${line.toppings.length ? `, ${line.toppings.join(", ")}` : ""})`,
  );
  const amount = `${wording.amount}: ${centsToAmount(detail.totals.totalCents).toFixed(2)} ${detail.totals.currency}`;
  const reason = detail.failureReason ?? undefined;
  const page = orderPageLine(detail, settings);
  const reference = `${restaurant} · order reference ${detail.orderId} · status ${detail.status}`;

  const text = [headline, ...(reason ? ["", reason] : []), "", ...lines, amount, "", page.url ? `${page.text} ${page.url}` : page.text, "", reference].join(
    "\n",
  );
  const html = [
    "<!doctype html><html><body>",
    `<p>${escapeHtml(headline)}</p>`,
    ...(reason ? [`<p>${escapeHtml(reason)}</p>`] : []),
    `<ul>${lines.map((line) => `<li>${escapeHtml(line)}</li>`).join("")}</ul>`,
    `<p>${escapeHtml(amount)}</p>`,
    `<p>${escapeHtml(page.text)}${page.url ? ` <a href="${escapeHtml(page.url)}">${escapeHtml(page.url)}</a>` : ""}</p>`,
    `<p><small>${escapeHtml(reference)}</small></p>`,
    "</body></html>",
  ].join("");
  return { subject, text, html };
}

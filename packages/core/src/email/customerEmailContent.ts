// The customer's e-mail for one order event: subject, plain text and HTML, naming the order, its
// new status and the restaurant, and nothing about anyone else (it is built from this order's
// event alone). Every value from the order is escaped in the HTML.
import type { OrderEventDetail } from "../events/orderEvent";
import { centsToAmount } from "../menu/pricing";
import { OrderStatus } from "../order/rules";

export interface CustomerEmailContent {
  subject: string;
  text: string;
  html: string;
}

/** What the customer is told about each status; a status without a line here gets the generic one. */
const HEADLINES: Partial<Record<string, string>> = {
  [OrderStatus.Completed]: "is paid and confirmed",
  [OrderStatus.PaymentFailed]: "could not be paid",
  [OrderStatus.Cancelled]: "was cancelled",
};

function headlineOf(status: string): string {
  return HEADLINES[status] ?? `is now ${status.toLowerCase().replaceAll("_", " ")}`;
}

const escapeHtml = (text: string) =>
  text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;").replaceAll("'", "&#39;");

export function composeCustomerEmail(detail: OrderEventDetail): CustomerEmailContent {
  const orderName = `order ${detail.orderId}`;
  const headline = `Your ${orderName} from ${detail.restaurant.name} ${headlineOf(detail.status)}.`;
  const lines = detail.lines.map(
    (line) => `${line.quantity} × ${line.pizza} (${line.size.toLowerCase()}${line.toppings.length ? `, ${line.toppings.join(", ")}` : ""})`,
  );
  const total = `${centsToAmount(detail.totals.totalCents).toFixed(2)} ${detail.totals.currency}`;
  const charged = detail.status === OrderStatus.Completed ? `Total charged: ${total}` : `Total: ${total}`;
  const facts = [`Status: ${detail.status}`, ...(detail.failureReason ? [`Reason: ${detail.failureReason}`] : [])];
  const text = [headline, "", ...lines, charged, "", ...facts, "", `${detail.restaurant.name} — order ${detail.orderId}`].join("\n");
  const html = [
    "<!doctype html><html><body>",
    `<p>${escapeHtml(headline)}</p>`,
    `<ul>${lines.map((line) => `<li>${escapeHtml(line)}</li>`).join("")}</ul>`,
    `<p>${escapeHtml(charged)}</p>`,
    ...facts.map((fact) => `<p>${escapeHtml(fact)}</p>`),
    `<p><small>${escapeHtml(detail.restaurant.name)} — order ${escapeHtml(detail.orderId)}</small></p>`,
    "</body></html>",
  ].join("");
  return { subject: `Pizza ${orderName} from ${detail.restaurant.name}: ${headlineOf(detail.status)}`, text, html };
}

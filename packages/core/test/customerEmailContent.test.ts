// The customer e-mail's words for each status it is sent for: the order number and restaurant in
// the subject and the first line, a sentence of its own per status (ready: by the way the order
// is fulfilled), the way to the order's page — linked for a signed-in customer (the receipt on
// completion and refund), the guest's own tracking link otherwise — nothing of any other order,
// and every order value escaped in the HTML.
import { describe, expect, it } from "vitest";
import { composeCustomerEmail, readCustomerEmailSettings, wordingOf } from "../src/email/customerEmailContent";
import type { OrderEventDetail } from "../src/events/orderEvent";
import { CUSTOMER_EMAIL_STATUSES, Fulfilment, OrderStatus } from "../src/order/rules";
import { RECEIPT_STATUSES } from "../src/receipt/receipt";

const settings = { webAppUrl: "https://shop.example/" };

function detail(overrides: Partial<OrderEventDetail> = {}): OrderEventDetail {
  const orderId = overrides.orderId ?? "01HZYXWVUTSRQPONMLKJIHGFED";
  return {
    eventId: `${orderId}#4`,
    version: 1,
    orderId,
    orderNumber: "#042",
    fulfilment: Fulfilment.Pickup,
    sequence: 4,
    status: OrderStatus.Received,
    previousStatus: OrderStatus.PendingPayment,
    at: "2026-11-29T18:00:00.000Z",
    restaurant: { id: "Luigis", name: "Luigi's Trattoria" },
    customerId: "customer-alice",
    lines: [{ pizza: "Margherita", size: "LARGE", toppings: ["Chilli"], quantity: 2 }],
    totals: { totalCents: 2400, currency: "EUR" },
    failureReason: null,
    ...overrides,
  };
}

const reasonOf = (status: string) =>
  status === OrderStatus.PaymentFailed
    ? "Your card was declined."
    : status === OrderStatus.Refunded
      ? "Cancelled by the restaurant: the oven broke. Your payment is refunded in full."
      : status === OrderStatus.Cancelled
        ? "Cancelled by the customer."
        : null;

/** Every e-mailed status, READY once per fulfilment (and OUT_FOR_DELIVERY for delivered orders only). */
const emailed = CUSTOMER_EMAIL_STATUSES.flatMap(
  (status): Array<{ status: OrderStatus; fulfilment: Fulfilment }> =>
    status === OrderStatus.Ready
      ? [Fulfilment.Pickup, Fulfilment.Delivery].map((fulfilment) => ({ status, fulfilment }))
      : [{ status, fulfilment: status === OrderStatus.OutForDelivery ? Fulfilment.Delivery : Fulfilment.Pickup }],
);

describe("the customer e-mail's content", () => {
  it("names the order number and the restaurant in the subject and the first line, with a sentence of its own per e-mailed status", () => {
    const headlines = new Set<string>();
    for (const { status, fulfilment } of emailed) {
      const email = composeCustomerEmail(detail({ status, fulfilment, failureReason: reasonOf(status) }), settings);
      expect(email.subject, status).toMatch(/^Order #042 from Luigi's Trattoria: /);
      expect(email.text.split("\n")[0], status).toMatch(/^Your order #042 from Luigi's Trattoria /);
      expect(email.html).toContain("Your order #042 from Luigi&#39;s Trattoria ");
      // Its own words, not the plain fallback for a status without any.
      expect(wordingOf(status, fulfilment).headline, status).not.toMatch(/^is now /);
      headlines.add(email.text.split("\n")[0]!);
      // The status and the order id stay as a small reference line.
      for (const body of [email.text, email.html]) {
        expect(body).toContain(`status ${status}`);
        expect(body).toContain("order reference 01HZYXWVUTSRQPONMLKJIHGFED");
      }
    }
    expect(headlines.size).toBe(emailed.length);
  });

  it("says what each status means to the customer: ready for pickup or leaving with a driver, on its way, complete, declined, refunded", () => {
    const firstLine = (overrides: Partial<OrderEventDetail>) => composeCustomerEmail(detail(overrides), settings).text.split("\n")[0];
    expect(firstLine({ status: OrderStatus.Received })).toContain("is paid and confirmed");
    expect(firstLine({ status: OrderStatus.Ready, fulfilment: Fulfilment.Pickup })).toContain("ready for pickup");
    expect(firstLine({ status: OrderStatus.Ready, fulfilment: Fulfilment.Delivery })).not.toContain("pickup");
    expect(firstLine({ status: OrderStatus.Ready, fulfilment: Fulfilment.Delivery })).toContain("driver");
    expect(firstLine({ status: OrderStatus.OutForDelivery, fulfilment: Fulfilment.Delivery })).toContain("on its way");
    expect(firstLine({ status: OrderStatus.Completed })).toContain("complete");
    expect(firstLine({ status: OrderStatus.Completed })).not.toContain("confirmed");
    expect(firstLine({ status: OrderStatus.PaymentFailed })).toContain("could not be paid");
    expect(firstLine({ status: OrderStatus.Refunded })).toContain("cancelled by the restaurant");
    expect(firstLine({ status: OrderStatus.Refunded })).toContain("refunded");

    const declined = composeCustomerEmail(detail({ status: OrderStatus.PaymentFailed, failureReason: "Your card was declined." }), settings);
    expect(declined.text).toContain("Your card was declined.");
    expect(declined.text).toContain("try another card");
    expect(declined.text).toContain("Total: 24.00 EUR");
    const refunded = composeCustomerEmail(detail({ status: OrderStatus.Refunded, failureReason: reasonOf(OrderStatus.Refunded) }), settings);
    expect(refunded.text).toContain("Cancelled by the restaurant: the oven broke.");
    expect(refunded.text).toContain("Refunded: 24.00 EUR");
    expect(composeCustomerEmail(detail({ status: OrderStatus.Completed }), settings).text).toContain("Paid: 24.00 EUR");
  });

  it("links a signed-in customer to the order's page in the web app — where the receipt is, on completion and refund", () => {
    const page = "https://shop.example/orders/01HZYXWVUTSRQPONMLKJIHGFED";
    for (const status of RECEIPT_STATUSES) {
      const email = composeCustomerEmail(detail({ status, failureReason: reasonOf(status) }), settings);
      expect(email.text).toContain(`Your receipt is on your order's page (sign in, then Download receipt): ${page}`);
      expect(email.html).toContain(`<a href="${page}">${page}</a>`);
    }
    expect(composeCustomerEmail(detail({ status: OrderStatus.PaymentFailed }), settings).text).toContain(`another card on your order's page: ${page}`);
    expect(composeCustomerEmail(detail({ status: OrderStatus.Received }), { webAppUrl: "http://localhost:5173" }).text).toContain(
      "Follow your order: http://localhost:5173/orders/01HZYXWVUTSRQPONMLKJIHGFED",
    );
  });

  it("sends a guest to the tracking link they kept, never to a page that would ask for the secret the e-mail cannot carry", () => {
    for (const { status, fulfilment } of emailed) {
      const email = composeCustomerEmail(detail({ status, fulfilment, customerId: null, failureReason: reasonOf(status) }), settings);
      for (const body of [email.text, email.html]) {
        expect(body).toContain("the tracking link you kept when you ordered");
        expect(body).not.toContain("shop.example");
        expect(body).not.toContain("<a ");
      }
    }
    expect(composeCustomerEmail(detail({ status: OrderStatus.Completed, customerId: null }), settings).text).toContain("choose Download receipt");
  });

  it("names nothing of another order, and escapes every order value in the HTML", () => {
    const other = detail({
      orderId: "01OTHERORDERIDOTHERORDERID",
      orderNumber: "#977",
      customerId: "customer-bob",
      restaurant: { id: "Dominos", name: "Dominos" },
      lines: [{ pizza: "Hawaiian", size: "SMALL", toppings: [], quantity: 1 }],
      totals: { totalCents: 999, currency: "EUR" },
    });
    const mine = composeCustomerEmail(detail({ status: OrderStatus.Completed }), settings);
    expect(composeCustomerEmail(other, settings).text).toContain("#977");
    for (const trace of ["01OTHERORDERIDOTHERORDERID", "#977", "customer-bob", "Dominos", "Hawaiian", "9.99"]) {
      expect(JSON.stringify(mine)).not.toContain(trace);
    }
    expect(JSON.stringify(mine)).not.toContain("customer-alice");

    const hostile = composeCustomerEmail(
      detail({
        status: OrderStatus.PaymentFailed,
        failureReason: '<img src=x onerror="alert(1)">',
        lines: [{ pizza: "<b>Margherita</b>", size: "LARGE", toppings: ["Chilli & <i>oil</i>"], quantity: 1 }],
      }),
      settings,
    );
    expect(hostile.html).not.toMatch(/<img|<b>|<i>/);
    expect(hostile.html).toContain("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;");
    expect(hostile.html).toContain("Chilli &amp; &lt;i&gt;oil&lt;/i&gt;");
  });

  it("an order stored without a number is still named by its restaurant, its id in the reference line", () => {
    const email = composeCustomerEmail(detail({ orderNumber: null, status: OrderStatus.Completed }), settings);
    expect(email.subject).toBe("Order from Luigi's Trattoria: complete");
    expect(email.text.split("\n")[0]).toBe("Your order from Luigi's Trattoria is complete. Enjoy your meal!");
    expect(email.text).toContain("order reference 01HZYXWVUTSRQPONMLKJIHGFED");
  });
});

describe("the e-mail's settings", () => {
  it("read WEB_APP_URL, refusing a missing or non-http(s) address with a readable error", () => {
    expect(readCustomerEmailSettings({ WEB_APP_URL: "https://shop.example" })).toEqual({ webAppUrl: "https://shop.example" });
    for (const value of [undefined, "", "shop.example", "ftp://shop.example"]) {
      expect(() => readCustomerEmailSettings({ WEB_APP_URL: value })).toThrow("WEB_APP_URL must be the web app's http(s) address");
    }
  });
});

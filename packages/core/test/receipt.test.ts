// The receipt an order earns: what it says (read back from the PDF with an independent parser),
// when an order earns one, and that it never disagrees with the charge.
import { describe, expect, it, vi } from "vitest";
import type { Order } from "../src/order/order";
import { receiptLines, receiptOf } from "../src/receipt/receipt";
import { renderReceiptPdf } from "../src/receipt/receiptPdf";
import { testOrder } from "./support/orderRecords";
import { pdfText } from "./support/pdfText";

// Margherita (10.00 medium) large = 130 % → 13.00, plus Chilli 0.50 → 13.50 each; two → 27.00.
const completedAt = "2026-11-29T10:04:00.000Z";
function completedOrder(overrides: Partial<Order> = {}): Order {
  return testOrder({
    id: "01JRECEIPTORDER",
    orderNumber: "#042",
    currency: "USD",
    totalCents: 2700,
    orderStatus: "COMPLETED",
    statusHistory: [
      { status: "QUEUED", at: "2026-11-29T10:00:00.000Z" },
      { status: "PENDING_PAYMENT", at: "2026-11-29T10:01:00.000Z" },
      { status: "COMPLETED", at: completedAt },
    ],
    payment: { outcome: "SUCCEEDED", amountCents: 2700, reference: "pay_1", at: "2026-11-29T10:02:00.000Z" },
    ...overrides,
  });
}

describe("receipt content", () => {
  it("names the restaurant, the order, each line (pizza, size, toppings, quantity, prices), the fees, the total, that it was paid, and the dates", async () => {
    const receipt = receiptOf(completedOrder());
    expect(receipt).toBeDefined();
    const text = await pdfText(await renderReceiptPdf(receipt!));
    expect(text).toContain("Luigi's Trattoria");
    expect(text).toContain("Receipt — paid");
    expect(text).toContain("Order #042");
    expect(text).toContain("Reference 01JRECEIPTORDER");
    expect(text).toContain("Placed 2026-11-29 10:00 UTC");
    expect(text).toContain("Paid 2026-11-29 10:02 UTC");
    expect(text).toContain("Issued 2026-11-29 10:04 UTC");
    expect(text).toMatch(/Margherita, Large \(35 cm\) 2 \$13\.50 \$27\.00/);
    expect(text).toContain("with Chilli");
    expect(text).toContain("Fees $0.00");
    expect(text).toContain("Total $27.00");
    expect(text).toContain("Paid in full: $27.00");
    expect(text).not.toContain("refunded");
  });

  it("leaves the toppings line out when there are none, and prices the pizza alone", async () => {
    // Pizza (9.00 medium) small = 80 % → 7.20; three → 21.60.
    const order = completedOrder({ name: "Pizza", size: "SMALL", toppings: [], quantity: 3, totalCents: 2160, restaurantId: "Dominos" });
    order.payment = { ...order.payment!, amountCents: 2160 };
    const text = await pdfText(await renderReceiptPdf(receiptOf(order)!));
    expect(text).toContain("Dominos");
    expect(text).toMatch(/Pizza, Small \(25 cm\) 3 \$7\.20 \$21\.60/);
    expect(text).not.toContain("with ");
    expect(text).toContain("Total $21.60");
  });

  it("has one line for today's single-item order, priced from the menu", () => {
    expect(receiptLines({ name: "Pepperoni", size: "MEDIUM", toppings: ["Bacon", "Olives"], quantity: 4 })).toEqual([
      // 12.00 + 2.00 + 1.00 = 15.00 each; four → 60.00
      {
        pizza: "Pepperoni",
        size: "MEDIUM",
        sizeLabel: "Medium (30 cm)",
        toppings: ["Bacon", "Olives"],
        quantity: 4,
        unitPriceCents: 1500,
        linePriceCents: 6000,
      },
    ]);
  });

  it("is the same bytes every time it is made for the same order (a repeated write carries the same document)", async () => {
    // Made on two different days: no clock reading may end up in the document.
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      vi.setSystemTime(new Date("2026-11-29T12:00:00Z"));
      const first = await renderReceiptPdf(receiptOf(completedOrder())!);
      vi.setSystemTime(new Date("2026-12-01T08:30:00Z"));
      const second = await renderReceiptPdf(receiptOf(completedOrder())!);
      expect(Buffer.from(second).equals(Buffer.from(first))).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });
});

function refundedOrder(overrides: Partial<Order> = {}): Order {
  return completedOrder({
    orderStatus: "REFUNDED",
    statusHistory: [
      { status: "QUEUED", at: "2026-11-29T10:00:00.000Z" },
      { status: "PENDING_PAYMENT", at: "2026-11-29T10:01:00.000Z" },
      { status: "RECEIVED", at: "2026-11-29T10:02:00.000Z" },
      { status: "CANCELLED_BY_SHOP", at: "2026-11-29T10:05:00.000Z", reason: "Oven broke" },
      { status: "REFUNDED", at: "2026-11-29T10:06:00.000Z" },
    ],
    refund: { amountCents: 2700, reference: "ref_1", at: "2026-11-29T10:06:00.000Z" },
    ...overrides,
  });
}

describe("a refund's receipt", () => {
  it("says the order was refunded, how much and when, with the same lines and total", async () => {
    const receipt = receiptOf(refundedOrder());
    expect(receipt?.kind).toBe("refund");
    const text = await pdfText(await renderReceiptPdf(receipt!));
    expect(text).toContain("Receipt — refunded");
    expect(text).toContain("Order #042");
    expect(text).toContain("Paid 2026-11-29 10:02 UTC");
    expect(text).toContain("Refunded 2026-11-29 10:06 UTC");
    expect(text).toContain("Issued 2026-11-29 10:06 UTC");
    expect(text).toMatch(/Margherita, Large \(35 cm\) 2 \$13\.50 \$27\.00/);
    expect(text).toContain("Refunded: $27.00");
    expect(text).not.toContain("Paid in full");
  });

  it("is owed only once the refund is recorded, and never for a refund that differs from the charge", () => {
    expect(receiptOf(refundedOrder({ refund: undefined }))).toBeUndefined();
    expect(receiptOf(refundedOrder({ orderStatus: "CANCELLED_BY_SHOP" }))).toBeUndefined();
    expect(() => receiptOf(refundedOrder({ refund: { amountCents: 100, reference: "ref_1", at: "2026-11-29T10:06:00.000Z" } }))).toThrow(
      /100 cents refunded of 2700 charged/,
    );
  });
});

describe("when an order earns a receipt", () => {
  it("only once completed with a successful payment", () => {
    expect(receiptOf(completedOrder())?.kind).toBe("payment");
    expect(receiptOf(testOrder())).toBeUndefined();
    expect(receiptOf(completedOrder({ orderStatus: "PENDING_PAYMENT" }))).toBeUndefined();
    expect(receiptOf(completedOrder({ orderStatus: "CANCELLED" }))).toBeUndefined();
    expect(
      receiptOf(completedOrder({ orderStatus: "PAYMENT_FAILED", payment: { outcome: "DECLINED", amountCents: 2700, reference: "pay_1", at: completedAt } })),
    ).toBeUndefined();
    expect(receiptOf(completedOrder({ payment: undefined }))).toBeUndefined();
  });

  it("never with lines or a charge that disagree with the order's total", () => {
    expect(() => receiptOf(completedOrder({ totalCents: 2400 }))).toThrow(/add up to 2700 cents/);
    const overcharged = completedOrder();
    overcharged.payment = { ...overcharged.payment!, amountCents: 2800 };
    expect(() => receiptOf(overcharged)).toThrow(/2800 was charged/);
  });
});

// The e-mail a finished order sends reads as the customer ordered: the restaurant by its menu name.
import { describe, expect, it } from "vitest";
import { composeOrderNotification } from "../src/notification/orderNotification";
import type { Order } from "../src/order/order";
import { OrderStatus } from "../src/order/rules";

const order: Order = {
  id: "01JORDER",
  name: "Margherita",
  quantity: 2,
  restaurantId: "Luigis",
  size: "LARGE",
  toppings: ["Chilli"],
  orderStatus: OrderStatus.Completed,
  totalCents: 3200,
  currency: "USD",
  createdAt: "2026-11-29T12:00:00.000Z",
  updatedAt: "2026-11-29T12:00:05.000Z",
  statusHistory: [],
  version: 1,
};

describe("order notification", () => {
  it("names the restaurant as the menu does, not by its id", () => {
    const { message } = composeOrderNotification(order);
    expect(message).toContain("2 × Margherita (large, Chilli) from Luigi's Trattoria");
    expect(message).not.toMatch(/from Luigis\b/);
  });

  it("says why an order failed, naming the restaurant the same way", () => {
    const { message, subject } = composeOrderNotification({ ...order, orderStatus: OrderStatus.PaymentFailed, failureReason: "Your card was declined." });
    expect(subject).toBe("Pizza order 01JORDER: PAYMENT_FAILED");
    expect(message).toContain("from Luigi's Trattoria");
    expect(message).toContain("Reason: Your card was declined.");
  });
});

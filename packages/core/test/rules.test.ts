import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  canTransition,
  isTerminal,
  ORDER_LIMITS,
  OrderInputSchema,
  OrderStatus,
  statusesAllowedBefore,
  TERMINAL_STATUSES,
  UpdateOrderInputSchema,
} from "../src/order/rules";
import { validate } from "../src/order/validation";
import { ValidationError } from "../src/errors";

const seed = { name: "Pizza", quantity: 6, restaurantId: "Dominos" };

function fieldErrorsOf(input: unknown): Record<string, string> {
  try {
    validate(OrderInputSchema, input);
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).fieldErrors;
  }
  throw new Error("expected the input to be refused");
}

describe("order input rules", () => {
  it("accepts the original tutorial's seed payload as is, with defaults", () => {
    expect(validate(OrderInputSchema, seed)).toEqual({ ...seed, size: "MEDIUM", toppings: [], customerEmail: undefined, paymentToken: undefined });
  });

  it("accepts GraphQL nulls for optional fields", () => {
    const parsed = validate(OrderInputSchema, { ...seed, size: null, toppings: null, customerEmail: null, paymentToken: null });
    expect(parsed.size).toBe("MEDIUM");
    expect(parsed.toppings).toEqual([]);
  });

  it("accepts every whole quantity within the limits and refuses every other number", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1000, max: 1000 }), (quantity) => {
        const ok = OrderInputSchema.safeParse({ ...seed, quantity }).success;
        expect(ok).toBe(quantity >= ORDER_LIMITS.minQuantity && quantity <= ORDER_LIMITS.maxQuantity);
      }),
    );
    expect(fieldErrorsOf({ ...seed, quantity: 2.5 }).quantity).toBe("Quantity must be a whole number");
    expect(fieldErrorsOf({ ...seed, quantity: 0 }).quantity).toBe("Quantity must be at least 1");
    expect(fieldErrorsOf({ ...seed, quantity: 21 }).quantity).toBe("Quantity must be at most 20");
  });

  it("refuses unknown pizzas and restaurants, empty and oversized strings", () => {
    expect(fieldErrorsOf({ ...seed, name: "Sushi" }).name).toBe("Pizza must be one from the menu");
    expect(fieldErrorsOf({ ...seed, name: "   " }).name).toBe("Pizza must not be empty");
    expect(fieldErrorsOf({ ...seed, name: "x".repeat(61) }).name).toBe("Pizza must be at most 60 characters");
    expect(fieldErrorsOf({ ...seed, restaurantId: "Nowhere" }).restaurantId).toBe("Restaurant must be one from the menu");
    expect(fieldErrorsOf({ ...seed, restaurantId: "" }).restaurantId).toBe("Restaurant must not be empty");
  });

  it("refuses malformed e-mail, unknown or repeated toppings, and bad payment tokens", () => {
    expect(fieldErrorsOf({ ...seed, customerEmail: "not-an-email" }).customerEmail).toBe("E-mail address is not valid");
    expect(fieldErrorsOf({ ...seed, customerEmail: `${"a".repeat(250)}@x.io` }).customerEmail).toMatch(/at most 254/);
    expect(fieldErrorsOf({ ...seed, toppings: ["Gold leaf"] })["toppings.0"]).toBe("Each topping must be one from the menu");
    expect(fieldErrorsOf({ ...seed, toppings: ["Chilli", "Chilli"] }).toppings).toBe("Each topping may be chosen once");
    expect(fieldErrorsOf({ ...seed, toppings: ["Chilli", "Olives", "Bacon", "Mushrooms", "Extra cheese", "Jalapeños"] }).toppings).toBe(
      "Choose at most 5 toppings",
    );
    expect(fieldErrorsOf({ ...seed, paymentToken: "4111111111111111" }).paymentToken).toBe("Payment token is not valid (it looks like tok_…)");
  });

  it("reports every broken field at once, in one message", () => {
    try {
      validate(OrderInputSchema, { name: "", quantity: 0, restaurantId: "?" });
      expect.unreachable();
    } catch (error) {
      const { fieldErrors, message } = error as ValidationError;
      expect(Object.keys(fieldErrors).sort()).toEqual(["name", "quantity", "restaurantId"]);
      expect(message).toContain("Quantity must be at least 1");
    }
  });

  it("needs at least one field to change on update, and keeps only given fields", () => {
    expect(UpdateOrderInputSchema.safeParse({ id: "01ABC" }).success).toBe(false);
    // A guest's proof is not a change either.
    expect(UpdateOrderInputSchema.safeParse({ id: "01ABC", guestSecret: "secret" }).success).toBe(false);
    expect(validate(UpdateOrderInputSchema, { id: "01ABC", guestSecret: "secret", quantity: 2 })).toEqual({ id: "01ABC", guestSecret: "secret", quantity: 2 });
    expect(validate(UpdateOrderInputSchema, { id: "01ABC", quantity: 3, name: null })).toEqual({ id: "01ABC", quantity: 3 });
  });
});

describe("order lifecycle", () => {
  const all = Object.values(OrderStatus);

  it("allows exactly the documented transitions", () => {
    const allowed = all.flatMap((from) => all.filter((to) => canTransition(from, to)).map((to) => `${from}->${to}`));
    expect(allowed.sort()).toEqual(
      [
        "QUEUED->PENDING_PAYMENT",
        "QUEUED->CANCELLED",
        "PENDING_PAYMENT->PAYMENT_FAILED",
        "PENDING_PAYMENT->CANCELLED",
        "PENDING_PAYMENT->RECEIVED",
        "RECEIVED->PREPARING",
        "PREPARING->BAKING",
        "BAKING->READY",
        "READY->OUT_FOR_DELIVERY",
        "READY->COMPLETED",
        "OUT_FOR_DELIVERY->COMPLETED",
        "RECEIVED->CANCELLED_BY_SHOP",
        "PREPARING->CANCELLED_BY_SHOP",
        "BAKING->CANCELLED_BY_SHOP",
        "READY->CANCELLED_BY_SHOP",
        "OUT_FOR_DELIVERY->CANCELLED_BY_SHOP",
        "CANCELLED_BY_SHOP->REFUNDED",
        "PAYMENT_FAILED->QUEUED",
      ].sort(),
    );
  });

  it("never leaves a terminal status", () => {
    // The one way out: another card for a declined order (retryPayment).
    for (const from of TERMINAL_STATUSES) for (const to of all) expect(canTransition(from, to), `${from}->${to}`).toBe(from === "PAYMENT_FAILED" && to === "QUEUED");
    expect(all.filter(isTerminal).sort()).toEqual(["CANCELLED", "COMPLETED", "PAYMENT_FAILED", "REFUNDED"]);
  });

  it("derives the statuses a change may start from", () => {
    expect(statusesAllowedBefore(OrderStatus.Cancelled).sort()).toEqual(["PENDING_PAYMENT", "QUEUED"]);
    expect(statusesAllowedBefore(OrderStatus.Completed).sort()).toEqual(["OUT_FOR_DELIVERY", "READY"]);
    expect(statusesAllowedBefore(OrderStatus.Received)).toEqual(["PENDING_PAYMENT"]);
    expect(statusesAllowedBefore(OrderStatus.Refunded)).toEqual(["CANCELLED_BY_SHOP"]);
    expect(statusesAllowedBefore(OrderStatus.Queued)).toEqual(["PAYMENT_FAILED"]);
  });
});

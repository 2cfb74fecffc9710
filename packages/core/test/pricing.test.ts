import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { PIZZAS, SIZES, TOPPINGS } from "../src/menu/menu";
import { priceOrder } from "../src/menu/pricing";

describe("pricing", () => {
  it("prices the seed order from the menu", () => {
    // Pizza, MEDIUM: 9.00 each, 6 of them.
    expect(priceOrder({ name: "Pizza", size: "MEDIUM", toppings: [], quantity: 6 })).toBe(5400);
  });

  it("applies the size percentage before adding toppings", () => {
    // Pepperoni 12.00 × 130% = 15.60, + Extra cheese 1.50 + Chilli 0.50 = 17.60, × 2
    expect(priceOrder({ name: "Pepperoni", size: "LARGE", toppings: ["Extra cheese", "Chilli"], quantity: 2 })).toBe(3520);
    // Margherita 10.00 × 80% = 8.00
    expect(priceOrder({ name: "Margherita", size: "SMALL", toppings: [], quantity: 1 })).toBe(800);
  });

  it("is the unit price times the quantity, in whole cents, for any menu choice", () => {
    const choice = fc.record({
      name: fc.constantFrom(...PIZZAS.map((pizza) => pizza.name)),
      size: fc.constantFrom(...SIZES.map((size) => size.size)),
      toppings: fc.uniqueArray(fc.constantFrom(...TOPPINGS.map((topping) => topping.name)), { maxLength: 5 }),
      quantity: fc.integer({ min: 1, max: 20 }),
    });
    fc.assert(
      fc.property(choice, (item) => {
        const total = priceOrder(item);
        expect(Number.isInteger(total)).toBe(true);
        expect(total).toBe(priceOrder({ ...item, quantity: 1 }) * item.quantity);
        expect(total).toBeGreaterThan(0);
      }),
    );
  });

  it("refuses items that are not on the menu", () => {
    expect(() => priceOrder({ name: "Calzone", size: "MEDIUM", toppings: [], quantity: 1 })).toThrow(/not on the menu/);
    expect(() => priceOrder({ name: "Pizza", size: "MEDIUM", toppings: ["Gold"], quantity: 1 })).toThrow(/not a topping/);
  });
});

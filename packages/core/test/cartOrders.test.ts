// Cart orders: pricing from the menu (property tests), the limits, pickup/delivery, the short
// order number per restaurant and day, and the closed/full refusal that writes nothing — against a
// real DynamoDB-API server (dynalite).
import { ScanCommand } from "@aws-sdk/lib-dynamodb";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Caller } from "../src/access/caller";
import { RestaurantUnavailableError, ValidationError } from "../src/errors";
import { formatOrderNumber } from "../src/kitchen/restaurantRepository";
import { defaultSettings, localClock, type OpeningHours, WEEKDAYS } from "../src/kitchen/restaurantSettings";
import { DELIVERY_FEE_CENTS, PIZZAS, SIZES, TOPPINGS } from "../src/menu/menu";
import { priceCart, priceLine } from "../src/menu/pricing";
import { OrderRepository } from "../src/order/orderRepository";
import { placeOrder } from "../src/order/placeOrder";
import { ORDER_LIMITS, placeOrderInputSchemaFor } from "../src/order/rules";
import { validate } from "../src/order/validation";
import { type DynaliteOrdersTable, startDynaliteOrdersTable } from "./support/dynaliteOrdersTable";
import { recordingQueue } from "./support/recordingQueue";

const line = fc.record({
  pizza: fc.constantFrom(...PIZZAS.map((pizza) => pizza.name)),
  size: fc.constantFrom(...SIZES.map((size) => size.size)),
  toppings: fc.uniqueArray(fc.constantFrom(...TOPPINGS.map((topping) => topping.name)), { maxLength: 5 }),
  quantity: fc.integer({ min: 1, max: 3 }),
});
const cart = fc.array(line, { minLength: 1, maxLength: ORDER_LIMITS.maxLines });

const guest: Caller = { kind: "guest" };
const customer = (id: string): Caller => ({ kind: "customer", customerId: id });

function fieldErrorsOf(input: unknown): Record<string, string> {
  try {
    validate(placeOrderInputSchemaFor(input), input);
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).fieldErrors;
  }
  throw new Error("expected a ValidationError");
}

describe("cart pricing", () => {
  it("totals the sum of the lines plus the delivery fee, in whole cents, whatever the order of the lines", () => {
    fc.assert(
      fc.property(cart, fc.boolean(), fc.integer(), (lines, delivery, seed) => {
        const priced = priceCart({ lines, delivery });
        expect(priced.subtotalCents).toBe(lines.reduce((sum, l) => sum + priceLine(l).unitPriceCents * l.quantity, 0));
        expect(priced.totalCents).toBe(priced.lines.reduce((sum, l) => sum + l.lineTotalCents, 0) + (delivery ? DELIVERY_FEE_CENTS : 0));
        for (const l of priced.lines) expect(Number.isInteger(l.unitPriceCents) && l.lineTotalCents === l.unitPriceCents * l.quantity).toBe(true);
        // Any permutation of the lines prices the same.
        const shuffled = [...lines].sort(() => (seed = (seed * 1103515245 + 12345) | 0) % 3 - 1);
        expect(priceCart({ lines: shuffled, delivery }).totalCents).toBe(priced.totalCents);
        expect(priceCart({ lines: [...lines].reverse(), delivery }).totalCents).toBe(priced.totalCents);
      }),
    );
  });

  it("prices the original one-pizza payload as one line", () => {
    const input = validate(placeOrderInputSchemaFor({ name: "Pizza", quantity: 6, restaurantId: "Dominos" }), { name: "Pizza", quantity: 6, restaurantId: "Dominos" });
    expect(input.lines).toEqual([{ pizza: "Pizza", size: "MEDIUM", toppings: [], quantity: 6 }]);
    expect(input.fulfilment).toBe("PICKUP");
    expect(priceCart({ lines: input.lines, delivery: false }).totalCents).toBe(5400);
  });
});

describe("cart limits and fulfilment", () => {
  const oneLine = { pizza: "Margherita", quantity: 1 };

  it("refuses too many lines, too many pizzas, and an empty cart, naming the field", () => {
    expect(fieldErrorsOf({ restaurantId: "Dominos", lines: Array.from({ length: ORDER_LIMITS.maxLines + 1 }, () => oneLine) }).lines).toBe(
      `An order has at most ${ORDER_LIMITS.maxLines} lines`,
    );
    expect(fieldErrorsOf({ restaurantId: "Dominos", lines: [{ pizza: "Pizza", quantity: 20 }, { pizza: "Veggie", quantity: 11 }] }).lines).toBe(
      `An order has at most ${ORDER_LIMITS.maxPizzas} pizzas (this one has 31)`,
    );
    expect(fieldErrorsOf({ restaurantId: "Dominos", lines: [] }).lines).toBe("Add at least one pizza");
    expect(fieldErrorsOf({ restaurantId: "Dominos", lines: [{ pizza: "Sushi", quantity: 1 }] })["lines.0.pizza"]).toBe("Pizza must be one from the menu");
    expect(fieldErrorsOf({ restaurantId: "Dominos", lines: [{ pizza: "Pizza", quantity: 21 }] })["lines.0.quantity"]).toBe("Quantity must be at most 20");
  });

  it("refuses both forms at once, a delivery without an address and an address for a pickup", () => {
    expect(fieldErrorsOf({ restaurantId: "Dominos", name: "Pizza", quantity: 1, lines: [oneLine] }).lines).toMatch(/either lines or one pizza/);
    expect(fieldErrorsOf({ restaurantId: "Dominos", lines: [oneLine], fulfilment: "DELIVERY" }).deliveryAddress).toBe("A delivery needs an address");
    const address = { street: "1 Main St", city: "Springfield", postalCode: "12345" };
    expect(fieldErrorsOf({ restaurantId: "Dominos", lines: [oneLine], deliveryAddress: address }).deliveryAddress).toMatch(/only for a delivery/);
    expect(fieldErrorsOf({ restaurantId: "Dominos", lines: [oneLine], fulfilment: "DELIVERY", deliveryAddress: { ...address, city: " " } })["deliveryAddress.city"]).toBe(
      "City must not be empty",
    );
  });
});

describe("placing cart orders", () => {
  let table: DynaliteOrdersTable;
  let orders: OrderRepository;
  const itemCount = async () => (await table.documentClient.send(new ScanCommand({ TableName: table.tableName, Select: "COUNT" }))).Count ?? 0;

  beforeAll(async () => {
    table = await startDynaliteOrdersTable();
    orders = new OrderRepository(table.documentClient, table.tableName);
  });
  afterAll(() => table.close());

  it("stores the server's prices, never a client's total, with the delivery fee and a short number", async () => {
    const { queue, sent } = recordingQueue();
    const lines = [
      { pizza: "Margherita", size: "LARGE", toppings: ["Chilli"], quantity: 2 },
      { pizza: "Pepperoni", quantity: 1 },
      { pizza: "Veggie", size: "SMALL", quantity: 3 },
    ];
    const address = { street: "1 Main St", city: "Springfield", postalCode: "12345", instructions: "Ring twice" };
    const { order } = await placeOrder({ orders, queue }, customer("cart-1"), {
      restaurantId: "Luigis",
      lines,
      fulfilment: "DELIVERY",
      deliveryAddress: address,
      totalCents: 1,
      total: 0.01,
    });
    const expected = priceCart({ lines: [
      { pizza: "Margherita", size: "LARGE", toppings: ["Chilli"], quantity: 2 },
      { pizza: "Pepperoni", size: "MEDIUM", toppings: [], quantity: 1 },
      { pizza: "Veggie", size: "SMALL", toppings: [], quantity: 3 },
    ], delivery: true });
    const stored = await orders.get({ orderId: order.id });
    expect(stored?.totalCents).toBe(expected.totalCents);
    expect(stored?.lines).toEqual(expected.lines);
    expect(stored?.deliveryFeeCents).toBe(DELIVERY_FEE_CENTS);
    expect(stored?.subtotalCents).toBe(expected.subtotalCents);
    expect(stored?.deliveryAddress).toEqual(address);
    // The one-pizza view the original tutorial reads: the first line, and every pizza.
    expect({ name: stored?.name, quantity: stored?.quantity, size: stored?.size }).toEqual({ name: "Margherita", quantity: 6, size: "LARGE" });
    expect(stored?.orderNumber).toMatch(/^#\d{3,}$/);
    expect(stored?.eta && Date.parse(stored.eta)).toBeGreaterThan(Date.parse(stored!.createdAt));
    expect(sent).toEqual([{ orderId: order.id }]);
  });

  it("numbers each restaurant's orders of a day uniquely, also when 40 are placed at once", async () => {
    const { queue } = recordingQueue();
    const placed = await Promise.all(
      Array.from({ length: 40 }, (_, index) => placeOrder({ orders, queue }, index % 2 ? guest : customer(`numbered-${index}`), { name: "Pizza", quantity: 1, restaurantId: "NapoliExpress" })),
    );
    const numbers = placed.map(({ order }) => order.orderNumber);
    expect(new Set(numbers).size).toBe(40);
    expect(numbers.map((number) => Number(number!.slice(1))).sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, index) => index + 1));
    // Another restaurant counts its own.
    const other = await placeOrder({ orders, queue }, guest, { name: "Pizza", quantity: 1, restaurantId: "Dominos" });
    expect(other.order.orderNumber).toBe("#001");
    expect(formatOrderNumber(7)).toBe("#007");
    expect(formatOrderNumber(1234)).toBe("#1234");
  });

  describe("a restaurant that takes no order now", () => {
    async function refusedWithNothingWritten(caller: Caller, input: Record<string, unknown>, reason: string) {
      const { queue, sent } = recordingQueue();
      const before = await itemCount();
      const refusal = await placeOrder({ orders, queue }, caller, input).catch((error: unknown) => error);
      expect(refusal).toBeInstanceOf(RestaurantUnavailableError);
      expect((refusal as RestaurantUnavailableError).errorInfo).toEqual({ restaurantId: input.restaurantId, reason });
      expect(await itemCount()).toBe(before);
      expect(sent).toEqual([]);
      return refusal as RestaurantUnavailableError;
    }

    it("refuses while the switch is off, with a message and nothing written (also with a client token)", async () => {
      await orders.restaurants.updateSettings({ restaurantId: "Dominos", acceptingOrders: false }, "staff-1", new Date().toISOString());
      const refusal = await refusedWithNothingWritten(guest, { name: "Pizza", quantity: 1, restaurantId: "Dominos" }, "CLOSED");
      expect(refusal.message).toBe("Dominos is not taking orders right now. Please try again later.");
      await refusedWithNothingWritten(customer("closed-1"), { name: "Pizza", quantity: 1, restaurantId: "Dominos", clientToken: "closed-token-0000000001" }, "CLOSED");
      await orders.restaurants.updateSettings({ restaurantId: "Dominos", acceptingOrders: true }, "staff-1", new Date().toISOString());
      expect((await placeOrder({ orders, queue: recordingQueue().queue }, guest, { name: "Pizza", quantity: 1, restaurantId: "Dominos" })).order.orderStatus).toBe("QUEUED");
    });

    it("refuses outside the opening hours in the restaurant's time zone", async () => {
      const now = new Date();
      const clock = localClock("America/New_York", now);
      // Open every day except today.
      const hours: OpeningHours[] = WEEKDAYS.filter((day) => day !== clock.day).map((day) => ({ day, opens: "00:00", closes: "24:00" }));
      await orders.restaurants.updateSettings({ restaurantId: "Luigis", openingHours: hours }, "staff-2", now.toISOString());
      const refusal = await refusedWithNothingWritten(guest, { name: "Pizza", quantity: 1, restaurantId: "Luigis" }, "OUTSIDE_HOURS");
      expect(refusal.message).toMatch(/closed at this hour/);
      await orders.restaurants.updateSettings({ restaurantId: "Luigis", openingHours: defaultSettings("Luigis").openingHours }, "staff-2", now.toISOString());
    });

    it("refuses when the kitchen's queue has no room for the order's pizzas", async () => {
      await orders.restaurants.updateSettings(
        { restaurantId: "Luigis", capacity: { ...defaultSettings("Luigis").capacity, maxPizzasInQueue: 4 } },
        "staff-2",
        new Date().toISOString(),
      );
      await refusedWithNothingWritten(guest, { restaurantId: "Luigis", lines: [{ pizza: "Pizza", quantity: 5 }] }, "KITCHEN_FULL");
      expect((await placeOrder({ orders, queue: recordingQueue().queue }, guest, { restaurantId: "Luigis", lines: [{ pizza: "Pizza", quantity: 4 }] })).order.quantity).toBe(4);
    });
  });
});

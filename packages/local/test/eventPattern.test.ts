// The local event bus's pattern matching, on EventBridge's documented examples and on the rules
// the stack deploys (the same objects).

import { orderEventDetailType } from "@pizza-orders/core/events/orderEvent";
import { CUSTOMER_EMAIL_RULE } from "@pizza-orders/core/events/orderEventRules";
import { CUSTOMER_EMAIL_STATUSES, OrderStatus } from "@pizza-orders/core/order/rules";
import { describe, expect, it } from "vitest";
import { matchesEventPattern, UnsupportedPatternError } from "../src/events/eventPattern";

const event = {
  source: "pizza-orders.orders",
  "detail-type": "Order Completed",
  resources: ["arn:aws:events:us-east-1:000000000000:thing/a", "arn:aws:events:us-east-1:000000000000:thing/b"],
  detail: { status: "COMPLETED", totals: { totalCents: 2400, currency: "EUR" }, customerId: null, lines: [{ pizza: "Margherita" }] },
};

describe("matchesEventPattern", () => {
  it("exact values: every field of the pattern must match one of its values; nested objects recurse", () => {
    expect(matchesEventPattern({ source: ["pizza-orders.orders", "other"] }, event)).toBe(true);
    expect(matchesEventPattern({ source: ["other"] }, event)).toBe(false);
    expect(matchesEventPattern({ source: ["pizza-orders.orders"], detail: { totals: { currency: ["EUR"] } } }, event)).toBe(true);
    expect(matchesEventPattern({ source: ["pizza-orders.orders"], detail: { totals: { currency: ["USD"] } } }, event)).toBe(false);
    expect(matchesEventPattern({ detail: { customerId: [null] } }, event)).toBe(true);
    expect(matchesEventPattern({ detail: { missing: ["x"] } }, event)).toBe(false);
    // An object pattern against a value that is not an object matches nothing.
    expect(matchesEventPattern({ detail: { status: { nested: ["x"] } } }, event)).toBe(false);
  });

  it("an array in the event matches when any element does", () => {
    expect(matchesEventPattern({ resources: ["arn:aws:events:us-east-1:000000000000:thing/b"] }, event)).toBe(true);
    expect(matchesEventPattern({ resources: [{ suffix: "/c" }] }, event)).toBe(false);
  });

  it("operators: prefix, suffix, equals-ignore-case, anything-but, exists, numeric", () => {
    expect(matchesEventPattern({ "detail-type": [{ prefix: "Order " }] }, event)).toBe(true);
    expect(matchesEventPattern({ "detail-type": [{ suffix: "Completed" }] }, event)).toBe(true);
    expect(matchesEventPattern({ "detail-type": [{ "equals-ignore-case": "order completed" }] }, event)).toBe(true);
    expect(matchesEventPattern({ detail: { status: [{ "anything-but": ["CANCELLED", "PAYMENT_FAILED"] }] } }, event)).toBe(true);
    expect(matchesEventPattern({ detail: { status: [{ "anything-but": "COMPLETED" }] } }, event)).toBe(false);
    expect(matchesEventPattern({ detail: { status: [{ "anything-but": { prefix: "COMP" } }] } }, event)).toBe(false);
    expect(matchesEventPattern({ detail: { failureReason: [{ exists: false }] } }, event)).toBe(true);
    expect(matchesEventPattern({ detail: { status: [{ exists: true }] } }, event)).toBe(true);
    expect(matchesEventPattern({ detail: { status: [{ exists: false }] } }, event)).toBe(false);
    expect(matchesEventPattern({ detail: { totals: { totalCents: [{ numeric: [">", 2000, "<=", 2400] }] } } }, event)).toBe(true);
    expect(matchesEventPattern({ detail: { totals: { totalCents: [{ numeric: ["<", 2400] }] } } }, event)).toBe(false);
  });

  it("refuses an operator it does not implement instead of guessing", () => {
    expect(() => matchesEventPattern({ source: [{ wildcard: "pizza-*" }] as never }, event)).toThrow(UnsupportedPatternError);
  });

  it("the customer e-mail rule matches exactly the order events of the statuses the customer hears about", () => {
    for (const status of Object.values(OrderStatus)) {
      const orderEvent = { source: "pizza-orders.orders", "detail-type": orderEventDetailType(status), detail: { status } };
      expect(matchesEventPattern(CUSTOMER_EMAIL_RULE.pattern, orderEvent), status).toBe(CUSTOMER_EMAIL_STATUSES.includes(status));
    }
    expect(matchesEventPattern(CUSTOMER_EMAIL_RULE.pattern, { ...event, source: "aws.ses" })).toBe(false);
  });
});

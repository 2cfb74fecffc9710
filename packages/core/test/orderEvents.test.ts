// Order changes → order events: one per status change, typed by the status (a status added to
// rules.ts needs no code), with a deterministic id, an allow-listed detail that validates against
// its versioned schema, and no secret; the publisher puts each on the bus and fails the change
// when the bus refuses it, so the stream delivers it again.
import type { EventBridgeClient, PutEventsCommand, PutEventsCommandOutput } from "@aws-sdk/client-eventbridge";
import { describe, expect, it } from "vitest";
import { orderChangeFromStreamRecord } from "../src/changes/orderChange";
import { OrderChangeDispatcher } from "../src/changes/orderChangeDispatcher";
import { ORDER_EVENT_SOURCE, type OrderEvent, orderEventDetailType, orderEventOf } from "../src/events/orderEvent";
import { OrderEventPublisher } from "../src/events/orderEventPublisher";
import { CUSTOMER_EMAIL_RULE } from "../src/events/orderEventRules";
import { OrderEventSchemas, SHARED_ORDER_EVENT_SCHEMA, schemaFileOf } from "../src/events/orderEventSchemas";
import { CUSTOMER_EMAIL_STATUSES, Fulfilment, OrderStatus } from "../src/order/rules";
import { storedItem, streamRecord } from "./support/orderRecords";

const at = (minute: number) => `2026-11-29T10:${String(minute).padStart(2, "0")}:00.000Z`;
const schemas = new OrderEventSchemas();

/** The envelope EventBridge wraps a put event in (what a target receives and the schemas describe). */
function envelope(event: OrderEvent) {
  return {
    version: "0",
    id: "6a7e8feb-b491-4cf7-a9f1-bf3703467718",
    "detail-type": event.detailType,
    source: event.source,
    account: "123456789012",
    time: event.time,
    region: "eu-west-1",
    resources: [],
    detail: event.detail,
  };
}

const guestSecretHash = "hash-of-the-guest-secret";
const history = [
  { status: OrderStatus.Queued, at: at(0) },
  { status: OrderStatus.PendingPayment, at: at(1) },
];
/** The lifecycle of a guest order that ends `end`: every stream record its writes make. */
function lifecycle(end: OrderStatus, numbered = true) {
  const orderNumber = numbered ? "#042" : undefined;
  const queued = storedItem({ customerId: undefined, guestSecretHash, orderNumber });
  const pending = storedItem({ customerId: undefined, guestSecretHash, orderNumber, orderStatus: OrderStatus.PendingPayment, statusHistory: history });
  const paid = { ...pending, payment: { outcome: "SUCCEEDED", amountCents: 2400, reference: "ref-1", at: at(2) } };
  const ended = storedItem({
    customerId: undefined,
    guestSecretHash,
    orderNumber,
    orderStatus: end,
    statusHistory: [...history, { status: end, at: at(3) }],
    ...(end === OrderStatus.Completed ? {} : { failureReason: "Your card was declined." }),
  });
  return [
    streamRecord("INSERT", undefined, queued),
    streamRecord("MODIFY", queued, pending),
    streamRecord("MODIFY", pending, paid),
    streamRecord("MODIFY", paid, ended),
  ];
}

const eventsOf = (records: ReturnType<typeof lifecycle>) =>
  records.map(orderChangeFromStreamRecord).flatMap((change) => (change ? [orderEventOf(change)] : []));

describe("order events", () => {
  it("one event per status change, typed by the status, each valid against its own versioned schema", () => {
    for (const end of [OrderStatus.Completed, OrderStatus.PaymentFailed, OrderStatus.Cancelled]) {
      const events = eventsOf(lifecycle(end));
      expect(events.map((event) => event.detailType)).toEqual(["Order Placed", "Order Pending Payment", orderEventDetailType(end)]);
      expect(events.map((event) => event.detail.eventId)).toEqual(["01ORDER#0", "01ORDER#1", "01ORDER#2"]);
      for (const event of events) {
        expect(event.source).toBe(ORDER_EVENT_SOURCE);
        const check = schemas.check(envelope(event));
        expect(check.errors).toEqual([]);
        expect(check.schemaFile).toBe(schemaFileOf(event.detailType));
        expect(check.schemaFile).not.toBe(SHARED_ORDER_EVENT_SCHEMA);
      }
    }
  });

  it("carries the order, restaurant, customer, lines and totals, and never a secret, tracking key or payment token", () => {
    const [placed, , ended] = eventsOf(lifecycle(OrderStatus.PaymentFailed));
    expect(placed!.detail).toMatchObject({
      orderId: "01ORDER",
      orderNumber: "#042",
      fulfilment: "PICKUP",
      sequence: 0,
      previousStatus: null,
      customerId: null,
      restaurant: { id: "Luigis", name: "Luigi's Trattoria" },
    });
    expect(ended!.detail).toMatchObject({
      status: OrderStatus.PaymentFailed,
      previousStatus: OrderStatus.PendingPayment,
      at: at(3),
      lines: [{ pizza: "Margherita", size: "LARGE", toppings: ["Chilli"], quantity: 2 }],
      totals: { totalCents: 2400, currency: "EUR" },
      failureReason: "Your card was declined.",
    });
    const text = JSON.stringify(eventsOf(lifecycle(OrderStatus.Completed)));
    for (const secret of [guestSecretHash, "tok_visa", "ref-1", "a@example.com"]) expect(text).not.toContain(secret);
  });

  it("the schemas refuse a detail with anything outside the allow-list (a tracking key, a payment token)", () => {
    const [event, , completed] = eventsOf(lifecycle(OrderStatus.Completed));
    for (const extra of [{ guestTrackingKey: guestSecretHash }, { paymentToken: "tok_visa" }]) {
      const check = schemas.check(envelope({ ...event!, detail: { ...event!.detail, ...extra } as never }));
      expect(check.valid).toBe(false);
    }
    expect(schemas.check(envelope(completed!)).valid).toBe(true);
    expect(schemas.check(envelope({ ...completed!, detail: { ...completed!.detail, previousStatus: null } })).valid).toBe(false);
    expect(schemas.check(envelope({ ...event!, detailType: "Order Placed", detail: { ...event!.detail, sequence: 2 } })).valid).toBe(false);
  });

  it("an order stored without a number (placed before the kitchen numbered orders) has a null orderNumber, still valid", () => {
    for (const event of eventsOf(lifecycle(OrderStatus.Completed, false))) {
      expect(event.detail.orderNumber).toBeNull();
      expect(schemas.check(envelope(event)).errors).toEqual([]);
    }
    const [event] = eventsOf(lifecycle(OrderStatus.Completed));
    expect(schemas.check(envelope({ ...event!, detail: { ...event!.detail, orderNumber: "42" } })).valid).toBe(false);
    const { orderNumber: _left, ...withoutNumber } = event!.detail;
    expect(schemas.check(envelope({ ...event!, detail: withoutNumber as never })).valid).toBe(false);
  });

  it("every status of the rules has its own versioned schema file, which the checker picks and which pins the type and the status", () => {
    const [placed, pending] = eventsOf(lifecycle(OrderStatus.Completed));
    const files = new Set(schemas.files());
    const changeTo = (status: OrderStatus) => ({
      ...pending!,
      detailType: orderEventDetailType(status),
      detail: { ...pending!.detail, status, failureReason: "Out of dough." },
    });
    const delivered = (event: OrderEvent) => ({ ...event, detail: { ...event.detail, fulfilment: Fulfilment.Delivery } });
    for (const status of Object.values(OrderStatus)) {
      const event = status === OrderStatus.OutForDelivery ? delivered(changeTo(status)) : changeTo(status);
      const file = schemaFileOf(event.detailType);
      expect(files, `${event.detailType}: ${file}`).toContain(file);
      expect(schemas.check(envelope(event))).toMatchObject({ schemaFile: file, valid: true });
      // Its file pins the status: a detail naming another one is refused.
      const other = status === OrderStatus.Completed ? OrderStatus.Ready : OrderStatus.Completed;
      expect(schemas.check(envelope({ ...event, detail: { ...event.detail, status: other } })).valid, `${file} with ${other}`).toBe(false);
    }
    // The placed event (the first status) has its own file too, pinned to the status orders are placed in.
    expect(schemas.check(envelope(placed!))).toMatchObject({ schemaFile: "order-placed.v1.json", valid: true });
    expect(schemas.check(envelope({ ...placed!, detail: { ...placed!.detail, status: OrderStatus.PendingPayment } })).valid).toBe(false);
    // Only delivered orders go out for delivery.
    expect(schemas.check(envelope(changeTo(OrderStatus.OutForDelivery))).valid).toBe(false);
  });

  it("a type without a schema file of its own (a status the rules gain later) still makes a typed event, checked against the shared schema", () => {
    const [event] = eventsOf(lifecycle(OrderStatus.Completed));
    const later = { ...event!, detailType: orderEventDetailType("LEFT_AT_THE_DOOR"), detail: { ...event!.detail, status: "LEFT_AT_THE_DOOR" } };
    expect(later.detailType).toBe("Order Left At The Door");
    expect(schemas.check(envelope(later))).toMatchObject({ schemaFile: SHARED_ORDER_EVENT_SCHEMA, valid: true });
  });

  it("the customer e-mail rule names the statuses the rules say the customer hears about", () => {
    expect(CUSTOMER_EMAIL_RULE.pattern).toEqual({ source: [ORDER_EVENT_SOURCE], detail: { status: [...CUSTOMER_EMAIL_STATUSES] } });
  });
});

/** An EventBridge client that records each PutEvents and answers like the service (optionally refusing). */
function recordingEventBridge(refuse = false) {
  const puts: Array<PutEventsCommand["input"]> = [];
  const client = {
    send: async (command: PutEventsCommand): Promise<Partial<PutEventsCommandOutput>> => {
      puts.push(command.input);
      const entries = command.input.Entries ?? [];
      return refuse
        ? { FailedEntryCount: entries.length, Entries: entries.map(() => ({ ErrorCode: "InternalFailure", ErrorMessage: "try again" })) }
        : { FailedEntryCount: 0, Entries: entries.map((_, index) => ({ EventId: `id-${puts.length}-${index}` })) };
    },
  } as unknown as EventBridgeClient;
  return { client, puts };
}

describe("OrderEventPublisher", () => {
  it("puts one event per change on the bus; a redelivered record is put again under the same event id", async () => {
    const bus = recordingEventBridge();
    const dispatcher = new OrderChangeDispatcher([new OrderEventPublisher(bus.client, "pizza-orders-bus")]);
    const records = lifecycle(OrderStatus.Completed);
    await dispatcher.dispatch(records);
    await dispatcher.dispatch(records.slice(2)); // the stream delivers the last two records again
    const put = bus.puts.flatMap((input) => input.Entries ?? []);
    expect(put.map((entry) => entry.EventBusName)).toEqual(Array(4).fill("pizza-orders-bus"));
    const ids = put.map((entry) => JSON.parse(entry.Detail!).eventId);
    expect(ids).toEqual(["01ORDER#0", "01ORDER#1", "01ORDER#2", "01ORDER#2"]);
    expect(put[3]).toEqual(put[2]);
    expect(put[2]).toMatchObject({ Source: ORDER_EVENT_SOURCE, DetailType: "Order Completed", Time: new Date(at(3)) });
  });

  it("a refused put fails the change, so the stream delivers it again", async () => {
    const bus = recordingEventBridge(true);
    const report = await new OrderChangeDispatcher([new OrderEventPublisher(bus.client, "bus")]).dispatch(lifecycle(OrderStatus.Completed));
    expect(report.handled).toEqual([]);
    expect(report.failure).toMatchObject({ listener: "eventbridge" });
    expect(String(report.failure?.error)).toContain("InternalFailure");
    expect(report.response.batchItemFailures).toHaveLength(4);
  });
});

// Stream records → order changes, and the dispatcher's order and failure reporting.
import { describe, expect, it } from "vitest";
import { type OrderChange, orderChangeFromStreamRecord } from "../src/changes/orderChange";
import { OrderChangeDispatcher } from "../src/changes/orderChangeDispatcher";
import { streamRecord as record, storedItem as storedOrder } from "./support/orderRecords";

const at = (minute: number) => `2026-11-29T10:${String(minute).padStart(2, "0")}:00.000Z`;

const queued = storedOrder();
const pending = storedOrder({
  orderStatus: "PENDING_PAYMENT",
  statusHistory: [
    { status: "QUEUED", at: at(0) },
    { status: "PENDING_PAYMENT", at: at(1) },
  ],
});
const paid = { ...pending, payment: { outcome: "SUCCEEDED", amountCents: 2400, reference: "ref-1", at: at(2) } };
const completed = storedOrder({
  orderStatus: "COMPLETED",
  statusHistory: [
    { status: "QUEUED", at: at(0) },
    { status: "PENDING_PAYMENT", at: at(1) },
    { status: "COMPLETED", at: at(3) },
  ],
});

describe("orderChangeFromStreamRecord", () => {
  it("an inserted order is its first change: no previous status, change id #0", () => {
    expect(orderChangeFromStreamRecord(record("INSERT", undefined, queued))).toMatchObject({
      changeId: "01ORDER#0",
      orderId: "01ORDER",
      customerId: "customer-1",
      restaurantId: "Luigis",
      status: "QUEUED",
      entry: { status: "QUEUED", at: at(0) },
    });
    expect(orderChangeFromStreamRecord(record("INSERT", undefined, queued))!.previousStatus).toBeUndefined();
  });

  it("a status change names both statuses, the entry it added, and the order without secrets", () => {
    // As the finishing write leaves it: in its customer's history, its notification due and claimed, still in the in-flight index.
    const bookkeeping = {
      historyCustomerId: "customer-1",
      notificationDue: true,
      notificationClaim: { holder: "sender-1", expiresAt: at(4) },
      inFlight: "IN_FLIGHT",
      deadlineAt: at(23),
    };
    const change = orderChangeFromStreamRecord(record("MODIFY", paid, { ...completed, payment: paid.payment, ...bookkeeping }))!;
    expect(change).toMatchObject({ changeId: "01ORDER#2", previousStatus: "PENDING_PAYMENT", status: "COMPLETED", entry: { status: "COMPLETED", at: at(3) } });
    expect(change.order).toMatchObject({ id: "01ORDER", orderStatus: "COMPLETED", quantity: 2, total: 24 });
    for (const secret of ["paymentToken", "payment", "version", "customerId", ...Object.keys(bookkeeping)]) expect(change.order).not.toHaveProperty(secret);
  });

  it("writes that change no status make no change: an edit, a payment record, a removal", () => {
    expect(orderChangeFromStreamRecord(record("MODIFY", queued, { ...queued, quantity: 5, version: 2 }))).toBeUndefined();
    expect(orderChangeFromStreamRecord(record("MODIFY", pending, paid))).toBeUndefined();
    expect(orderChangeFromStreamRecord(record("REMOVE", completed, undefined))).toBeUndefined();
  });

  it("postOrder's checkout-attempt records in the same table make no change", () => {
    const attempt = { orderId: "checkoutAttempt#abc", recordType: "checkoutAttempt", placedOrderId: "01ORDER", inputFingerprint: "f", createdAt: at(0) };
    expect(orderChangeFromStreamRecord(record("INSERT", undefined, attempt))).toBeUndefined();
    expect(orderChangeFromStreamRecord(record("REMOVE", attempt, undefined))).toBeUndefined();
  });

  it("the change id is the same however often the record is read", () => {
    const once = record("MODIFY", queued, pending);
    expect(orderChangeFromStreamRecord(once)!.changeId).toBe(orderChangeFromStreamRecord(JSON.parse(JSON.stringify(once)))!.changeId);
  });

  it("refuses a status written without its history entry, and a record without images", () => {
    expect(() => orderChangeFromStreamRecord(record("MODIFY", queued, { ...queued, orderStatus: "CANCELLED" }))).toThrow(
      /without a matching status-history entry/,
    );
    expect(() => orderChangeFromStreamRecord({ ...record("MODIFY", queued, pending), dynamodb: { Keys: {}, SequenceNumber: "1" } })).toThrow(/no new image/);
  });
});

describe("OrderChangeDispatcher", () => {
  const batch = [
    record("INSERT", undefined, queued),
    record("MODIFY", queued, { ...queued, quantity: 3 }),
    record("MODIFY", queued, pending),
    record("MODIFY", pending, completed),
  ];

  it("hands every change to every listener in record order and reports no failure", async () => {
    const seen: string[] = [];
    const listener = (name: string) => ({ name, handle: async (change: OrderChange) => void seen.push(`${name} ${change.status}`) });
    const report = await new OrderChangeDispatcher([listener("a"), listener("b")]).dispatch(batch);
    expect(seen).toEqual(["a QUEUED", "b QUEUED", "a PENDING_PAYMENT", "b PENDING_PAYMENT", "a COMPLETED", "b COMPLETED"]);
    expect(report.skipped).toBe(1);
    expect(report.response).toEqual({ batchItemFailures: [] });
  });

  it("stops at the first failure and reports that record and every one after it", async () => {
    const seen: string[] = [];
    const report = await new OrderChangeDispatcher([
      {
        name: "fussy",
        handle: async (change) => {
          if (change.status === "PENDING_PAYMENT") throw new Error("not now");
          seen.push(change.status);
        },
      },
    ]).dispatch(batch);
    expect(seen).toEqual(["QUEUED"]);
    expect(report.failure).toMatchObject({ sequenceNumber: batch[2].dynamodb!.SequenceNumber, listener: "fussy" });
    expect(report.response.batchItemFailures).toEqual([batch[2], batch[3]].map((failed) => ({ itemIdentifier: failed.dynamodb!.SequenceNumber })));
  });
});

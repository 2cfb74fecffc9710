// The local event bus: PutEvents is journalled before it answers, each matching rule's target is
// invoked with the event as EventBridge hands it over, a failing target is retried per the retry
// policy and then dead-lettered with EventBridge's attributes, and a delivery a crash cut short is
// made again by the next bus from the journal (at least once).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { OrderEventRule } from "@pizza-orders/core/events/orderEventRules";
import { afterEach, describe, expect, it } from "vitest";
import { type BusEvent, openEventBusJournal } from "../src/events/eventBusJournal";
import { LocalEventBus, type LocalEventBusTarget } from "../src/events/localEventBus";
import { LocalFunction } from "../src/lambda/localFunction";
import { LocalQueue } from "../src/sqs/localQueue";
import { openQueueJournal } from "../src/sqs/queueJournal";
import { waitFor } from "./support/waitFor";

const rule = (name: string, status: string): OrderEventRule => ({
  name,
  description: name,
  pattern: { source: ["pizza-orders.orders"], detail: { status: [status] } },
});
const entry = (status: string, eventId: string) => ({
  Source: "pizza-orders.orders",
  DetailType: `Order ${status}`,
  Detail: JSON.stringify({ eventId, status }),
  EventBusName: "bus",
  Time: Date.parse("2026-11-29T10:00:00.250Z") / 1000,
});

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function busWith(
  targets: Array<{ rule: OrderEventRule; handler: (event: BusEvent) => Promise<unknown> }>,
  dir = mkdtempSync(join(tmpdir(), "event-bus-")),
) {
  dirs.push(dir);
  const { journal, recovered } = await openEventBusJournal(join(dir, "events.journal"));
  const { journal: queueJournal } = await openQueueJournal(join(dir, "queues.journal"));
  const busTargets: LocalEventBusTarget[] = targets.map(({ rule: targetRule, handler }) => ({
    rule: targetRule,
    function: new LocalFunction({ name: `${targetRule.name}Target`, load: async () => ({ handler: (event) => handler(event as BusEvent) }) }),
    deadLetterQueue: new LocalQueue({
      name: `${targetRule.name}-dlq`,
      url: `http://dlq/${targetRule.name}`,
      arn: `arn:dlq:${targetRule.name}`,
      visibilityTimeoutSeconds: 30,
      journal: queueJournal,
    }),
  }));
  const bus = new LocalEventBus(
    {
      name: "bus",
      arn: "arn:aws:events:us-east-1:000000000000:event-bus/bus",
      journal,
      targets: busTargets,
      retryPolicy: { maximumRetryAttempts: 2, maximumEventAgeSeconds: 3600 * 24 * 365 * 10 },
      retryBaseDelayMs: 5,
      log: () => {},
    },
    recovered,
  );
  return {
    bus,
    dir,
    targets: busTargets,
    close: async () => {
      await bus.stop();
      await journal.close();
      await queueJournal.close();
    },
  };
}

describe("LocalEventBus", () => {
  it("delivers each event to the targets whose pattern matches it, as EventBridge's envelope", async () => {
    const received: Record<string, BusEvent[]> = { Emails: [], Receipts: [] };
    const { bus, close } = await busWith([
      { rule: rule("Emails", "COMPLETED"), handler: async (event) => received.Emails!.push(event) },
      { rule: rule("Receipts", "REFUNDED"), handler: async (event) => received.Receipts!.push(event) },
    ]);
    const answer = await bus.putEvents([entry("COMPLETED", "o#2"), entry("QUEUED", "o#0")]);
    expect(answer).toEqual([{ EventId: expect.any(String) }, { EventId: expect.any(String) }]);
    await waitFor(
      () => bus.deliveriesInFlight,
      (count) => count === 0,
      "deliveries to end",
    );
    expect(received.Receipts).toEqual([]);
    expect(received.Emails).toEqual([
      {
        version: "0",
        id: (answer[0] as { EventId: string }).EventId,
        "detail-type": "Order COMPLETED",
        source: "pizza-orders.orders",
        account: "000000000000",
        time: "2026-11-29T10:00:00Z",
        region: "us-east-1",
        resources: [],
        detail: { eventId: "o#2", status: "COMPLETED" },
      },
    ]);
    expect(bus.events().map((archived) => [archived.event.detail.eventId, archived.delivered, archived.pending])).toEqual([
      ["o#2", ["Emails"], []],
      ["o#0", [], []],
    ]);
    await close();
  });

  it("refuses a malformed entry and accepts the rest", async () => {
    const { bus, close } = await busWith([]);
    const answer = await bus.putEvents([{ ...entry("COMPLETED", "o#2"), Detail: "[1]" }, entry("COMPLETED", "o#3")]);
    expect(answer[0]).toMatchObject({ ErrorCode: "MalformedDetail" });
    expect(bus.events().map((archived) => archived.event.detail.eventId)).toEqual(["o#3"]);
    await close();
  });

  it("retries a failing target per the retry policy, then dead-letters the event with EventBridge's attributes", async () => {
    let attempts = 0;
    const { bus, targets, close } = await busWith([
      {
        rule: rule("Emails", "COMPLETED"),
        handler: async () => {
          attempts++;
          throw new Error("SMTP is down");
        },
      },
    ]);
    await bus.putEvents([entry("COMPLETED", "o#2")]);
    await waitFor(
      () => bus.events()[0]!,
      (archived) => archived.deadLettered.length === 1,
      "the event to be dead-lettered",
    );
    expect(attempts).toBe(3); // the first attempt and two retries
    const [message] = targets[0]!.deadLetterQueue.peekAll();
    expect(JSON.parse(message!.body)).toMatchObject({ detail: { eventId: "o#2" } });
    expect(message!.messageAttributes.ERROR_MESSAGE?.StringValue).toContain("SMTP is down");
    expect(message!.messageAttributes.RULE_ARN?.StringValue).toBe("arn:aws:events:us-east-1:000000000000:rule/bus/Emails");
    await close();
  });

  it("a delivery cut short by a crash is made again by the next bus, from the journal", async () => {
    const first = await busWith([{ rule: rule("Emails", "COMPLETED"), handler: () => new Promise(() => {}) }]);
    await first.bus.putEvents([entry("COMPLETED", "o#2")]);
    // The process dies here: the journal is all that is left (the hung delivery never ends).
    const delivered: BusEvent[] = [];
    const second = await busWith([{ rule: rule("Emails", "COMPLETED"), handler: async (event) => delivered.push(event) }], first.dir);
    expect(second.bus.resume()).toBe(1);
    await waitFor(
      () => second.bus.deliveriesInFlight,
      (count) => count === 0,
      "the resumed delivery",
    );
    expect(delivered.map((event) => event.detail.eventId)).toEqual(["o#2"]);
    expect(second.bus.events()[0]).toMatchObject({ delivered: ["Emails"], pending: [] });
    await second.close();
  });
});

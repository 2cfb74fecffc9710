// Amazon EventBridge, reduced to what the order events bus needs: a custom bus that accepts
// PutEvents, matches each event against the rules' patterns (the same objects the stack deploys)
// and invokes each matching rule's target function, as EventBridge does —
//  - durably: an event is journalled before PutEvents answers, and each delivery's end (delivered
//    or dead-lettered) once it ended, so a `kill -9` loses no accepted event and a delivery that
//    had not ended is made again after the restart (at least once, as EventBridge: targets dedupe
//    by the event's own id, detail.eventId);
//  - with the target's retry policy (EVENT_TARGET_RETRY_POLICY, with exponential backoff), after
//    which the event goes to the target's dead-letter queue with EventBridge's message attributes;
//  - concurrently: each delivery runs on its own, so one slow target does not hold up another.
import { randomUUID } from "node:crypto";
import type { OrderEventRule } from "@pizza-orders/core/events/orderEventRules";
import { parseJsonText } from "@pizza-orders/core/jsonText";
import { LOCAL_ACCOUNT_ID, LOCAL_REGION } from "../aws/localResources";
import type { LocalFunction } from "../lambda/localFunction";
import type { LocalQueue } from "../sqs/localQueue";
import type { BusEvent, EventBusContents, EventBusJournal } from "./eventBusJournal";
import { matchesEventPattern } from "./eventPattern";

export interface LocalEventBusTarget {
  rule: OrderEventRule;
  function: LocalFunction;
  deadLetterQueue: LocalQueue;
}

export interface RetryPolicy {
  maximumRetryAttempts: number;
  maximumEventAgeSeconds: number;
}

export interface LocalEventBusOptions {
  name: string;
  arn: string;
  journal: EventBusJournal;
  targets: readonly LocalEventBusTarget[];
  retryPolicy: RetryPolicy;
  /** The first retry's delay; each next one doubles it (EventBridge backs off exponentially, too). */
  retryBaseDelayMs?: number;
  log: (line: string) => void;
}

/** A PutEvents entry as the SDK sends it (Time in epoch seconds, as the JSON protocol carries it). */
export interface PutEventsEntry {
  Source?: string;
  DetailType?: string;
  Detail?: string;
  EventBusName?: string;
  Time?: number;
  Resources?: string[];
}

export type PutEventsResultEntry = { EventId: string } | { ErrorCode: string; ErrorMessage: string };

const MAX_RETRY_DELAY_MS = 30_000;

/** EventBridge's event time: whole seconds. */
function eventTime(epochSeconds: number | undefined): string {
  return new Date(epochSeconds !== undefined ? epochSeconds * 1000 : Date.now()).toISOString().replace(/\.\d{3}Z$/, "Z");
}

export class LocalEventBus {
  readonly name: string;
  readonly arn: string;
  private readonly archive: EventBusContents;
  private readonly deliveries = new Set<Promise<void>>();
  private readonly stopping = new AbortController();

  constructor(
    private readonly options: LocalEventBusOptions,
    recovered: EventBusContents,
  ) {
    this.name = options.name;
    this.arn = options.arn;
    this.archive = recovered;
  }

  /** Delivers what was owed when the shop stopped (each pending target of each event, in order). */
  resume(): number {
    let resumed = 0;
    for (const archived of Object.values(this.archive)) {
      for (const targetName of archived.pending) {
        const target = this.options.targets.find((candidate) => candidate.rule.name === targetName);
        if (target) {
          this.startDelivery(archived.event, target);
          resumed++;
        }
      }
    }
    return resumed;
  }

  /** PutEvents: journals the accepted entries (before answering), then delivers them. */
  async putEvents(entries: readonly PutEventsEntry[]): Promise<PutEventsResultEntry[]> {
    const results: PutEventsResultEntry[] = [];
    const accepted: Array<{ event: BusEvent; targets: LocalEventBusTarget[] }> = [];
    for (const entry of entries) {
      const detail = parseDetail(entry.Detail);
      if (!entry.Source || !entry.DetailType || !detail) {
        results.push({ ErrorCode: "MalformedDetail", ErrorMessage: "Source, DetailType and a JSON object Detail are required" });
        continue;
      }
      const event: BusEvent = {
        version: "0",
        id: randomUUID(),
        "detail-type": entry.DetailType,
        source: entry.Source,
        account: LOCAL_ACCOUNT_ID,
        time: eventTime(entry.Time),
        region: LOCAL_REGION,
        resources: entry.Resources ?? [],
        detail,
      };
      const targets = this.options.targets.filter((target) => matchesEventPattern(target.rule.pattern, event as unknown as Record<string, unknown>));
      accepted.push({ event, targets });
      results.push({ EventId: event.id });
    }
    await this.options.journal.append(
      ...accepted.map(({ event, targets }) => ({ op: "put" as const, event, targets: targets.map((target) => target.rule.name) })),
    );
    for (const { event, targets } of accepted) {
      this.archive[event.id] = { event, pending: targets.map((target) => target.rule.name), delivered: [], deadLettered: [] };
      for (const target of targets) this.startDelivery(event, target);
    }
    return results;
  }

  /** Every event the bus accepted, in order, with what became of each delivery. */
  events(): readonly BusEventRecord[] {
    return Object.values(this.archive).map((archived) => structuredClone(archived));
  }

  /** Deliveries under way (or waiting for a retry). */
  get deliveriesInFlight(): number {
    return this.deliveries.size;
  }

  /** Stops retrying; deliveries under way finish, the rest stay owed in the journal. */
  async stop(): Promise<void> {
    this.stopping.abort();
    await Promise.allSettled([...this.deliveries]);
  }

  private startDelivery(event: BusEvent, target: LocalEventBusTarget): void {
    const delivery = this.deliver(event, target).catch((error: unknown) =>
      this.options.log(`[event bus] delivery of ${event.id} to ${target.rule.name} could not be recorded: ${String(error)}`),
    );
    this.deliveries.add(delivery);
    void delivery.finally(() => this.deliveries.delete(delivery));
  }

  private async deliver(event: BusEvent, target: LocalEventBusTarget): Promise<void> {
    const { maximumRetryAttempts, maximumEventAgeSeconds } = this.options.retryPolicy;
    const baseDelayMs = this.options.retryBaseDelayMs ?? 1000;
    for (let attempt = 0; ; attempt++) {
      if (this.stopping.signal.aborted) return;
      try {
        await target.function.invoke(event);
        await this.record({ op: "delivered", id: event.id, target: target.rule.name });
        return;
      } catch (error) {
        const tooOld = Date.now() - Date.parse(event.time) > maximumEventAgeSeconds * 1000;
        if (attempt >= maximumRetryAttempts || tooOld) {
          await this.deadLetter(event, target, error);
          return;
        }
        if (this.stopping.signal.aborted) return;
        await abortableDelay(Math.min(baseDelayMs * 2 ** attempt, MAX_RETRY_DELAY_MS), this.stopping.signal);
      }
    }
  }

  private async deadLetter(event: BusEvent, target: LocalEventBusTarget, error: unknown): Promise<void> {
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    // The attributes EventBridge puts on a dead-lettered event's message.
    await target.deadLetterQueue.send(JSON.stringify(event), {
      RULE_ARN: { DataType: "String", StringValue: `${this.arn.replace(":event-bus/", ":rule/")}/${target.rule.name}` },
      TARGET_ARN: { DataType: "String", StringValue: target.function.arn },
      ERROR_CODE: { DataType: "String", StringValue: error instanceof Error ? error.name : "Error" },
      ERROR_MESSAGE: { DataType: "String", StringValue: reason.slice(0, 256) },
    });
    await this.record({ op: "deadLettered", id: event.id, target: target.rule.name, reason });
    this.options.log(`[event bus] ${event["detail-type"]} ${event.id} sent to ${target.rule.name}'s dead-letter queue: ${reason}`);
  }

  private async record(record: Parameters<EventBusJournal["append"]>[0]): Promise<void> {
    await this.options.journal.append(record);
    if (record.op === "put") return;
    const archived = this.archive[record.id];
    if (!archived || !archived.pending.includes(record.target)) return;
    archived.pending = archived.pending.filter((name) => name !== record.target);
    (record.op === "delivered" ? archived.delivered : archived.deadLettered).push(record.target);
  }
}

export type BusEventRecord = EventBusContents[string];

function parseDetail(text: string | undefined): Record<string, unknown> | undefined {
  const value = text === undefined ? undefined : parseJsonText(text);
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function abortableDelay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    }
    signal.addEventListener("abort", done);
  });
}

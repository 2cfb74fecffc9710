// What the local event bus writes to disk: every event it accepted (before PutEvents answers),
// and for each matching rule target whether it was delivered or dead-lettered. An event whose
// delivery to a target has no end record is delivered again after a restart, as EventBridge
// retries a target until it succeeds, the event is too old, or it goes to the dead-letter queue.
// The accepted events stay in the journal: the bus's archive (EventBridge's archive replays them).
import { AppendOnlyJournal, type JournalFormat } from "../storage/appendOnlyJournal";

/** An event as EventBridge hands it to a target. */
export interface BusEvent {
  version: "0";
  id: string;
  "detail-type": string;
  source: string;
  account: string;
  time: string;
  region: string;
  resources: string[];
  detail: Record<string, unknown>;
}

export type EventBusRecord =
  | { op: "put"; event: BusEvent; targets: string[] }
  | { op: "delivered"; id: string; target: string }
  | { op: "deadLettered"; id: string; target: string; reason: string };

export interface ArchivedEvent {
  event: BusEvent;
  /** Targets still owed a delivery. */
  pending: string[];
  delivered: string[];
  deadLettered: string[];
}

/** Event id → event, in the order the bus accepted them. */
export type EventBusContents = Record<string, ArchivedEvent>;

export type EventBusJournal = AppendOnlyJournal<EventBusRecord, EventBusContents>;

const without = (list: string[], item: string) => list.filter((entry) => entry !== item);

export const EVENT_BUS_JOURNAL_FORMAT: JournalFormat<EventBusRecord, EventBusContents> = {
  empty: () => ({}),
  apply(contents, record) {
    switch (record.op) {
      case "put":
        contents[record.event.id] = { event: record.event, pending: [...record.targets], delivered: [], deadLettered: [] };
        return;
      case "delivered":
      case "deadLettered": {
        const archived = contents[record.id];
        if (!archived || !archived.pending.includes(record.target)) return;
        archived.pending = without(archived.pending, record.target);
        (record.op === "delivered" ? archived.delivered : archived.deadLettered).push(record.target);
        return;
      }
    }
  },
  snapshot: (contents) =>
    Object.values(contents).flatMap((archived): EventBusRecord[] => [
      { op: "put", event: archived.event, targets: [...archived.pending, ...archived.delivered, ...archived.deadLettered] },
      ...archived.delivered.map((target): EventBusRecord => ({ op: "delivered", id: archived.event.id, target })),
      ...archived.deadLettered.map((target): EventBusRecord => ({ op: "deadLettered", id: archived.event.id, target, reason: "(compacted)" })),
    ]),
};

export function openEventBusJournal(path: string): Promise<{ journal: EventBusJournal; recovered: EventBusContents }> {
  return AppendOnlyJournal.open(path, EVENT_BUS_JOURNAL_FORMAT);
}

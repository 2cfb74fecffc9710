import type { OrderChange } from "./orderChange";

/**
 * Something that acts on order changes (the live-status publisher, the event bus, a log).
 *
 * Contract: `handle` is called for each change in order per order, at least once. A change can
 * come again after a failure (the stream redelivers from the first failed record), so the effect
 * must be idempotent by `change.changeId` (a deterministic event id, a conditional write, a
 * receiver that dedupes). Throwing fails the change: it and everything after it in the batch is
 * delivered again, to every listener.
 */
export interface OrderChangeListener {
  readonly name: string;
  handle(change: OrderChange): Promise<void>;
}

// The order-changes listener that puts each change on the order events bus (EventBridge
// PutEvents; locally the same call reaches the local event bus through AWS_ENDPOINT_URL_EVENTBRIDGE).
//
// PutEvents has no idempotency key and EventBridge delivers to targets at least once, so "one
// event per change" is kept by the event's deterministic id (detail.eventId = the change id): a
// change the stream delivers again is put again with the same id, and every receiver makes its
// effect once per id.
import { type EventBridgeClient, PutEventsCommand } from "@aws-sdk/client-eventbridge";
import type { OrderChange } from "../changes/orderChange";
import type { OrderChangeListener } from "../changes/orderChangeListener";
import { TransientOrderError } from "../errors";
import { type OrderEvent, orderEventOf } from "./orderEvent";

/** The bus refused the event (or part of a batch); thrown so the stream delivers the change again. */
export class OrderEventPublishError extends TransientOrderError {}

/** The PutEvents entry of an event (also what the local bus stores). */
export function putEventsEntryOf(event: OrderEvent, busName: string) {
  return { EventBusName: busName, Source: event.source, DetailType: event.detailType, Time: new Date(event.time), Detail: JSON.stringify(event.detail) };
}

export class OrderEventPublisher implements OrderChangeListener {
  readonly name = "eventbridge";

  constructor(
    private readonly events: EventBridgeClient,
    private readonly busName: string,
  ) {}

  async handle(change: OrderChange): Promise<void> {
    const event = orderEventOf(change);
    const answer = await this.events.send(new PutEventsCommand({ Entries: [putEventsEntryOf(event, this.busName)] }));
    if ((answer.FailedEntryCount ?? 0) > 0) {
      const failed = answer.Entries?.find((entry) => entry.ErrorCode);
      throw new OrderEventPublishError(
        `PutEvents refused ${event.detailType} ${event.detail.eventId}: ${failed?.ErrorCode ?? "?"} ${failed?.ErrorMessage ?? ""}`,
      );
    }
  }
}

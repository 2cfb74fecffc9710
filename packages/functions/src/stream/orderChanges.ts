import { getEventBridgeClient } from "@pizza-orders/core/aws/clients";
import { appsyncPublisherFromEnv } from "@pizza-orders/core/changes/appsyncPublisher";
import { OrderChangeDispatcher } from "@pizza-orders/core/changes/orderChangeDispatcher";
import type { OrderChangeListener } from "@pizza-orders/core/changes/orderChangeListener";
import { readConfig } from "@pizza-orders/core/config";
import { OrderEventPublisher } from "@pizza-orders/core/events/orderEventPublisher";
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from "aws-lambda";
import { logger } from "../observability/logger";
import { observedHandler } from "../observability/observedHandler";
import { withOrderLogKey } from "../observability/orderLogKeys";
import { orderChangeLog } from "./orderChangeLog";
import { orderChangeMetrics } from "./orderChangeMetrics";

/** A listener whose every log line carries the change's order id. */
const withOrderLogKeys = (listener: OrderChangeListener): OrderChangeListener => ({
  name: listener.name,
  handle: (change) => withOrderLogKey(change.orderId, () => listener.handle(change)),
});

/** A stream consumer for the given listeners (tests build one with their own). */
export function orderChangesHandler(listeners: readonly OrderChangeListener[]) {
  const dispatcher = new OrderChangeDispatcher(listeners.map(withOrderLogKeys));
  return async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
    const report = await dispatcher.dispatch(event.Records);
    if (report.failure) {
      logger.error("order change not handled; the stream delivers it again", {
        ...(report.failure.orderId ? { orderId: report.failure.orderId } : {}),
        sequenceNumber: report.failure.sequenceNumber,
        listener: report.failure.listener,
        error: report.failure.error as Error,
      });
    }
    return report.response;
  };
}

// Built on the first batch, from the function's configuration (ORDERS_API_URL, the role's
// credentials, ORDER_EVENTS_BUS_NAME): modules that import orderChangesHandler need none of it.
let consumer: ReturnType<typeof orderChangesHandler> | undefined;

/**
 * The orders table's stream consumer: records → order changes → the log line, the live status
 * publish (AppSync's publishOrderUpdate), the order event on the bus (EventBridge), then the
 * business metrics, in order. Failures come back as batchItemFailures from the first unhandled
 * record (ReportBatchItemFailures). The metrics come last: a change whose publish failed is
 * delivered again, and is counted only then.
 */
export const handler = observedHandler(async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
  consumer ??= orderChangesHandler([
    orderChangeLog,
    appsyncPublisherFromEnv(),
    new OrderEventPublisher(getEventBridgeClient(), readConfig(["ORDER_EVENTS_BUS_NAME"]).ORDER_EVENTS_BUS_NAME),
    orderChangeMetrics,
  ]);
  return consumer(event);
});

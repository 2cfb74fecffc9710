// The first listener of order changes: one structured log line per change (searchable by change
// id in CloudWatch Logs Insights). The live-status publisher and the event bus join it in
// orderChanges.ts.
import type { OrderChangeListener } from "@pizza-orders/core/changes/orderChangeListener";
import { logger } from "../observability/logger";

export const orderChangeLog: OrderChangeListener = {
  name: "log",
  async handle(change) {
    logger.info("order status changed", {
      changeId: change.changeId,
      orderId: change.orderId,
      restaurantId: change.restaurantId,
      previousStatus: change.previousStatus ?? null,
      status: change.status,
      at: change.entry.at,
      sequenceNumber: change.sequenceNumber,
    });
  },
};

// The business metrics of order changes: one listener, so every status — kitchen stages added to
// rules.ts included — is counted with the time since the order was placed, without code here.
import type { OrderChangeListener } from "@pizza-orders/core/changes/orderChangeListener";
import { recordOrderChange } from "../observability/metrics";

export const orderChangeMetrics: OrderChangeListener = {
  name: "metrics",
  async handle(change) {
    recordOrderChange(change);
  },
};

// A pushed update changes the cached order, so every view of it (tracker, "My orders") follows.
import type { ApolloCache } from "@apollo/client";

export interface PushedStatus {
  orderId: string;
  orderStatus: string;
  at: string;
  failureReason?: string | null;
  /** The ETA after the change, when the subscription selects it (re-quoted at every kitchen stage). */
  eta?: string | null;
  /** Who made the change, when selected. */
  changedBy?: string | null;
}

/** Applies the update to the cached order; false when the cache does not hold that order (nothing written). */
export function applyOrderUpdate(cache: ApolloCache<unknown>, update: PushedStatus): boolean {
  const id = cache.identify({ __typename: "Order", id: update.orderId });
  if (!id) return false;
  return cache.modify({
    id,
    fields: {
      orderStatus: () => update.orderStatus,
      failureReason: () => update.failureReason ?? null,
      updatedAt: () => update.at,
      // Only a quoted ETA replaces the one shown: an update that carries none says nothing about it.
      eta: (value) => update.eta ?? value,
      // The history holds plain objects (OrderStatusChange has no id), never references.
      statusHistory: (value) => {
        const history = (value ?? []) as ReadonlyArray<{ status: string }>;
        return history.some((change) => change.status === update.orderStatus)
          ? history
          : [...history, { __typename: "OrderStatusChange", status: update.orderStatus, at: update.at, by: update.changedBy ?? null, reason: null }];
      },
    },
  });
}

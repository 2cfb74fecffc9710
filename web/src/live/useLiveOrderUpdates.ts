// One order's live updates (the tracker): its subscription, proven by a guest with the tracking key.
import { OrderUpdatesSubscription } from "../api/operations";
import type { OnOrderUpdateSubscription } from "../gql/graphql";
import type { LiveState } from "./liveConnection";
import { useLiveUpdates } from "./useLiveUpdates";

export type LiveOrderUpdate = NonNullable<OnOrderUpdateSubscription["onOrderUpdate"]>;

export interface LiveOrderOptions {
  /** False once the order is finished: nothing more will change. */
  enabled: boolean;
  guestTrackingKey?: string;
  onUpdate(update: LiveOrderUpdate): void;
  /** One read of the order, after the client may have missed updates. */
  onCatchUp(): void;
}

export function useLiveOrderUpdates(orderId: string, { enabled, guestTrackingKey, onUpdate, onCatchUp }: LiveOrderOptions): LiveState {
  return useLiveUpdates<LiveOrderUpdate>({
    subscription: OrderUpdatesSubscription,
    variables: { orderId, guestTrackingKey },
    enabled,
    onUpdate,
    onCatchUp,
  });
}

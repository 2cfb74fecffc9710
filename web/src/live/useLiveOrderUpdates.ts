// Keeps one order's subscription open while the order is in progress: reports the socket's state
// (liveConnection.ts decides what that means for polling), hands each update to `onUpdate` once
// and in order (by sequence), re-subscribes after an outage, and asks for one catch-up read when
// the subscription starts or is back, or the page returns from hidden/offline. Uses the client's link directly:
// ApolloClient.subscribe drops the link's start_ack notice, and that notice is what "healthy" is.
import { execute, useApolloClient } from "@apollo/client";
import { CONTROL_EVENTS_KEY } from "aws-appsync-subscription-link";
import { useEffect, useRef, useState } from "react";
import { OrderUpdatesSubscription } from "../api/operations";
import type { OnOrderUpdateSubscription } from "../gql/graphql";
import { isRefusal, type LiveState, reconnectDelayAfter } from "./liveConnection";

export type LiveOrderUpdate = NonNullable<OnOrderUpdateSubscription["onOrderUpdate"]>;

export interface LiveOrderOptions {
  /** False once the order is finished: nothing more will change. */
  enabled: boolean;
  guestTrackingKey?: string;
  onUpdate(update: LiveOrderUpdate): void;
  /** One read of the order, after the client may have missed updates. */
  onCatchUp(): void;
}

export function useLiveOrderUpdates(orderId: string, options: LiveOrderOptions): LiveState {
  const client = useApolloClient();
  const [state, setState] = useState<LiveState>("connecting");
  const callbacks = useRef(options);
  callbacks.current = options;
  const { enabled, guestTrackingKey } = options;

  useEffect(() => {
    if (!enabled) return;
    let stopped = false;
    let failures = 0;
    // The page showed the order (from the cache or a read) before the subscription was live: an
    // update published in between would be missed, so the first start_ack catches up with one read too.
    let missedUpdates = true;
    let lastSequence = -Infinity;
    let subscription: { unsubscribe(): void } | undefined;
    let retry: ReturnType<typeof setTimeout> | undefined;
    setState("connecting");

    const connect = () => {
      subscription = execute(client.link, {
        query: OrderUpdatesSubscription,
        variables: { orderId, guestTrackingKey },
        context: { controlMessages: { [CONTROL_EVENTS_KEY]: true } },
      }).subscribe({
        next: (result) => {
          const update = (result.data as OnOrderUpdateSubscription | null | undefined)?.onOrderUpdate;
          if (update) {
            if (update.sequence <= lastSequence) return;
            lastSequence = update.sequence;
            callbacks.current.onUpdate(update);
            return;
          }
          if (result.extensions?.controlMsgType !== "CONNECTED") return;
          failures = 0;
          setState("live");
          if (missedUpdates) {
            missedUpdates = false;
            callbacks.current.onCatchUp();
          }
        },
        error: (error: unknown) => {
          if (stopped) return;
          if (isRefusal(error)) {
            setState("unavailable");
            return;
          }
          failures += 1;
          missedUpdates = true;
          setState("reconnecting");
          retry = setTimeout(connect, reconnectDelayAfter(failures));
        },
      });
    };
    connect();

    let away = false;
    const leave = () => {
      away = true;
    };
    const comeBack = () => {
      if (!away || document.visibilityState !== "visible" || !navigator.onLine) return;
      away = false;
      callbacks.current.onCatchUp();
    };
    const onVisibility = () => (document.visibilityState === "hidden" ? leave() : comeBack());
    document.addEventListener("visibilitychange", onVisibility);
    window.addEventListener("offline", leave);
    window.addEventListener("online", comeBack);
    return () => {
      stopped = true;
      clearTimeout(retry);
      subscription?.unsubscribe();
      document.removeEventListener("visibilitychange", onVisibility);
      window.removeEventListener("offline", leave);
      window.removeEventListener("online", comeBack);
    };
  }, [client, orderId, guestTrackingKey, enabled]);

  return enabled ? state : "unavailable";
}

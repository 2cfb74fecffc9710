// Keeps one live subscription open (an order, a customer's orders, a restaurant's orders): reports
// the socket's state (liveConnection.ts decides what that means for polling), hands each order's
// updates to `onUpdate` once and in order (by the order's sequence — a feed of many orders keeps one
// position per order), re-subscribes after an outage, and asks for one catch-up read when the
// subscription starts or is back, or the page returns from hidden/offline. Uses the client's link
// directly: ApolloClient.subscribe drops the link's start_ack notice, and that notice is what
// "healthy" is.
import { type DocumentNode, execute, useApolloClient } from "@apollo/client";
import { CONTROL_EVENTS_KEY } from "aws-appsync-subscription-link";
import { useEffect, useRef, useState } from "react";
import { isRefusal, type LiveState, reconnectDelayAfter } from "./liveConnection";

/** What every pushed order change carries, whichever subscription it came through. */
export interface SequencedUpdate {
  orderId: string;
  sequence: number;
}

export interface LiveFeedOptions<Update extends SequencedUpdate> {
  /** A subscription with one root field whose value is the update. */
  subscription: DocumentNode;
  variables: Record<string, unknown>;
  /** False when nothing more can change (a finished order) or the feed may not be opened yet. */
  enabled: boolean;
  onUpdate(update: Update): void;
  /** One read, after the client may have missed updates. */
  onCatchUp(): void;
}

function updateOf<Update>(data: unknown): Update | undefined {
  if (!data || typeof data !== "object") return undefined;
  return (Object.values(data)[0] ?? undefined) as Update | undefined;
}

export function useLiveUpdates<Update extends SequencedUpdate>(options: LiveFeedOptions<Update>): LiveState {
  const client = useApolloClient();
  const [state, setState] = useState<LiveState>("connecting");
  const callbacks = useRef(options);
  callbacks.current = options;
  const { enabled, subscription: query } = options;
  // The variables as a value: a new object with the same content is the same feed.
  const variablesKey = JSON.stringify(options.variables);

  useEffect(() => {
    if (!enabled) return;
    const variables = JSON.parse(variablesKey) as Record<string, unknown>;
    let stopped = false;
    let failures = 0;
    // The page showed its data (from the cache or a read) before the subscription was live: an
    // update published in between would be missed, so the first start_ack catches up with one read too.
    let missedUpdates = true;
    const lastSequence = new Map<string, number>();
    let subscription: { unsubscribe(): void } | undefined;
    let retry: ReturnType<typeof setTimeout> | undefined;
    setState("connecting");

    const connect = () => {
      subscription = execute(client.link, {
        query,
        variables,
        context: { controlMessages: { [CONTROL_EVENTS_KEY]: true } },
      }).subscribe({
        next: (result) => {
          const update = updateOf<Update>(result.data);
          if (update) {
            if (update.sequence <= (lastSequence.get(update.orderId) ?? -Infinity)) return;
            lastSequence.set(update.orderId, update.sequence);
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
  }, [client, query, variablesKey, enabled]);

  return enabled ? state : "unavailable";
}

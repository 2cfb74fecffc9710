// Follows one order until it ends: live through its subscription (useLiveOrderUpdates), polling
// only while the socket is not healthy (liveConnection.ts). Polling is driven with startPolling/stopPolling rather than the
// `pollInterval` option, because Apollo does not stop option-driven polling with stopPolling or
// `skip`. After each answer the next poll is scheduled further out (backoff); at a terminal status,
// or when the order does not exist, polling stops for good. Leaving the page unsubscribes the query,
// which stops its polling too.
import { NetworkStatus, useApolloClient, useQuery } from "@apollo/client";
import { isTerminal } from "@pizza-orders/core/order/rules";
import { useEffect, useRef, useState } from "react";
import { TrackOrderQuery } from "../api/operations";
import { applyOrderUpdate } from "../live/applyOrderUpdate";
import { guestTrackingKeyOf, shouldPoll } from "../live/liveConnection";
import { type LiveOrderUpdate, useLiveOrderUpdates } from "../live/useLiveOrderUpdates";
import { pollIntervalAfter } from "./pollingBackoff";

export function useOrderTracking(orderId: string, guestSecret?: string) {
  const query = useQuery(TrackOrderQuery, {
    variables: { id: orderId, guestSecret },
    // The order postOrder returned (or "My orders" listed) is in the cache: show it and let the
    // first poll confirm it, instead of asking again at once. After a reload the cache is empty
    // and the first read goes to the network. Polls always go to the network.
    fetchPolicy: "cache-first",
    // Each poll then shows up as a networkStatus change, which is what schedules the next one.
    notifyOnNetworkStatusChange: true,
  });
  const { data, networkStatus, startPolling, stopPolling } = query;
  const order = data?.order ?? undefined;
  const status = order?.orderStatus;
  const orderIsGone = data !== undefined && data.order === null;
  const finished = orderIsGone || (status !== undefined && isTerminal(status));
  const answeredPolls = useRef(0);
  const client = useApolloClient();

  const lastUpdate = useRef<LiveOrderUpdate | undefined>(undefined);
  const applyUpdate = (update: LiveOrderUpdate) => {
    lastUpdate.current = update;
    applyOrderUpdate(client.cache, update);
  };
  // A guest proves the order to its subscription with the hash of its secret (see the schema's OrderUpdate.guestTrackingKey).
  const [guestTrackingKey, setGuestTrackingKey] = useState<string>();
  useEffect(() => {
    let current = true;
    setGuestTrackingKey(undefined);
    if (guestSecret) void guestTrackingKeyOf(guestSecret).then((key) => current && setGuestTrackingKey(key));
    return () => {
      current = false;
    };
  }, [guestSecret]);
  const live = useLiveOrderUpdates(orderId, {
    enabled: !finished && (!guestSecret || guestTrackingKey !== undefined),
    guestTrackingKey,
    onUpdate: applyUpdate,
    // A read answered just before a change committed can arrive after that change's push: the
    // pushed status is newer, so it is applied again over the older read.
    // The catch-up is its own request, sent after the subscription started: Apollo would otherwise
    // fold it into a first read still in flight (deduplication), whose answer may predate the start.
    onCatchUp: () =>
      void client
        .query({ query: TrackOrderQuery, variables: { id: orderId, guestSecret }, fetchPolicy: "network-only", context: { queryDeduplication: false } })
        .then(({ data: read }) => {
          const pushed = lastUpdate.current;
          if (pushed && read?.order && !read.order.statusHistory.some((change) => change.status === pushed.orderStatus)) applyUpdate(pushed);
        })
        .catch(() => undefined),
  });
  const polling = !finished && shouldPoll(live);

  // A new order, or a mount, starts the schedule afresh — StrictMode's simulated remount included:
  // it runs the scheduling effect again, which would otherwise count the same answer twice.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the effect is the reset per order, so it runs when the order id changes
  useEffect(() => {
    answeredPolls.current = 0;
  }, [orderId]);

  useEffect(() => {
    if (!polling) {
      stopPolling();
      return;
    }
    const answered = networkStatus === NetworkStatus.ready || networkStatus === NetworkStatus.error;
    if (!answered) return;
    startPolling(pollIntervalAfter(answeredPolls.current));
    answeredPolls.current += 1;
  }, [polling, networkStatus, startPolling, stopPolling]);

  return { ...query, order, orderIsGone, finished, live };
}

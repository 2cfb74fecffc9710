// "My orders": a signed-in customer's orders (myOrders, page by page), or — for a guest — the
// orders this browser placed, each read with its secret.
import { NetworkStatus, useApolloClient, useQuery } from "@apollo/client";
import { useEffect, useRef, useState } from "react";
import { Link } from "wouter";
import { describeApiError } from "../api/apiErrors";
import { CustomerOrderUpdatesSubscription, MenuQuery, MyOrdersQuery, TrackOrderQuery } from "../api/operations";
import { useAuth } from "../auth/AuthProvider";
import { OrderCard } from "../components/OrderCard";
import type { Menu } from "../components/OrderFields";
import { PageHeading } from "../components/PageHeading";
import { EmptyState, ErrorState, LoadingState } from "../components/StatusViews";
import type { OnCustomerOrderUpdatesSubscription } from "../gql/graphql";
import { forgetGuestOrders, readGuestOrders, type GuestOrder } from "../guest/guestOrders";
import { applyOrderUpdate } from "../live/applyOrderUpdate";
import { shouldPoll, showsReconnecting } from "../live/liveConnection";
import { useLiveUpdates } from "../live/useLiveUpdates";

const ORDERS_PAGE_SIZE = 10;
/** How often the list is read again while live updates are down (never while they are healthy). */
export const MY_ORDERS_FALLBACK_POLL_MS = 5_000;

type CustomerOrderUpdate = NonNullable<OnCustomerOrderUpdatesSubscription["onCustomerOrderUpdates"]>;

function CustomerOrders({ menu, customerId }: { menu?: Menu; customerId: string }) {
  const client = useApolloClient();
  const { data, error, networkStatus, refetch, fetchMore, startPolling, stopPolling } = useQuery(MyOrdersQuery, {
    variables: { limit: ORDERS_PAGE_SIZE },
    fetchPolicy: "cache-and-network",
    nextFetchPolicy: "cache-first",
    notifyOnNetworkStatusChange: true,
  });
  const [moreProblem, setMoreProblem] = useState<string>();
  const orders = data?.myOrders;
  const loadingMore = networkStatus === NetworkStatus.fetchMore;
  const listed = useRef(new Set<string>());
  listed.current = new Set(orders?.items.map((order) => order.id));
  const readAgain = () => void refetch().catch(() => undefined);

  // Live: a change of a listed order is written into the cache (its card follows, no request); an
  // order the list does not hold yet (placed in another tab) is fetched with one read of the list.
  const live = useLiveUpdates<CustomerOrderUpdate>({
    subscription: CustomerOrderUpdatesSubscription,
    variables: { customerId },
    enabled: true,
    onUpdate: (update) => {
      if (listed.current.has(update.orderId)) applyOrderUpdate(client.cache, update);
      else readAgain();
    },
    onCatchUp: readAgain,
  });
  const polling = shouldPoll(live);
  useEffect(() => {
    if (polling) startPolling(MY_ORDERS_FALLBACK_POLL_MS);
    else stopPolling();
    return () => stopPolling();
  }, [polling, startPolling, stopPolling]);

  const loadMore = async () => {
    if (!orders?.nextToken || loadingMore) return;
    setMoreProblem(undefined);
    try {
      await fetchMore({ variables: { limit: ORDERS_PAGE_SIZE, nextToken: orders.nextToken } });
    } catch (problem) {
      setMoreProblem(describeApiError(problem).message);
    }
  };

  if (!orders && error) {
    return <ErrorState problem={describeApiError(error)} onRetry={() => void refetch().catch(() => undefined)} retrying={networkStatus === NetworkStatus.refetch} />;
  }
  if (!orders) return <LoadingState label="Loading your orders…" />;
  if (orders.items.length === 0) {
    return (
      <EmptyState title="No orders yet">
        <p>
          <Link href="/">Order a pizza</Link> and it will show up here.
        </p>
      </EmptyState>
    );
  }
  return (
    <>
      <p className="hint">Newest first. This list updates by itself.</p>
      {showsReconnecting(live) && (
        <p className="tracking-note" role="status">
          Live updates interrupted — reconnecting…
        </p>
      )}
      <ol className="order-list" aria-label="Orders" data-live={live}>
        {orders.items.map((order) => (
          <OrderCard key={order.id} order={order} menu={menu} />
        ))}
      </ol>
      {moreProblem && (
        <p className="form-error" role="alert">
          {moreProblem}
        </p>
      )}
      {orders.nextToken ? (
        <button type="button" className="button load-more" onClick={loadMore} disabled={loadingMore}>
          {loadingMore ? "Loading…" : "Show older orders"}
        </button>
      ) : (
        <p className="hint end-of-list">That's all your orders.</p>
      )}
    </>
  );
}

function GuestOrderCard({ entry, menu, onForget }: { entry: GuestOrder; menu?: Menu; onForget: () => void }) {
  const { data, error, refetch, networkStatus } = useQuery(TrackOrderQuery, {
    variables: { id: entry.id, guestSecret: entry.guestSecret },
    notifyOnNetworkStatusChange: true,
  });
  if (data?.order) return <OrderCard order={data.order} menu={menu} guestSecret={entry.guestSecret} />;
  const headingId = `guest-order-${entry.id}-heading`;
  return (
    <li className="order-card" aria-labelledby={headingId}>
      <h2 id={headingId}>Order {entry.id}</h2>
      {data && data.order === null ? (
        <>
          <p>The shop does not recognise this order with the secret this browser kept. It may have been moved into an account.</p>
          <button type="button" className="button" onClick={onForget}>
            Forget it on this browser
          </button>
        </>
      ) : error ? (
        <ErrorState problem={describeApiError(error)} onRetry={() => void refetch().catch(() => undefined)} retrying={networkStatus === NetworkStatus.refetch} />
      ) : (
        <LoadingState label="Loading the order…" />
      )}
    </li>
  );
}

function GuestOrders({ menu }: { menu?: Menu }) {
  const [entries, setEntries] = useState(() => readGuestOrders());
  if (entries.length === 0) {
    return (
      <EmptyState title="No orders yet">
        <p>
          <Link href="/">Order a pizza</Link> and it will show up here. <Link href="/sign-in">Sign in</Link> to see the orders of your account.
        </p>
      </EmptyState>
    );
  }
  return (
    <>
      <p className="hint">
        Orders placed on this browser without an account, newest first. <Link href="/sign-in">Sign in</Link> to keep them in your account.
      </p>
      <ol className="order-list" aria-label="Orders">
        {entries.map((entry) => (
          <GuestOrderCard
            key={entry.id}
            entry={entry}
            menu={menu}
            onForget={() => {
              forgetGuestOrders([entry.id]);
              setEntries(readGuestOrders());
            }}
          />
        ))}
      </ol>
    </>
  );
}

export function MyOrdersPage() {
  const { state } = useAuth();
  const { data: menuData } = useQuery(MenuQuery);
  const menu = menuData?.menu;
  return (
    <>
      <PageHeading>My orders</PageHeading>
      {state.status === "checking" ? (
        <LoadingState label="Loading your orders…" />
      ) : state.status === "signedIn" ? (
        <CustomerOrders menu={menu} customerId={state.session.customerId} />
      ) : (
        <GuestOrders menu={menu} />
      )}
    </>
  );
}

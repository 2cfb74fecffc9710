// The kitchen display (/kitchen/<restaurantId>) for signed-in staff of that restaurant: the active
// orders in columns by stage, live through onRestaurantOrderUpdates (polling only while the socket
// is down, as everywhere: ../live/liveConnection.ts), the open/closed switch and the capacity.
// Anyone else is told plainly that this display is not theirs and nothing is asked of the API;
// the server refuses them anyway (the core's staff checks).
import { NetworkStatus, useApolloClient, useQuery } from "@apollo/client";
import { restaurantName } from "@pizza-orders/core/menu/menu";
import { KITCHEN_ACTIVE_STATUSES, KITCHEN_QUEUE_STATUSES, OrderStatus } from "@pizza-orders/core/order/rules";
import { useEffect, useRef } from "react";
import { Link } from "wouter";
import { describeApiError } from "../api/apiErrors";
import { MeQuery } from "../api/operations";
import { useAuth } from "../auth/AuthProvider";
import { PageHeading } from "../components/PageHeading";
import { EmptyState, ErrorState, LoadingState } from "../components/StatusViews";
import type { OnRestaurantOrderUpdatesSubscription } from "../gql/graphql";
import { applyOrderUpdate } from "../live/applyOrderUpdate";
import { shouldPoll, showsReconnecting } from "../live/liveConnection";
import { useLiveUpdates } from "../live/useLiveUpdates";
import { STATUS_LABELS } from "../orders/orderStatus";
import { useNow } from "../orders/useNow";
import { KitchenOrderCard } from "./KitchenOrderCard";
import { KitchenOrdersQuery, KitchenRestaurantQuery, RestaurantOrderUpdatesSubscription } from "./kitchenOperations";
import { RestaurantControls } from "./RestaurantControls";
import "./kitchen.css";

/** How often the display reads again while live updates are down (never while they are healthy). */
export const KITCHEN_FALLBACK_POLL_MS = 5_000;

/** The columns: every stage the kitchen works on, then the shop's cancellations awaiting their refund. */
const COLUMNS = [...KITCHEN_ACTIVE_STATUSES, OrderStatus.CancelledByShop];

type RestaurantOrderUpdate = NonNullable<OnRestaurantOrderUpdatesSubscription["onRestaurantOrderUpdates"]>;

function KitchenBoard({ restaurantId }: { restaurantId: string }) {
  const client = useApolloClient();
  const now = useNow(30_000);
  const orders = useQuery(KitchenOrdersQuery, { variables: { restaurantId }, notifyOnNetworkStatusChange: true });
  const restaurant = useQuery(KitchenRestaurantQuery, { variables: { id: restaurantId } });
  const shown = useRef(new Set<string>());
  shown.current = new Set(orders.data?.kitchenOrders.map((order) => order.id));
  const readAgain = () => void orders.refetch().catch(() => undefined);

  // A change of an order on the display is written into the cache (no request); an order the
  // display does not hold yet (just paid) is fetched with one read of the active orders.
  const live = useLiveUpdates<RestaurantOrderUpdate>({
    subscription: RestaurantOrderUpdatesSubscription,
    variables: { restaurantId },
    enabled: true,
    onUpdate: (update) => {
      if (shown.current.has(update.orderId)) applyOrderUpdate(client.cache, update);
      else if (COLUMNS.includes(update.orderStatus)) readAgain();
    },
    onCatchUp: readAgain,
  });
  const { startPolling, stopPolling } = orders;
  const polling = shouldPoll(live);
  useEffect(() => {
    if (polling) startPolling(KITCHEN_FALLBACK_POLL_MS);
    else stopPolling();
    return () => stopPolling();
  }, [polling, startPolling, stopPolling]);

  const list = orders.data?.kitchenOrders;
  if (!list && orders.error) {
    return <ErrorState problem={describeApiError(orders.error)} onRetry={readAgain} retrying={orders.networkStatus === NetworkStatus.refetch} />;
  }
  if (!list) return <LoadingState label="Loading the kitchen's orders…" />;
  const pizzasInQueue = list
    .filter((order) => KITCHEN_QUEUE_STATUSES.includes(order.orderStatus))
    .reduce((sum, order) => sum + order.lines.reduce((lineSum, line) => lineSum + line.quantity, 0), 0);

  return (
    <>
      {showsReconnecting(live) && (
        <p className="tracking-note" role="status">
          Live updates interrupted — reconnecting…
        </p>
      )}
      {restaurant.data?.restaurant && <RestaurantControls restaurant={restaurant.data.restaurant} pizzasInQueue={pizzasInQueue} />}
      <div className="kitchen-board" data-live={live}>
        {COLUMNS.map((stage) => {
          const inStage = list.filter((order) => order.orderStatus === stage);
          if (stage === OrderStatus.CancelledByShop && inStage.length === 0) return null;
          return (
            <section key={stage} className="kitchen-column" aria-labelledby={`kitchen-${stage}`}>
              <h2 id={`kitchen-${stage}`}>
                {STATUS_LABELS[stage]} <span className="kitchen-count">({inStage.length})</span>
              </h2>
              <ol className="kitchen-cards" aria-label={STATUS_LABELS[stage]}>
                {inStage.map((order) => (
                  <KitchenOrderCard key={order.id} order={order} now={now} />
                ))}
              </ol>
            </section>
          );
        })}
      </div>
    </>
  );
}

export function KitchenPage({ restaurantId }: { restaurantId: string }) {
  const { state } = useAuth();
  const signedIn = state.status === "signedIn";
  const me = useQuery(MeQuery, { skip: !signedIn });
  // The menu is the core's (bundled): the name shows even before, or without, an answer from the API.
  const name = restaurantName(restaurantId);

  return (
    <div className="kitchen-page">
      <PageHeading>{`Kitchen · ${name}`}</PageHeading>
      {state.status === "checking" ? (
        <LoadingState label="Checking your session…" />
      ) : !signedIn ? (
        <EmptyState title="Staff only">
          <p>
            The kitchen display is for the restaurant's staff. <Link href="/sign-in">Sign in</Link> with your staff account.
          </p>
        </EmptyState>
      ) : !me.data && me.error ? (
        <ErrorState problem={describeApiError(me.error)} onRetry={() => void me.refetch().catch(() => undefined)} />
      ) : !me.data ? (
        <LoadingState label="Checking your staff membership…" />
      ) : me.data.me.staffOf.includes(restaurantId) ? (
        <KitchenBoard restaurantId={restaurantId} />
      ) : (
        <div className="error-state" role="alert">
          <h2>Not your kitchen</h2>
          <p>
            Your account is not on the staff of {name}: this display shows you none of its orders and you can change nothing here.
            {me.data.me.staffOf.length > 0 && " Open the kitchen you work for:"}
          </p>
          {me.data.me.staffOf.length > 0 && (
            <ul>
              {me.data.me.staffOf.map((own) => (
                <li key={own}>
                  <Link href={`/kitchen/${own}`}>{own}</Link>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}

import { useEffect, useRef } from "react";
import { Link, useLocation } from "wouter";
import { describeApiError } from "../api/apiErrors";
import { useAnnounce } from "../app/announcer";
import { OrderActions } from "../components/OrderActions";
import { OrderSummary } from "../components/OrderSummary";
import { PageHeading } from "../components/PageHeading";
import { StatusTimeline } from "../components/StatusTimeline";
import { EmptyState, ErrorState, LoadingState } from "../components/StatusViews";
import { showsReconnecting } from "../live/liveConnection";
import { STATUS_LABELS } from "../orders/orderStatus";
import { useOrderTracking } from "../orders/useOrderTracking";

export function TrackOrderPage({ orderId }: { orderId: string }) {
  const [, navigate] = useLocation();
  const announce = useAnnounce();
  const { order, orderIsGone, finished, error, refetch, live } = useOrderTracking(orderId);
  const status = order?.orderStatus;
  const announced = useRef<string>(undefined);

  useEffect(() => {
    if (!status || announced.current === status) return;
    announced.current = status;
    const reason = order?.failureReason ? ` ${order.failureReason}` : "";
    announce(`Order status: ${STATUS_LABELS[status]}.${reason}`);
  }, [status, order?.failureReason, announce]);

  const retry = () => void refetch().catch(() => undefined);

  return (
    <>
      <PageHeading>Your order</PageHeading>
      {order ? (
        <section className="tracker" aria-labelledby="tracker-status" data-tracking={finished ? "stopped" : "live"}>
          <p id="tracker-status" className={`tracker-status status-${order.orderStatus.toLowerCase()}`}>
            {STATUS_LABELS[order.orderStatus]}
          </p>
          {order.failureReason && (
            <p className="failure-reason">
              <strong>Reason:</strong> {order.failureReason}
            </p>
          )}
          <StatusTimeline status={order.orderStatus} history={order.statusHistory} />
          <p className="tracking-note">
            {finished ? "This order is finished; tracking has stopped." : "Tracking live — this page updates by itself."}
          </p>
          {!finished && showsReconnecting(live) && (
            <p className="tracking-note" role="status">
              Live updates interrupted — reconnecting…
            </p>
          )}
          {error && !finished && (
            <p className="form-error" role="status">
              {describeApiError(error).message} Still trying…
            </p>
          )}
          <OrderSummary order={order} />
          <OrderActions order={order} onDeleted={() => navigate("/orders")} />
          <p className="page-links">
            <Link href="/">Order another pizza</Link> · <Link href="/orders">All my orders</Link>
          </p>
        </section>
      ) : orderIsGone ? (
        <EmptyState title="We couldn't find this order">
          <p>
            It may have been deleted. See <Link href="/orders">your orders</Link>.
          </p>
        </EmptyState>
      ) : error ? (
        <ErrorState problem={describeApiError(error)} onRetry={retry} />
      ) : (
        <LoadingState label="Loading your order…" />
      )}
    </>
  );
}

import { useEffect, useRef, useState } from "react";
import { Link, useLocation } from "wouter";
import { describeApiError } from "../api/apiErrors";
import { useAnnounce } from "../app/announcer";
import { useAuth } from "../auth/AuthProvider";
import { OrderActions } from "../components/OrderActions";
import { OrderSummary } from "../components/OrderSummary";
import { PageHeading } from "../components/PageHeading";
import { StatusTimeline } from "../components/StatusTimeline";
import { ErrorState, LoadingState } from "../components/StatusViews";
import { trackingPath } from "../guest/trackingLink";
import { useGuestSecret } from "../guest/useGuestSecret";
import { showsReconnecting } from "../live/liveConnection";
import { formatTime } from "../orders/money";
import { isLate, STATUS_LABELS } from "../orders/orderStatus";
import { TryAnotherCard } from "../components/TryAnotherCard";
import { useNow } from "../orders/useNow";
import { useOrderTracking } from "../orders/useOrderTracking";

/** The link a guest keeps: the only way to reach the order from another browser. */
function KeepThisLink({ orderId, guestSecret }: { orderId: string; guestSecret: string }) {
  const href = new URL(trackingPath(orderId, guestSecret), globalThis.location?.href ?? "http://localhost/").toString();
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    await navigator.clipboard?.writeText(href).then(
      () => setCopied(true),
      () => undefined,
    );
  };
  return (
    <aside className="keep-link" aria-labelledby="keep-link-heading">
      <h2 id="keep-link-heading">Keep this link</h2>
      <p>
        You ordered without an account. This browser remembers the order, but to track or cancel it anywhere else, keep this link — anyone who has it can see
        the order:
      </p>
      <p>
        <a href={href} className="tracking-link">
          Track this order
        </a>{" "}
        <button type="button" className="button" onClick={() => void copy()}>
          {copied ? "Link copied" : "Copy link"}
        </button>
      </p>
    </aside>
  );
}

function OrderNotFound({ guest, onRetry, retrying }: { guest: boolean; onRetry: () => void; retrying: boolean }) {
  return (
    <div className="error-state" role="alert">
      <h2>We couldn't find this order</h2>
      <p>
        {guest
          ? "The shop does not recognise this order with the secret this browser kept."
          : "There is no order at this address that you can see. If you ordered without an account, open the tracking link you kept; if you have an account, sign in."}
      </p>
      <p className="page-links">
        <Link href="/orders">Your orders</Link> · <Link href="/sign-in">Sign in</Link>
      </p>
      <button type="button" className="button" onClick={onRetry} disabled={retrying}>
        {retrying ? "Retrying…" : "Try again"}
      </button>
    </div>
  );
}

export function TrackOrderPage({ orderId }: { orderId: string }) {
  const [, navigate] = useLocation();
  const announce = useAnnounce();
  const { state } = useAuth();
  const guestSecret = useGuestSecret(orderId);
  const { order, orderIsGone, finished, error, refetch, loading, live } = useOrderTracking(orderId, guestSecret);
  const status = order?.orderStatus;
  const announced = useRef<string>(undefined);
  // The clock only decides whether the ETA has passed: no request.
  const now = useNow(15_000);

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
        <section className="tracker" aria-labelledby="tracker-status" data-tracking={finished ? "stopped" : "live"} data-live={live}>
          {order.orderNumber && <p className="order-number">Order {order.orderNumber}</p>}
          <p id="tracker-status" className={`tracker-status status-${order.orderStatus.toLowerCase()}`}>
            {STATUS_LABELS[order.orderStatus]}
          </p>
          {order.eta && !finished && (
            <p className="tracker-eta" data-testid="tracker-eta">
              {order.fulfilment === "DELIVERY" ? "Expected at your door by " : "Ready for pickup by "}
              <time dateTime={order.eta}>{formatTime(order.eta)}</time>
            </p>
          )}
          {isLate(order, now) && (
            <p className="late-notice" role="status">
              Taking longer than usual — the kitchen is on it.
            </p>
          )}
          {order.failureReason && (
            <p className="failure-reason">
              <strong>Reason:</strong> {order.failureReason}
            </p>
          )}
          <StatusTimeline status={order.orderStatus} history={order.statusHistory} fulfilment={order.fulfilment} />
          {order.orderStatus === "PAYMENT_FAILED" && <TryAnotherCard orderId={order.id} guestSecret={guestSecret} />}
          <p className="tracking-note">{finished ? "This order is finished; tracking has stopped." : "Tracking live — this page updates by itself."}</p>
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
          {guestSecret && state.status !== "signedIn" && <KeepThisLink orderId={order.id} guestSecret={guestSecret} />}
          <OrderSummary order={order} />
          <OrderActions order={order} guestSecret={guestSecret} onRemoved={() => navigate("/orders")} />
          <p className="page-links">
            <Link href="/">Order another pizza</Link> · <Link href="/orders">All my orders</Link>
          </p>
        </section>
      ) : orderIsGone ? (
        <OrderNotFound guest={Boolean(guestSecret)} onRetry={retry} retrying={loading} />
      ) : error ? (
        <ErrorState problem={describeApiError(error)} onRetry={retry} retrying={loading} />
      ) : (
        <LoadingState label="Loading your order…" />
      )}
    </>
  );
}

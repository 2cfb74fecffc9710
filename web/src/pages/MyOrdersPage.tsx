import { NetworkStatus, useQuery } from "@apollo/client";
import { canCustomerChange } from "@pizza-orders/core/order/rules";
import { useState } from "react";
import { Link } from "wouter";
import { describeApiError } from "../api/apiErrors";
import { MenuQuery, MyOrdersQuery } from "../api/operations";
import { EditOrderForm } from "../components/EditOrderForm";
import { OrderActions } from "../components/OrderActions";
import type { Menu } from "../components/OrderFields";
import { OrderSummary } from "../components/OrderSummary";
import { PageHeading } from "../components/PageHeading";
import { StatusBadge } from "../components/StatusTimeline";
import { EmptyState, ErrorState, LoadingState } from "../components/StatusViews";
import type { OrderFieldsFragment } from "../gql/graphql";

const ORDERS_PAGE_SIZE = 10;

function OrderCard({ order, menu }: { order: OrderFieldsFragment; menu?: Menu }) {
  const [editing, setEditing] = useState(false);
  // The core's rule; the order's payment record is not in the API, so a paid order still offered
  // a change is refused by the API and the change form explains why.
  const changeable = canCustomerChange(order);
  const headingId = `order-${order.id}-heading`;
  return (
    <li className="order-card" aria-labelledby={headingId}>
      <div className="order-card-header">
        <h2 id={headingId}>
          {order.quantity} × {order.name}
        </h2>
        <StatusBadge status={order.orderStatus} />
      </div>
      {order.failureReason && <p className="failure-reason">{order.failureReason}</p>}
      {editing && menu && changeable ? (
        <EditOrderForm order={order} menu={menu} onDone={() => setEditing(false)} />
      ) : (
        <>
          <OrderSummary order={order} />
          <OrderActions order={order}>
            <Link className="button" href={`/orders/${encodeURIComponent(order.id)}`} aria-label={`Track order ${order.id}`}>
              Track
            </Link>
            {changeable && menu && (
              <button type="button" className="button" onClick={() => setEditing(true)}>
                Change
              </button>
            )}
          </OrderActions>
        </>
      )}
    </li>
  );
}

export function MyOrdersPage() {
  const { data, error, networkStatus, refetch, fetchMore } = useQuery(MyOrdersQuery, {
    variables: { limit: ORDERS_PAGE_SIZE },
    fetchPolicy: "cache-and-network",
    nextFetchPolicy: "cache-first",
    notifyOnNetworkStatusChange: true,
  });
  const { data: menuData } = useQuery(MenuQuery);
  const [moreProblem, setMoreProblem] = useState<string>();
  const orders = data?.orders;
  const loadingMore = networkStatus === NetworkStatus.fetchMore;

  const loadMore = async () => {
    if (!orders?.nextToken || loadingMore) return;
    setMoreProblem(undefined);
    try {
      await fetchMore({ variables: { limit: ORDERS_PAGE_SIZE, nextToken: orders.nextToken } });
    } catch (problem) {
      setMoreProblem(describeApiError(problem).message);
    }
  };

  return (
    <>
      <PageHeading>My orders</PageHeading>
      {!orders && error ? (
        <ErrorState problem={describeApiError(error)} onRetry={() => void refetch().catch(() => undefined)} retrying={networkStatus === NetworkStatus.refetch} />
      ) : !orders ? (
        <LoadingState label="Loading your orders…" />
      ) : orders.items.length === 0 ? (
        <EmptyState title="No orders yet">
          <p>
            <Link href="/">Order a pizza</Link> and it will show up here.
          </p>
        </EmptyState>
      ) : (
        <>
          <p className="hint">Newest first.</p>
          <ol className="order-list" aria-label="Orders">
            {orders.items.map((order) => (
              <OrderCard key={order.id} order={order} menu={menuData?.menu} />
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
      )}
    </>
  );
}

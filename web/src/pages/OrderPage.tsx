import { NetworkStatus, useQuery } from "@apollo/client";
import { describeApiError } from "../api/apiErrors";
import { MenuQuery } from "../api/operations";
import { PageHeading } from "../components/PageHeading";
import { PlaceOrderForm } from "../components/PlaceOrderForm";
import { EmptyState, ErrorState, LoadingState } from "../components/StatusViews";

export function OrderPage() {
  const { data, error, networkStatus, refetch } = useQuery(MenuQuery, { notifyOnNetworkStatusChange: true });
  const menu = data?.menu;
  return (
    <>
      <PageHeading>Order a pizza</PageHeading>
      {!menu && error ? (
        <ErrorState
          problem={describeApiError(error)}
          onRetry={() => void refetch().catch(() => undefined)}
          retrying={networkStatus === NetworkStatus.refetch}
        />
      ) : !menu ? (
        <LoadingState label="Loading the menu…" />
      ) : menu.pizzas.length === 0 || menu.restaurants.length === 0 ? (
        <EmptyState title="Nothing on the menu right now">
          <p>The shop has no pizzas or no open restaurants at the moment. Please come back later.</p>
        </EmptyState>
      ) : (
        <PlaceOrderForm menu={menu} />
      )}
    </>
  );
}

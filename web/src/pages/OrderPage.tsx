import { NetworkStatus, useQuery } from "@apollo/client";
import { describeApiError } from "../api/apiErrors";
import { MenuQuery } from "../api/operations";
import { PageHeading } from "../components/PageHeading";
import { PlaceOrderForm } from "../components/PlaceOrderForm";
import { EmptyState, ErrorState, LoadingState } from "../components/StatusViews";
import { BUNDLED_MENU } from "../orders/bundledMenu";

/**
 * While the menu query is on its way: the bundled menu, shown but not usable (inert) and hidden
 * from assistive technology, which hears the loading status instead. The build prerenders exactly
 * this into index.html (build/prerenderOrderPage.ts), so a slow connection shows the menu at once.
 */
function MenuPreview() {
  return (
    <div className="menu-preview" inert aria-hidden="true" data-testid="menu-preview">
      <PlaceOrderForm menu={BUNDLED_MENU} preview />
    </div>
  );
}

export function OrderPage() {
  const { data, error, networkStatus, refetch } = useQuery(MenuQuery, { notifyOnNetworkStatusChange: true });
  const menu = data?.menu;
  return (
    <>
      <PageHeading>Order a pizza</PageHeading>
      {!menu && error ? (
        <ErrorState problem={describeApiError(error)} onRetry={() => void refetch().catch(() => undefined)} retrying={networkStatus === NetworkStatus.refetch} />
      ) : !menu ? (
        <>
          <LoadingState label="Loading the menu…" />
          <MenuPreview />
        </>
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

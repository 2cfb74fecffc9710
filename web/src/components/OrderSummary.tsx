import { useQuery } from "@apollo/client";
import { MenuQuery } from "../api/operations";
import type { OrderFieldsFragment } from "../gql/graphql";
import { formatDateTime, formatMoney } from "../orders/money";

const SIZE_NAMES = { SMALL: "Small", MEDIUM: "Medium", LARGE: "Large" } as const;

export function OrderSummary({ order }: { order: OrderFieldsFragment }) {
  // The menu is normally cached already; it only turns restaurant ids into names.
  const { data } = useQuery(MenuQuery, { fetchPolicy: "cache-first" });
  const restaurant = data?.menu.restaurants.find((r) => r.id === order.restaurantId)?.name ?? order.restaurantId;
  return (
    <>
      <dl className="order-summary-list">
        <div>
          <dt>Pizza</dt>
          <dd>
            {order.quantity} × {SIZE_NAMES[order.size]} {order.name}
          </dd>
        </div>
        <div>
          <dt>Toppings</dt>
          <dd>{order.toppings.length > 0 ? order.toppings.join(", ") : "None"}</dd>
        </div>
        <div>
          <dt>Restaurant</dt>
          <dd>{restaurant}</dd>
        </div>
        {order.customerEmail && (
          <div>
            <dt>E-mail</dt>
            <dd>{order.customerEmail}</dd>
          </div>
        )}
        <div>
          <dt>Placed</dt>
          <dd>
            <time dateTime={order.createdAt}>{formatDateTime(order.createdAt)}</time>
          </dd>
        </div>
        <div>
          <dt>Total</dt>
          <dd>{formatMoney(order.totalCents, order.currency)}</dd>
        </div>
      </dl>
      <p className="order-ref">
        Order number <code className="order-id">{order.id}</code>
      </p>
    </>
  );
}

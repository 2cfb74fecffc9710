import { useQuery } from "@apollo/client";
import { MenuQuery } from "../api/operations";
import type { OrderFieldsFragment } from "../gql/graphql";
import { formatDateTime, formatMoney } from "../orders/money";

import { describeLine } from "./CartLines";

export function OrderSummary({ order }: { order: OrderFieldsFragment }) {
  // The menu is normally cached already; it only turns restaurant ids into names.
  const { data } = useQuery(MenuQuery, { fetchPolicy: "cache-first" });
  const restaurant = data?.menu.restaurants.find((r) => r.id === order.restaurantId)?.name ?? order.restaurantId;
  return (
    <>
      <dl className="order-summary-list">
        <div>
          <dt>Pizzas</dt>
          <dd>
            <ul className="order-lines">
              {order.lines.map((line, index) => (
                // Lines have no id and never change order within an order.
                // biome-ignore lint/suspicious/noArrayIndexKey: see above
                <li key={index}>
                  {line.quantity} × {describeLine(line)} <span className="price">{formatMoney(line.lineTotalCents, order.currency)}</span>
                </li>
              ))}
            </ul>
          </dd>
        </div>
        <div>
          <dt>{order.fulfilment === "DELIVERY" ? "Delivery to" : "Pickup"}</dt>
          <dd>
            {order.deliveryAddress
              ? `${order.deliveryAddress.street}, ${order.deliveryAddress.postalCode} ${order.deliveryAddress.city}`
              : "At the counter"}
            {order.deliveryFeeCents > 0 && ` (delivery ${formatMoney(order.deliveryFeeCents, order.currency)})`}
          </dd>
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
        {order.orderNumber && <>Order {order.orderNumber} · </>}
        Reference <code className="order-id">{order.id}</code>
      </p>
      {order.refund && (
        <p className="refund-note">
          Refunded {formatMoney(order.refund.amountCents, order.currency)} on <time dateTime={order.refund.at}>{formatDateTime(order.refund.at)}</time>.
        </p>
      )}
    </>
  );
}

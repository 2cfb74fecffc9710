// One order in "My orders": its summary, and what may be done with it. A refused change or cancel
// is shown here, on the card it concerns.
import { canCustomerChange, isTerminal } from "@pizza-orders/core/order/rules";
import { useState } from "react";
import { Link } from "wouter";
import type { OrderFieldsFragment } from "../gql/graphql";
import { trackingPath } from "../guest/trackingLink";
import { EditOrderForm } from "./EditOrderForm";
import { OrderAgainButton } from "./OrderAgainButton";
import { OrderActions } from "./OrderActions";
import type { Menu } from "./OrderFields";
import { OrderSummary } from "./OrderSummary";
import { StatusBadge } from "./StatusTimeline";

interface OrderCardProps {
  order: OrderFieldsFragment;
  menu?: Menu;
  /** A guest's proof of the order (this browser's guest orders). */
  guestSecret?: string;
}

export function OrderCard({ order, menu, guestSecret }: OrderCardProps) {
  const [editing, setEditing] = useState(false);
  const [changeRefusal, setChangeRefusal] = useState<string>();
  // The core's rule; the order's payment record is not in the API, so a paid order still offered
  // a change is refused by the API and the card explains why.
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
        <EditOrderForm
          order={order}
          menu={menu}
          guestSecret={guestSecret}
          onDone={() => setEditing(false)}
          onNotModifiable={(message) => {
            setChangeRefusal(message);
            setEditing(false);
          }}
        />
      ) : (
        <>
          <OrderSummary order={order} />
          <OrderActions order={order} guestSecret={guestSecret} refusal={changeRefusal}>
            <Link className="button" href={trackingPath(order.id)} aria-label={`Track order ${order.id}`}>
              Track
            </Link>
            {isTerminal(order.orderStatus) && <OrderAgainButton orderId={order.id} guestSecret={guestSecret} label={`${order.quantity} × ${order.name}`} />}
            {changeable && menu && (
              <button
                type="button"
                className="button"
                onClick={() => {
                  setChangeRefusal(undefined);
                  setEditing(true);
                }}
              >
                Change
              </button>
            )}
          </OrderActions>
        </>
      )}
    </li>
  );
}

// One order on the kitchen display: its number, what to make, how old it is (marked when past its
// ETA), and big buttons to move it to its next stage (the core's kitchen flow) or cancel it with a
// reason. The server decides whether a move is allowed; a refusal is shown on the card.
import { useMutation } from "@apollo/client";
import { type Fulfilment, nextKitchenStage, type OrderStatus } from "@pizza-orders/core/order/rules";
import { useId, useState } from "react";
import { describeApiError } from "../api/apiErrors";
import type { KitchenOrderFieldsFragment } from "../gql/graphql";
import { STATUS_LABELS } from "../orders/orderStatus";
import { AdvanceOrderMutation, CancelOrderByShopMutation } from "./kitchenOperations";

const SIZE_NAMES = { SMALL: "Small", MEDIUM: "Medium", LARGE: "Large" } as const;

/** When the kitchen got the order (paid), else when it was placed. */
function receivedAt(order: KitchenOrderFieldsFragment): string {
  return order.statusHistory.find((change) => change.status === "RECEIVED")?.at ?? order.createdAt;
}

function minutesBetween(from: string, to: number): number {
  return Math.max(0, Math.floor((to - Date.parse(from)) / 60_000));
}

export function KitchenOrderCard({ order, now }: { order: KitchenOrderFieldsFragment; now: number }) {
  const id = useId();
  const [advance, advancing] = useMutation(AdvanceOrderMutation);
  const [cancelByShop, cancelling] = useMutation(CancelOrderByShopMutation);
  const [problem, setProblem] = useState<string>();
  const [cancelOpen, setCancelOpen] = useState(false);
  const [reason, setReason] = useState("");
  const next = nextKitchenStage(order.fulfilment as Fulfilment, order.orderStatus as OrderStatus);
  const number = order.orderNumber ?? order.id.slice(-6);
  const age = minutesBetween(receivedAt(order), now);
  const late = order.eta !== null && order.eta !== undefined && Date.parse(order.eta) < now;
  const busy = advancing.loading || cancelling.loading;
  const cancellable = order.orderStatus !== "CANCELLED_BY_SHOP";

  const run = async (action: () => Promise<unknown>) => {
    setProblem(undefined);
    try {
      await action();
    } catch (error) {
      setProblem(describeApiError(error).message);
    }
  };

  return (
    <li className={`kitchen-card${late ? " late" : ""}`} aria-labelledby={`${id}-number`}>
      <div className="kitchen-card-header">
        <h3 id={`${id}-number`} className="kitchen-number">
          {number}
        </h3>
        <span className="kitchen-age">
          {age} min{late && <strong className="late-flag"> · late</strong>}
        </span>
      </div>
      <p className="kitchen-fulfilment">{order.fulfilment === "DELIVERY" ? "Delivery" : "Pickup"}</p>
      <ul className="kitchen-lines" aria-label={`Items of order ${number}`}>
        {order.lines.map((line, index) => (
          // Lines have no id of their own and never change order within an order.
          // biome-ignore lint/suspicious/noArrayIndexKey: see above
          <li key={index}>
            <strong>{line.quantity} ×</strong> {SIZE_NAMES[line.size]} {line.pizza}
            {line.toppings.length > 0 && <span className="kitchen-toppings"> + {line.toppings.join(", ")}</span>}
          </li>
        ))}
      </ul>
      {order.deliveryAddress && (
        <p className="kitchen-address">
          {order.deliveryAddress.street}, {order.deliveryAddress.postalCode} {order.deliveryAddress.city}
          {order.deliveryAddress.instructions && ` (${order.deliveryAddress.instructions})`}
        </p>
      )}
      {problem && (
        <p className="form-error" role="alert">
          {problem}
        </p>
      )}
      {cancelOpen ? (
        <form
          className="kitchen-cancel"
          onSubmit={(event) => {
            event.preventDefault();
            if (!reason.trim()) {
              setProblem("Say why the order is cancelled: the customer reads it.");
              return;
            }
            void run(async () => {
              await cancelByShop({ variables: { id: order.id, reason: reason.trim() } });
              setCancelOpen(false);
            });
          }}
        >
          <label htmlFor={`${id}-reason`}>Why is order {number} cancelled?</label>
          <input id={`${id}-reason`} value={reason} onChange={(event) => setReason(event.target.value)} disabled={busy} />
          <div className="kitchen-actions">
            <button type="button" className="button touch" onClick={() => setCancelOpen(false)} disabled={busy}>
              Keep it
            </button>
            <button type="submit" className="button touch danger" disabled={busy}>
              {cancelling.loading ? "Cancelling…" : "Cancel and refund"}
            </button>
          </div>
        </form>
      ) : (
        <div className="kitchen-actions">
          {next && (
            <button
              type="button"
              className="button touch primary"
              disabled={busy}
              aria-label={`Move order ${number} to ${STATUS_LABELS[next]}`}
              onClick={() => void run(() => advance({ variables: { id: order.id, to: next } }))}
            >
              {advancing.loading ? "Moving…" : `→ ${STATUS_LABELS[next]}`}
            </button>
          )}
          {cancellable && (
            <button type="button" className="button touch" disabled={busy} aria-label={`Cancel order ${number}`} onClick={() => setCancelOpen(true)}>
              Cancel…
            </button>
          )}
        </div>
      )}
    </li>
  );
}

// Cancel an unpaid order, or remove a finished one from the signed-in customer's history — each
// after a confirmation. A refusal stays on the card, next to the action it concerns.
import { useApolloClient, useMutation } from "@apollo/client";
import { canCustomerChange, isTerminal } from "@pizza-orders/core/order/rules";
import { type ReactNode, useState } from "react";
import { type ApiProblem, describeApiError } from "../api/apiErrors";
import { CancelOrderMutation, DeleteOrderMutation, TrackOrderQuery } from "../api/operations";
import { useAnnounce } from "../app/announcer";
import { useAuth } from "../auth/AuthProvider";
import type { OrderFieldsFragment } from "../gql/graphql";
import { ConfirmDialog } from "./ConfirmDialog";

interface OrderActionsProps {
  order: OrderFieldsFragment;
  /** A guest's proof of the order; absent for a signed-in customer's own order. */
  guestSecret?: string;
  onRemoved?: () => void;
  /** A refusal that happened elsewhere on the card (a change), shown here beside the actions. */
  refusal?: string;
  children?: ReactNode;
}

type Action = "cancel" | "remove";

const REFUSAL_LEADS: Record<Action, string> = {
  cancel: "The order was not cancelled.",
  remove: "The order was not removed from your history.",
};

export function OrderActions({ order, guestSecret, onRemoved, refusal: outsideRefusal, children }: OrderActionsProps) {
  const client = useApolloClient();
  const announce = useAnnounce();
  const { state } = useAuth();
  const [confirming, setConfirming] = useState<Action>();
  // Remembers what was attempted: the order may have moved on (and changed its action) since.
  const [refusal, setRefusal] = useState<{ attempted: Action; problem: ApiProblem }>();
  const [cancelOrder, { loading: cancelling }] = useMutation(CancelOrderMutation);
  const [deleteOrder, { loading: removing }] = useMutation(DeleteOrderMutation);
  const busy = cancelling || removing;
  // Cancel only while the customer may (before payment: rules.ts); a paid order in the kitchen
  // offers nothing — the shop cancels and refunds. History belongs to an account: a guest has none to remove from.
  const action: Action | undefined = canCustomerChange(order)
    ? "cancel"
    : isTerminal(order.orderStatus) && state.status === "signedIn" && !guestSecret
      ? "remove"
      : undefined;

  const forgetOrder = () => {
    client.cache.evict({ id: client.cache.identify(order) });
    client.cache.gc();
  };

  const confirm = async (attempted: Action) => {
    setRefusal(undefined);
    try {
      if (attempted === "cancel") {
        await cancelOrder({ variables: { id: order.id, guestSecret } });
        announce("Order cancelled.");
      } else {
        await deleteOrder({ variables: { id: order.id } });
        announce("Order removed from your history.");
        forgetOrder();
        onRemoved?.();
      }
      setConfirming(undefined);
    } catch (error) {
      const problem = describeApiError(error);
      setConfirming(undefined);
      setRefusal({ attempted, problem });
      announce(`${REFUSAL_LEADS[attempted]} ${problem.message}`);
      // The refusal usually means the order moved on (e.g. it was paid); show where it is now.
      if (problem.kind === "notModifiable") {
        void client.query({ query: TrackOrderQuery, variables: { id: order.id, guestSecret }, fetchPolicy: "network-only" }).catch(() => undefined);
      }
    }
  };

  return (
    <div className="order-actions">
      {children}
      {action && (
        <button
          type="button"
          className="button danger-outline"
          onClick={() => {
            setRefusal(undefined);
            setConfirming(action);
          }}
          disabled={busy}
        >
          {action === "cancel" ? "Cancel order" : "Remove from history"}
        </button>
      )}
      {(refusal || outsideRefusal) && (
        <p className="form-error action-refusal">{refusal ? `${REFUSAL_LEADS[refusal.attempted]} ${refusal.problem.message}` : outsideRefusal}</p>
      )}
      {confirming && (
        <ConfirmDialog
          title={confirming === "cancel" ? "Cancel this order?" : "Remove this order from your history?"}
          confirmLabel={confirming === "cancel" ? "Cancel order" : "Remove from history"}
          busy={busy}
          onConfirm={() => confirm(confirming)}
          onCancel={() => setConfirming(undefined)}
        >
          {confirming === "cancel" ? (
            <p>The {order.name} order will be cancelled. If the payment has already been taken, the shop will refuse.</p>
          ) : (
            <p>The {order.name} order will no longer be listed in your orders. The shop keeps its record of the sale.</p>
          )}
        </ConfirmDialog>
      )}
    </div>
  );
}

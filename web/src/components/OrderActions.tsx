// Cancel or delete an order, after a confirmation. What the API does depends on the order:
// a finished order is deleted, an unpaid one is cancelled, a paid in-flight one is refused.
import { useApolloClient, useMutation } from "@apollo/client";
import { isTerminal } from "@pizza-orders/core/order/rules";
import { useState } from "react";
import { describeApiError, type ApiProblem } from "../api/apiErrors";
import { DeleteOrderMutation, TrackOrderQuery } from "../api/operations";
import { useAnnounce } from "../app/announcer";
import type { OrderFieldsFragment } from "../gql/graphql";
import { ConfirmDialog } from "./ConfirmDialog";

interface OrderActionsProps {
  order: OrderFieldsFragment;
  onDeleted?: () => void;
  children?: React.ReactNode;
}

export function OrderActions({ order, onDeleted, children }: OrderActionsProps) {
  const client = useApolloClient();
  const announce = useAnnounce();
  const [confirming, setConfirming] = useState(false);
  // Remembers what was attempted: the order may have moved on (and changed its action) since.
  const [refusal, setRefusal] = useState<{ attempted: "cancel" | "delete"; problem: ApiProblem }>();
  const [deleteOrder, { loading }] = useMutation(DeleteOrderMutation);
  const finished = isTerminal(order.orderStatus);
  const action = finished ? "Delete" : "Cancel order";

  const forgetOrder = () => {
    client.cache.evict({ id: client.cache.identify(order) });
    client.cache.gc();
  };

  const confirm = async () => {
    setRefusal(undefined);
    try {
      await deleteOrder({ variables: { id: order.id } });
      setConfirming(false);
      if (finished) {
        announce("Order deleted.");
        forgetOrder();
        onDeleted?.();
      } else {
        announce("Order cancelled.");
      }
    } catch (error) {
      const problem = describeApiError(error);
      setConfirming(false);
      setRefusal({ attempted: finished ? "delete" : "cancel", problem });
      announce(problem.message);
      // The refusal usually means the order moved on (e.g. it was paid); show where it is now.
      // A vanished order stays on screen with the explanation rather than disappearing unexplained.
      if (problem.kind === "notModifiable") {
        void client.query({ query: TrackOrderQuery, variables: { id: order.id }, fetchPolicy: "network-only" }).catch(() => undefined);
      }
    }
  };

  return (
    <div className="order-actions">
      {children}
      <button
        type="button"
        className="button danger-outline"
        onClick={() => {
          setRefusal(undefined);
          setConfirming(true);
        }}
        disabled={loading}
      >
        {action}
      </button>
      {refusal && (
        <p className="form-error" role="alert">
          {refusal.attempted === "delete" ? "The order was not deleted. " : "The order was not cancelled. "}
          {refusal.problem.message}
        </p>
      )}
      {confirming && (
        <ConfirmDialog
          title={finished ? "Delete this order?" : "Cancel this order?"}
          confirmLabel={finished ? "Delete order" : "Cancel order"}
          busy={loading}
          onConfirm={confirm}
          onCancel={() => setConfirming(false)}
        >
          {finished ? (
            <p>
              The {order.name} order will be removed from your history. This cannot be undone.
            </p>
          ) : (
            <p>
              The {order.name} order will be cancelled. If the payment has already been taken, the shop will refuse.
            </p>
          )}
        </ConfirmDialog>
      )}
    </div>
  );
}

// Cancel or delete an order, after a confirmation. What the API does depends on the order:
// a finished order is deleted, an unpaid one is cancelled, a paid in-flight one is refused.
import { useApolloClient, useMutation } from "@apollo/client";
import { useState } from "react";
import { describeApiError, type ApiProblem } from "../api/apiErrors";
import { DeleteOrderMutation, TrackOrderQuery } from "../api/operations";
import { useAnnounce } from "../app/announcer";
import type { OrderFieldsFragment } from "../gql/graphql";
import { isTerminalStatus } from "../orders/orderStatus";
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
  const [problem, setProblem] = useState<ApiProblem>();
  const [deleteOrder, { loading }] = useMutation(DeleteOrderMutation);
  const finished = isTerminalStatus(order.orderStatus);
  const action = finished ? "Delete" : "Cancel order";

  const forgetOrder = () => {
    client.cache.evict({ id: client.cache.identify(order) });
    client.cache.gc();
  };

  const confirm = async () => {
    setProblem(undefined);
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
      const refusal = describeApiError(error);
      setConfirming(false);
      setProblem(refusal);
      announce(refusal.message);
      if (refusal.kind === "notFound") forgetOrder();
      // The refusal usually means the order moved on (e.g. it was paid); show where it is now.
      else if (refusal.kind === "notModifiable") {
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
          setProblem(undefined);
          setConfirming(true);
        }}
        disabled={loading}
      >
        {action}
      </button>
      {problem && (
        <p className="form-error" role="alert">
          {finished ? "The order was not deleted. " : "The order was not cancelled. "}
          {problem.message}
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

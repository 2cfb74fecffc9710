import { useApolloClient, useMutation } from "@apollo/client";
import { canCustomerChange } from "@pizza-orders/core/order/rules";
import { TrackOrderQuery, UpdateOrderMutation } from "../api/operations";
import { useAnnounce } from "../app/announcer";
import type { OrderFieldsFragment } from "../gql/graphql";
import { formatMoney } from "../orders/money";
import { NO_ADDRESS, draftTotalCents, toUpdateOrderInput, validateOrderChange, type OrderDraft } from "../orders/orderDraft";
import { OrderFields, type Menu } from "./OrderFields";
import { useOrderForm } from "./useOrderForm";

function draftOf(order: OrderFieldsFragment): OrderDraft {
  return {
    name: order.name,
    size: order.size,
    toppings: [...order.toppings],
    quantity: String(order.quantity),
    restaurantId: order.restaurantId,
    customerEmail: order.customerEmail ?? "",
    paymentToken: "",
    cart: [],
    fulfilment: order.fulfilment,
    address: NO_ADDRESS,
  };
}

interface EditOrderFormProps {
  order: OrderFieldsFragment;
  menu: Menu;
  /** A guest's proof of the order. */
  guestSecret?: string;
  onDone: () => void;
  /** The order can no longer be changed: the card closes the form and keeps this message. */
  onNotModifiable: (message: string) => void;
}

export function EditOrderForm({ order, menu, guestSecret, onDone, onNotModifiable }: EditOrderFormProps) {
  const client = useApolloClient();
  const announce = useAnnounce();
  const [updateOrder, { loading }] = useMutation(UpdateOrderMutation);
  const { formRef, draft, change, errors, problem, submit } = useOrderForm({
    initialDraft: () => draftOf(order),
    validate: (draft) => validateOrderChange(order.id, draft),
    send: async (draft) => {
      await updateOrder({ variables: { input: { ...toUpdateOrderInput(order.id, draft), guestSecret } } });
      announce("Order changed.");
      onDone();
    },
    refusalLead: "The order was not changed.",
    onRefusal: (refusal) => {
      // The order moved on (e.g. it was paid): show where it is now, and keep the reason on the
      // card — the form closes once the order shows it can no longer be changed.
      if (refusal.kind === "notModifiable") {
        onNotModifiable(`The order was not changed. ${refusal.message}`);
        void client.query({ query: TrackOrderQuery, variables: { id: order.id, guestSecret }, fetchPolicy: "network-only" }).catch(() => undefined);
      }
    },
  });
  const totalCents = draftTotalCents(draft);

  return (
    <form ref={formRef} className="order-form edit-form" noValidate onSubmit={submit} aria-busy={loading} aria-label={`Change order ${order.id}`}>
      <OrderFields menu={menu} draft={draft} errors={errors} disabled={loading} onChange={change} />
      <p className="total">
        New total:{" "}
        <output aria-live="polite">{totalCents === undefined ? "—" : formatMoney(totalCents, menu.currency)}</output>
      </p>
      {problem && (
        <div className="form-error" role="alert">
          {problem.kind === "notModifiable" ? "This order can no longer be changed. " : ""}
          {problem.message}
        </div>
      )}
      <div className="form-actions">
        <button type="button" className="button" onClick={onDone} disabled={loading}>
          Discard changes
        </button>
        <button type="submit" className="button primary" disabled={loading}>
          {loading ? "Saving…" : "Save changes"}
        </button>
      </div>
    </form>
  );
}

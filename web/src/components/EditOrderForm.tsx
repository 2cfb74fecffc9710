import { useApolloClient, useMutation } from "@apollo/client";
import { CUSTOMER_CHANGEABLE_STATUSES } from "@pizza-orders/core/order/rules";
import { useRef, useState, type FormEvent } from "react";
import { describeApiError, type ApiProblem, type FieldErrors } from "../api/apiErrors";
import { TrackOrderQuery, UpdateOrderMutation } from "../api/operations";
import { useAnnounce } from "../app/announcer";
import type { OrderFieldsFragment } from "../gql/graphql";
import { formatMoney } from "../orders/money";
import { draftTotalCents, toUpdateOrderInput, validateOrderChange, type OrderDraft } from "../orders/orderDraft";
import { OrderFields, type Menu } from "./OrderFields";
import { useFocusFirstError } from "./useFocusFirstError";

export function canChange(order: Pick<OrderFieldsFragment, "orderStatus">): boolean {
  return (CUSTOMER_CHANGEABLE_STATUSES as readonly string[]).includes(order.orderStatus);
}

function draftOf(order: OrderFieldsFragment): OrderDraft {
  return {
    name: order.name,
    size: order.size,
    toppings: [...order.toppings],
    quantity: String(order.quantity),
    restaurantId: order.restaurantId,
    customerEmail: order.customerEmail ?? "",
    paymentToken: "",
  };
}

export function EditOrderForm({ order, menu, onDone }: { order: OrderFieldsFragment; menu: Menu; onDone: () => void }) {
  const client = useApolloClient();
  const announce = useAnnounce();
  const formRef = useRef<HTMLFormElement>(null);
  const focusFirstError = useFocusFirstError(formRef);
  const [draft, setDraft] = useState<OrderDraft>(() => draftOf(order));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [problem, setProblem] = useState<ApiProblem>();
  const inFlight = useRef(false);
  const [updateOrder, { loading }] = useMutation(UpdateOrderMutation);
  const totalCents = draftTotalCents(draft);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (inFlight.current) return;
    setProblem(undefined);
    const clientErrors = validateOrderChange(order.id, draft);
    setErrors(clientErrors);
    if (Object.keys(clientErrors).length > 0) {
      focusFirstError();
      return;
    }
    inFlight.current = true;
    try {
      await updateOrder({ variables: { input: toUpdateOrderInput(order.id, draft) } });
      announce("Order changed.");
      onDone();
    } catch (error) {
      const refusal = describeApiError(error);
      if (refusal.kind === "validation") {
        setErrors(refusal.fieldErrors);
        focusFirstError();
      }
      setProblem(refusal);
      announce(`The order was not changed. ${refusal.message}`);
      if (refusal.kind === "notModifiable") {
        void client.query({ query: TrackOrderQuery, variables: { id: order.id }, fetchPolicy: "network-only" }).catch(() => undefined);
      }
    } finally {
      inFlight.current = false;
    }
  };

  return (
    <form ref={formRef} className="order-form edit-form" noValidate onSubmit={submit} aria-busy={loading} aria-label={`Change order ${order.id}`}>
      <OrderFields menu={menu} draft={draft} errors={errors} disabled={loading} onChange={setDraft} />
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

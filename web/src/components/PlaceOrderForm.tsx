import { useMutation } from "@apollo/client";
import { useId, useRef, useState, type FormEvent } from "react";
import { useLocation } from "wouter";
import { describeApiError, type ApiProblem, type FieldErrors } from "../api/apiErrors";
import { PlaceOrderMutation } from "../api/operations";
import { useAnnounce } from "../app/announcer";
import { formatMoney } from "../orders/money";
import { draftTotalCents, PAYMENT_CHOICES, toOrderInput, validateNewOrder, type OrderDraft } from "../orders/orderDraft";
import { OrderFields, type Menu } from "./OrderFields";
import { useFocusFirstError } from "./useFocusFirstError";

function initialDraft(menu: Menu): OrderDraft {
  return {
    name: menu.pizzas[0]?.name ?? "",
    size: menu.sizes.some((size) => size.size === "MEDIUM") ? "MEDIUM" : (menu.sizes[0]?.size ?? "MEDIUM"),
    toppings: [],
    quantity: "1",
    restaurantId: menu.restaurants[0]?.id ?? "",
    customerEmail: "",
    paymentToken: PAYMENT_CHOICES[0].token,
  };
}

export function PlaceOrderForm({ menu }: { menu: Menu }) {
  const id = useId();
  const [, navigate] = useLocation();
  const announce = useAnnounce();
  const formRef = useRef<HTMLFormElement>(null);
  const focusFirstError = useFocusFirstError(formRef);
  const [draft, setDraft] = useState<OrderDraft>(() => initialDraft(menu));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formProblem, setFormProblem] = useState<ApiProblem>();
  const [attempted, setAttempted] = useState(false);
  // The button is disabled while a request is in flight, but a fast double click (or Enter twice)
  // can land before React re-renders; this ref refuses the second submit synchronously.
  const inFlight = useRef(false);
  const [placeOrder, { loading }] = useMutation(PlaceOrderMutation);

  const totalCents = draftTotalCents(draft);

  const change = (next: OrderDraft) => {
    setDraft(next);
    if (attempted) setErrors(validateNewOrder(next));
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (inFlight.current) return;
    setAttempted(true);
    setFormProblem(undefined);
    const clientErrors = validateNewOrder(draft);
    setErrors(clientErrors);
    if (Object.keys(clientErrors).length > 0) {
      announce("The order has errors. Please correct the highlighted fields.");
      focusFirstError();
      return;
    }
    inFlight.current = true;
    try {
      const result = await placeOrder({ variables: { input: toOrderInput(draft) } });
      const order = result.data?.postOrder;
      if (!order) throw new Error("The shop did not return the order.");
      announce(`Order placed. Order number ${order.id}.`);
      navigate(`/orders/${encodeURIComponent(order.id)}`);
    } catch (error) {
      const problem = describeApiError(error);
      if (problem.kind === "validation") {
        setErrors(problem.fieldErrors);
        focusFirstError();
      }
      setFormProblem(problem);
      announce(`The order was not placed. ${problem.message}`);
    } finally {
      inFlight.current = false;
    }
  };

  const busy = loading;
  return (
    <form ref={formRef} className="order-form" noValidate onSubmit={submit} aria-busy={busy} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="visually-hidden">
        Your order
      </h2>
      <OrderFields menu={menu} draft={draft} errors={errors} disabled={busy} onChange={change} />

      <fieldset className="field-group" aria-describedby={errors.paymentToken ? `${id}-payment-error` : undefined}>
        <legend>Payment card</legend>
        {errors.paymentToken && (
          <p id={`${id}-payment-error`} className="field-error">
            {errors.paymentToken}
          </p>
        )}
        <div className="payment-list">
          {PAYMENT_CHOICES.map((choice) => (
            <label key={choice.label} className="check">
              <input
                type="radio"
                name={`${id}-payment`}
                value={choice.token}
                checked={draft.paymentToken === choice.token}
                disabled={busy}
                onChange={() => change({ ...draft, paymentToken: choice.token })}
              />
              <span>{choice.label}</span>
            </label>
          ))}
        </div>
      </fieldset>

      <div className="order-summary">
        <p className="total">
          Total:{" "}
          <output aria-live="polite" data-testid="order-total">
            {totalCents === undefined ? "—" : formatMoney(totalCents, menu.currency)}
          </output>
        </p>
        {formProblem && (
          <div className="form-error" role="alert">
            {formProblem.message}
          </div>
        )}
        <button type="submit" className="button primary" disabled={busy} aria-disabled={busy}>
          {busy ? "Placing order…" : "Place order"}
        </button>
      </div>
    </form>
  );
}

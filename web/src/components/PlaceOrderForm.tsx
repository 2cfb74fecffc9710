import { useMutation, useQuery } from "@apollo/client";
import { useEffect, useId, useRef } from "react";
import { useLocation } from "wouter";
import { MeQuery, PlaceOrderMutation } from "../api/operations";
import { useAnnounce } from "../app/announcer";
import { TrackOrderPage } from "../app/lazyPages";
import { useAuth } from "../auth/AuthProvider";
import { rememberGuestOrder } from "../guest/guestOrders";
import { trackingPath } from "../guest/trackingLink";
import { useCheckoutAttempt } from "../orders/checkoutAttempt";
import { formatMoney } from "../orders/money";
import { draftTotalCents, type OrderDraft, PAYMENT_CHOICES, toOrderInput, validateNewOrder } from "../orders/orderDraft";
import { type Menu, OrderFields } from "./OrderFields";
import { useOrderForm } from "./useOrderForm";

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
  const { state: authState } = useAuth();
  const { data: account } = useQuery(MeQuery, { skip: authState.status !== "signedIn" });
  const [placeOrder, { loading: busy }] = useMutation(PlaceOrderMutation);
  const checkoutAttempt = useCheckoutAttempt();
  const {
    formRef,
    draft,
    change,
    errors,
    problem: formProblem,
    submit,
  } = useOrderForm({
    initialDraft: () => initialDraft(menu),
    validate: validateNewOrder,
    send: async (draft) => {
      // The tracker comes next: download it while the order is on its way.
      void TrackOrderPage.preload().catch(() => undefined);
      const result = await placeOrder({ variables: { input: { ...toOrderInput(draft), clientToken: checkoutAttempt.token() } } });
      const order = result.data?.postOrder;
      if (!order) throw new Error("The shop did not return the order.");
      checkoutAttempt.renew();
      // A guest's proof of the order: kept in this browser (the tracking page shows the link to keep).
      if (order.guestSecret) rememberGuestOrder({ id: order.id, guestSecret: order.guestSecret });
      announce(`Order placed. Order number ${order.id}.`);
      navigate(trackingPath(order.id));
    },
    refusalLead: "The order was not placed.",
    // Any other failure keeps the token: submitting again retries the same attempt.
    onRefusal: (problem) => {
      if (problem.kind === "conflict") checkoutAttempt.renew();
    },
  });

  // The signed-in customer's e-mail address, once, into an e-mail field they have not typed in.
  const accountEmail = account?.me.email;
  const prefilled = useRef(false);
  useEffect(() => {
    if (!accountEmail || prefilled.current) return;
    prefilled.current = true;
    if (draft.customerEmail === "") change({ ...draft, customerEmail: accountEmail });
  }, [accountEmail, draft, change]);

  const totalCents = draftTotalCents(draft);

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

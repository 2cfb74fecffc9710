import { useMutation, useQuery } from "@apollo/client";
import { Fulfilment } from "@pizza-orders/core/order/rules";
import { useEffect, useId, useRef, useState } from "react";
import { useLocation } from "wouter";
import type { FieldErrors } from "../api/apiErrors";
import { MeQuery, PlaceOrderMutation, RestaurantAtCheckoutQuery } from "../api/operations";
import { useAnnounce } from "../app/announcer";
import { TrackOrderPage } from "../app/lazyPages";
import { useAuth } from "../auth/AuthProvider";
import { rememberGuestOrder } from "../guest/guestOrders";
import { trackingPath } from "../guest/trackingLink";
import { useCheckoutAttempt } from "../orders/checkoutAttempt";
import { formatMoney } from "../orders/money";
import { builderLine, draftPrice, NO_ADDRESS, PAYMENT_CHOICES, toOrderInput, validateCartLine, validateNewOrder, type OrderDraft } from "../orders/orderDraft";
import { CartLines } from "./CartLines";
import { OrderFields, type Menu } from "./OrderFields";
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
    cart: [],
    fulfilment: Fulfilment.Pickup,
    address: NO_ADDRESS,
  };
}

/** The ETA the restaurant quotes right now, or why it takes no orders (its `restaurant` answer). */
function CheckoutEta({ restaurantId, delivery }: { restaurantId: string; delivery: boolean }) {
  const { data } = useQuery(RestaurantAtCheckoutQuery, { variables: { id: restaurantId }, errorPolicy: "all" });
  const restaurant = data?.restaurant;
  if (!restaurant) return null;
  if (!restaurant.openNow) {
    return (
      <p className="checkout-eta closed" role="status">
        This restaurant is not taking orders right now{restaurant.closedReason ? `: ${restaurant.closedReason}` : "."}
      </p>
    );
  }
  const minutes = delivery ? restaurant.deliveryEtaMinutes : restaurant.pickupEtaMinutes;
  if (minutes === null || minutes === undefined) return null;
  return (
    <p className="checkout-eta" data-testid="checkout-eta">
      {delivery ? `Delivered in about ${minutes} min` : `Ready for pickup in about ${minutes} min`}
    </p>
  );
}

/** `preview`: the inert copy shown while the menu loads (pages/OrderPage.tsx) — it asks the API nothing. */
export function PlaceOrderForm({ menu, preview = false }: { menu: Menu; preview?: boolean }) {
  const id = useId();
  const [, navigate] = useLocation();
  const announce = useAnnounce();
  const { state: authState } = useAuth();
  const { data: account } = useQuery(MeQuery, { skip: authState.status !== "signedIn" });
  const [placeOrder, { loading: busy }] = useMutation(PlaceOrderMutation);
  const checkoutAttempt = useCheckoutAttempt();
  const { formRef, draft, change, errors, problem: formProblem, submit } = useOrderForm({
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
      announce(`Order placed. Order number ${order.orderNumber ?? order.id}.`);
      navigate(trackingPath(order.id));
    },
    refusalLead: "The order was not placed.",
    // Any other failure keeps the token: submitting again retries the same attempt.
    onRefusal: (problem) => {
      if (problem.kind === "conflict") checkoutAttempt.renew();
    },
  });

  // The pizza in the fields goes into the cart (or replaces the line being edited), checked with the core's line rules first.
  const [lineErrors, setLineErrors] = useState<FieldErrors>({});
  const [editing, setEditing] = useState<number>();
  const addToCart = () => {
    const problems = validateCartLine(draft);
    setLineErrors(problems);
    if (Object.keys(problems).length > 0) return;
    const line = builderLine(draft);
    const cart = editing === undefined ? [...draft.cart, line] : draft.cart.map((existing, at) => (at === editing ? line : existing));
    change({ ...draft, cart, toppings: [], quantity: "1" });
    setEditing(undefined);
    announce(editing === undefined ? `Added to the cart. ${cart.length} line${cart.length === 1 ? "" : "s"}.` : "Cart line updated.");
  };
  const editLine = (index: number) => {
    const line = draft.cart[index];
    setEditing(index);
    change({ ...draft, name: line.pizza, size: line.size, toppings: [...line.toppings], quantity: String(line.quantity) });
  };
  const delivery = draft.fulfilment === Fulfilment.Delivery;
  const setAddress = (field: keyof OrderDraft["address"], value: string) => change({ ...draft, address: { ...draft.address, [field]: value } });

  // The signed-in customer's e-mail address, once, into an e-mail field they have not typed in.
  const accountEmail = account?.me.email;
  const prefilled = useRef(false);
  useEffect(() => {
    if (!accountEmail || prefilled.current) return;
    prefilled.current = true;
    if (draft.customerEmail === "") change({ ...draft, customerEmail: accountEmail });
  }, [accountEmail, draft, change]);

  const price = draftPrice(draft);
  const shownErrors = { ...errors, ...lineErrors };

  return (
    <form
      ref={formRef}
      className="order-form"
      noValidate
      onSubmit={(event) => {
        setLineErrors({});
        void submit(event);
      }} aria-busy={busy} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="visually-hidden">
        Your order
      </h2>
      <OrderFields menu={menu} draft={draft} errors={shownErrors} disabled={busy} onChange={change} />
      <p className="add-to-cart">
        <button type="button" className="button" disabled={busy} onClick={addToCart}>
          {editing === undefined ? "Add to cart" : "Update cart line"}
        </button>{" "}
        <span className="hint">{draft.cart.length === 0 ? "Or place the order for this pizza alone." : "Add more, or place the order for the cart."}</span>
      </p>
      <CartLines
        lines={draft.cart}
        currency={menu.currency}
        disabled={busy}
        editing={editing}
        onChange={(cart) => {
          setEditing(undefined);
          change({ ...draft, cart });
        }}
        onEdit={editLine}
      />
      {errors.lines && (
        <p className="field-error" role="alert">
          {errors.lines}
        </p>
      )}

      <fieldset className="field-group">
        <legend>Pickup or delivery</legend>
        <div className="segmented">
          {[
            { value: Fulfilment.Pickup, label: "Pickup" },
            { value: Fulfilment.Delivery, label: "Delivery" },
          ].map((choice) => (
            <label key={choice.value} className="segment">
              <input
                type="radio"
                name={`${id}-fulfilment`}
                value={choice.value}
                checked={draft.fulfilment === choice.value}
                disabled={busy}
                onChange={() => change({ ...draft, fulfilment: choice.value })}
              />
              <span>{choice.label}</span>
            </label>
          ))}
        </div>
        {delivery && (
          <div className="address-fields" aria-describedby={errors.deliveryAddress ? `${id}-address-error` : undefined}>
            {errors.deliveryAddress && (
              <p id={`${id}-address-error`} className="field-error">
                {errors.deliveryAddress}
              </p>
            )}
            {(
              [
                ["street", "Street and number", "address-line1"],
                ["postalCode", "Postal code", "postal-code"],
                ["city", "City", "address-level2"],
                ["instructions", "Instructions for the driver (optional)", "off"],
              ] as const
            ).map(([field, label, autoComplete]) => (
              <div className="field" key={field}>
                <label htmlFor={`${id}-${field}`}>{label}</label>
                <input
                  id={`${id}-${field}`}
                  autoComplete={autoComplete}
                  value={draft.address[field]}
                  disabled={busy}
                  aria-invalid={errors.deliveryAddress && field !== "instructions" && draft.address[field].trim() === "" ? true : undefined}
                  onChange={(event) => setAddress(field, event.target.value)}
                />
              </div>
            ))}
          </div>
        )}
        {!preview && <CheckoutEta restaurantId={draft.restaurantId} delivery={delivery} />}
      </fieldset>

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
        {price && price.deliveryFeeCents > 0 && (
          <p className="subtotal">
            {formatMoney(price.subtotalCents, menu.currency)} + delivery {formatMoney(price.deliveryFeeCents, menu.currency)}
          </p>
        )}
        <p className="total">
          Total{draft.cart.length > 0 ? ` (${draft.cart.length} line${draft.cart.length === 1 ? "" : "s"})` : ""}:{" "}
          <output aria-live="polite" data-testid="order-total">
            {price === undefined ? "—" : formatMoney(price.totalCents, menu.currency)}
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

// The fields of an order, shared by "place an order" and "change an order". Only what the menu
// offers can be picked (pizzas, sizes and toppings are radio buttons and checkboxes), so an unknown
// topping cannot be chosen at all; quantity and e-mail are typed and checked by the core's rules.
import { priceOrder } from "@pizza-orders/core/menu/pricing";
import { useId } from "react";
import type { FieldErrors, OrderField } from "../api/apiErrors";
import type { MenuQuery } from "../gql/graphql";
import { formatMoney } from "../orders/money";
import type { OrderDraft } from "../orders/orderDraft";

export type Menu = MenuQuery["menu"];

interface OrderFieldsProps {
  menu: Menu;
  draft: OrderDraft;
  errors: FieldErrors;
  disabled?: boolean;
  onChange: (draft: OrderDraft) => void;
}

function FieldError({ id, message }: { id: string; message?: string }) {
  if (!message) return null;
  return (
    <p id={id} className="field-error">
      {message}
    </p>
  );
}

function onePizzaCents(menu: Menu, draft: OrderDraft, name: string): number | undefined {
  try {
    return priceOrder({ name, size: draft.size, toppings: [], quantity: 1 });
  } catch {
    return menu.pizzas.find((pizza) => pizza.name === name)?.basePriceCents;
  }
}

export function OrderFields({ menu, draft, errors, disabled = false, onChange }: OrderFieldsProps) {
  const id = useId();
  const fieldId = (field: OrderField) => `${id}-${field}`;
  const errorId = (field: OrderField) => `${id}-${field}-error`;
  const describedBy = (field: OrderField, hint?: string) => [errors[field] ? errorId(field) : undefined, hint].filter(Boolean).join(" ") || undefined;
  /** What ties a typed control to its label and its error message. */
  const controlProps = (field: OrderField) => ({
    id: fieldId(field),
    disabled,
    "aria-invalid": errors[field] ? true : undefined,
    "aria-describedby": describedBy(field),
  });
  const set = <K extends keyof OrderDraft>(key: K, value: OrderDraft[K]) => onChange({ ...draft, [key]: value });
  const maxToppings = menu.limits.maxToppings;
  const toppingsFull = draft.toppings.length >= maxToppings;

  const toggleTopping = (name: string, checked: boolean) => {
    const chosen = checked ? [...draft.toppings, name] : draft.toppings.filter((topping) => topping !== name);
    // Keep the menu's order so the same choice always reads (and prices) the same.
    set(
      "toppings",
      menu.toppings.map((topping) => topping.name).filter((topping) => chosen.includes(topping)),
    );
  };

  return (
    <>
      <fieldset className="field-group" aria-invalid={errors.name ? true : undefined} aria-describedby={describedBy("name")}>
        <legend>Pizza</legend>
        <FieldError id={errorId("name")} message={errors.name} />
        <div className="choice-grid">
          {menu.pizzas.map((pizza) => {
            const cents = onePizzaCents(menu, draft, pizza.name);
            return (
              <label key={pizza.name} className="choice-card">
                <input
                  type="radio"
                  name={fieldId("name")}
                  value={pizza.name}
                  checked={draft.name === pizza.name}
                  disabled={disabled}
                  onChange={() => set("name", pizza.name)}
                />
                <span className="choice-body">
                  <span className="choice-title">{pizza.name}</span>
                  <span className="choice-description">{pizza.description}</span>
                  {cents !== undefined && <span className="choice-price">{formatMoney(cents, menu.currency)}</span>}
                </span>
              </label>
            );
          })}
        </div>
      </fieldset>

      <fieldset className="field-group" aria-describedby={describedBy("size")}>
        <legend>Size</legend>
        <FieldError id={errorId("size")} message={errors.size} />
        <div className="segmented">
          {menu.sizes.map((size) => (
            <label key={size.size} className="segment">
              <input
                type="radio"
                name={fieldId("size")}
                value={size.size}
                checked={draft.size === size.size}
                disabled={disabled}
                onChange={() => set("size", size.size)}
              />
              <span>{size.label}</span>
            </label>
          ))}
        </div>
      </fieldset>

      <fieldset className="field-group" aria-describedby={describedBy("toppings", `${id}-toppings-hint`)}>
        <legend>Extra toppings</legend>
        <p id={`${id}-toppings-hint`} className="hint">
          Up to {maxToppings}. {draft.toppings.length} chosen.
        </p>
        <FieldError id={errorId("toppings")} message={errors.toppings} />
        <div className="topping-list">
          {menu.toppings.map((topping) => {
            const checked = draft.toppings.includes(topping.name);
            return (
              <label key={topping.name} className="check">
                <input
                  type="checkbox"
                  name={fieldId("toppings")}
                  value={topping.name}
                  checked={checked}
                  disabled={disabled || (!checked && toppingsFull)}
                  onChange={(event) => toggleTopping(topping.name, event.target.checked)}
                />
                <span>{topping.name}</span>
                <span className="price">+{formatMoney(topping.priceCents, menu.currency)}</span>
              </label>
            );
          })}
        </div>
      </fieldset>

      <div className="field-row">
        <div className="field">
          <label htmlFor={fieldId("quantity")}>Quantity</label>
          <input
            {...controlProps("quantity")}
            type="number"
            inputMode="numeric"
            min={menu.limits.minQuantity}
            max={menu.limits.maxQuantity}
            step={1}
            value={draft.quantity}
            onChange={(event) => set("quantity", event.target.value)}
          />
          <FieldError id={errorId("quantity")} message={errors.quantity} />
        </div>

        <div className="field">
          <label htmlFor={fieldId("restaurantId")}>Restaurant</label>
          <select {...controlProps("restaurantId")} value={draft.restaurantId} onChange={(event) => set("restaurantId", event.target.value)}>
            {menu.restaurants.map((restaurant) => (
              <option key={restaurant.id} value={restaurant.id}>
                {restaurant.name}
              </option>
            ))}
          </select>
          <FieldError id={errorId("restaurantId")} message={errors.restaurantId} />
        </div>
      </div>

      <div className="field">
        <label htmlFor={fieldId("customerEmail")}>
          E-mail for the confirmation <span className="optional">(optional)</span>
        </label>
        <input
          {...controlProps("customerEmail")}
          type="email"
          autoComplete="email"
          value={draft.customerEmail}
          onChange={(event) => set("customerEmail", event.target.value)}
        />
        <FieldError id={errorId("customerEmail")} message={errors.customerEmail} />
      </div>
    </>
  );
}

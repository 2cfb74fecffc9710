// What the order form holds, and how it becomes API input. Validation is the core's own zod
// schema — the one postOrder/updateOrder run on the server — so the form cannot drift from the API.
import { type CartLine, priceCart, priceOrder } from "@pizza-orders/core/menu/pricing";
import { Fulfilment, OrderInputSchema, OrderLineSchema, placeOrderInputSchemaFor, UpdateOrderInputSchema } from "@pizza-orders/core/order/rules";
import { TEST_PAYMENT_TOKENS } from "@pizza-orders/core/payment/paymentSimulator";
import type { FieldErrors, OrderField } from "../api/apiErrors";
import type { OrderInput, PizzaSize, UpdateOrderInput } from "../gql/graphql";

export interface OrderDraft {
  name: string;
  size: PizzaSize;
  toppings: string[];
  /** As typed: the field is text until it is validated. */
  quantity: string;
  restaurantId: string;
  customerEmail: string;
  /** Empty for "no card token" (the simulated random outcome). */
  paymentToken: string;
  /** The lines added to the cart; empty: the order is the one pizza in the fields above. */
  cart: CartLine[];
  fulfilment: Fulfilment;
  /** As typed; sent only for a delivery. */
  address: { street: string; city: string; postalCode: string; instructions: string };
}

export const NO_ADDRESS: OrderDraft["address"] = { street: "", city: "", postalCode: "", instructions: "" };

interface PaymentChoice {
  token: string;
  label: string;
}

export const PAYMENT_CHOICES: readonly PaymentChoice[] = [
  { token: TEST_PAYMENT_TOKENS.alwaysSucceeds, label: "Visa test card — always approved" },
  { token: TEST_PAYMENT_TOKENS.alwaysDeclined, label: "Declined test card" },
  { token: "", label: "Random (simulated)" },
];

function quantityValue(text: string): number | undefined {
  return text.trim() === "" ? undefined : Number(text);
}

function optionalText(text: string): string | null {
  return text.trim() === "" ? null : text.trim();
}

/** The pizza in the fields (pizza, size, toppings, quantity) as a cart line. */
export function builderLine(draft: OrderDraft): CartLine {
  return { pizza: draft.name, size: draft.size, toppings: draft.toppings, quantity: quantityValue(draft.quantity) as number };
}

/**
 * postOrder's input: the cart's lines, or — with an empty cart — the one pizza in the original
 * tutorial's form (name, quantity, size, toppings), which the API takes as one line.
 */
export function toOrderInput(draft: OrderDraft): OrderInput {
  const delivery = draft.fulfilment === Fulfilment.Delivery;
  const howToGetIt = {
    fulfilment: draft.fulfilment,
    deliveryAddress: delivery
      ? { street: draft.address.street.trim(), city: draft.address.city.trim(), postalCode: draft.address.postalCode.trim(), instructions: optionalText(draft.address.instructions) }
      : null,
  };
  const common = {
    restaurantId: draft.restaurantId,
    customerEmail: optionalText(draft.customerEmail),
    paymentToken: optionalText(draft.paymentToken),
  };
  if (draft.cart.length > 0) return { lines: draft.cart.map((line) => ({ ...line, toppings: [...line.toppings] })), ...common, ...howToGetIt };
  return { name: draft.name, size: draft.size, toppings: draft.toppings, quantity: quantityValue(draft.quantity) as number, ...common, ...howToGetIt };
}

export function toUpdateOrderInput(id: string, draft: OrderDraft): UpdateOrderInput {
  return {
    id,
    name: draft.name,
    size: draft.size,
    toppings: draft.toppings,
    quantity: quantityValue(draft.quantity) as number,
    restaurantId: draft.restaurantId,
    customerEmail: optionalText(draft.customerEmail),
  };
}

interface SchemaIssues {
  issues: readonly { path: readonly (string | number)[]; message: string }[];
}

function fieldErrorsOf(error: SchemaIssues, rename: Partial<Record<string, OrderField>> = {}): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const first = String(issue.path[0] ?? "");
    const field = (rename[first] ?? first) as OrderField | undefined;
    if (field && errors[field] === undefined) errors[field] = issue.message;
  }
  return errors;
}

/** The core's rules for the whole order (the same schema postOrder runs), by field. */
export function validateNewOrder(draft: OrderDraft): FieldErrors {
  const input = toOrderInput(draft);
  const result = placeOrderInputSchemaFor(input).safeParse(input);
  return result.success ? {} : fieldErrorsOf(result.error);
}

/** The core's rules for one line, placed on the pizza fields (its `pizza` is the `name` field). */
export function validateCartLine(draft: OrderDraft): FieldErrors {
  const result = OrderLineSchema.safeParse(builderLine(draft));
  return result.success ? {} : fieldErrorsOf(result.error, { pizza: "name" });
}

export function validateOrderChange(id: string, draft: OrderDraft): FieldErrors {
  const result = UpdateOrderInputSchema.safeParse(toUpdateOrderInput(id, draft));
  return result.success ? {} : fieldErrorsOf(result.error);
}

/**
 * The whole checkout priced as the server will price it (the core's priceCart: lines, subtotal,
 * delivery fee, total) — or undefined while it cannot be priced.
 */
export function draftPrice(draft: OrderDraft) {
  const lines = draft.cart.length > 0 ? draft.cart : [builderLine(draft)];
  if (lines.some((line) => !Number.isInteger(line.quantity) || line.quantity < 1)) return undefined;
  try {
    return priceCart({ lines, delivery: draft.fulfilment === Fulfilment.Delivery });
  } catch {
    return undefined;
  }
}

/** The total the server will charge for the one pizza in the fields, in cents — or undefined while it cannot be priced. */
export function draftTotalCents(draft: OrderDraft): number | undefined {
  const quantity = quantityValue(draft.quantity);
  if (quantity === undefined || !Number.isInteger(quantity) || quantity < 1) return undefined;
  try {
    return priceOrder({ name: draft.name, size: draft.size, toppings: draft.toppings, quantity });
  } catch {
    // A pizza or topping the API's menu lists but this build's core does not know: no estimate.
    return undefined;
  }
}

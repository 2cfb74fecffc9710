// What the order form holds, and how it becomes API input. Validation is the core's own zod
// schema — the one postOrder/updateOrder run on the server — so the form cannot drift from the API.
import { priceOrder } from "@pizza-orders/core/menu/pricing";
import { OrderInputSchema, UpdateOrderInputSchema } from "@pizza-orders/core/order/rules";
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
}

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

export function toOrderInput(draft: OrderDraft): OrderInput {
  return {
    name: draft.name,
    size: draft.size,
    toppings: draft.toppings,
    quantity: quantityValue(draft.quantity) as number,
    restaurantId: draft.restaurantId,
    customerEmail: optionalText(draft.customerEmail),
    paymentToken: optionalText(draft.paymentToken),
  };
}

export function toUpdateOrderInput(id: string, draft: OrderDraft): UpdateOrderInput {
  const { paymentToken: _notChangeable, ...fields } = toOrderInput(draft);
  return { id, ...fields };
}

interface SchemaIssues {
  issues: readonly { path: readonly (string | number)[]; message: string }[];
}

function fieldErrorsOf(error: SchemaIssues): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const field = issue.path[0] as OrderField | undefined;
    if (field && errors[field] === undefined) errors[field] = issue.message;
  }
  return errors;
}

export function validateNewOrder(draft: OrderDraft): FieldErrors {
  const result = OrderInputSchema.safeParse(toOrderInput(draft));
  return result.success ? {} : fieldErrorsOf(result.error);
}

export function validateOrderChange(id: string, draft: OrderDraft): FieldErrors {
  const result = UpdateOrderInputSchema.safeParse(toUpdateOrderInput(id, draft));
  return result.success ? {} : fieldErrorsOf(result.error);
}

/** The total the server will charge, in cents — or undefined while the draft cannot be priced. */
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

// The order every pipeline measurement places: a paid order from the menu (the test card that
// always succeeds), the path most orders take (InitializeOrder → ProcessPayment → CompleteOrder).
import type { OrderInput } from "@pizza-orders/core/order/rules";
import { TEST_PAYMENT_TOKENS } from "@pizza-orders/core/payment/paymentSimulator";
import { GUEST_CUSTOMER_ID } from "@pizza-orders/functions/api/callerIdentity";

export const BENCH_ORDER_INPUT = {
  name: "Margherita",
  quantity: 2,
  restaurantId: "Dominos",
  size: "LARGE",
  toppings: ["Olives", "Extra cheese"],
  customerEmail: "bench@example.com",
  paymentToken: TEST_PAYMENT_TOKENS.alwaysSucceeds,
} satisfies OrderInput;

/** Whose orders they are when the core runs without the API: the customer the API gives API-key callers. */
export const BENCH_CUSTOMER_ID = GUEST_CUSTOMER_ID;

// The order every pipeline measurement places: a paid order from the menu (the test card that
// always succeeds), the path most orders take (InitializeOrder → ProcessPayment → CompleteOrder).

import type { CustomerCaller } from "@pizza-orders/core/access/caller";
import type { OrderInput } from "@pizza-orders/core/order/rules";
import { TEST_PAYMENT_TOKENS } from "@pizza-orders/core/payment/paymentSimulator";

export const BENCH_ORDER_INPUT = {
  name: "Margherita",
  quantity: 2,
  restaurantId: "Dominos",
  size: "LARGE",
  toppings: ["Olives", "Extra cheese"],
  customerEmail: "bench@example.com",
  paymentToken: TEST_PAYMENT_TOKENS.alwaysSucceeds,
} satisfies OrderInput;

/** Who orders when the core runs without the API: a signed-in customer (their orders enter the byCustomer index, the costlier path). */
export const BENCH_CUSTOMER: CustomerCaller = { kind: "customer", customerId: "bench-customer" };

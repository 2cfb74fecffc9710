// The order every pipeline measurement places: a paid (tok_visa) order from the menu, the path
// most orders take (InitializeOrder → ProcessPayment → CompleteOrder).
export const BENCH_ORDER_INPUT = {
  name: "Margherita",
  quantity: 2,
  restaurantId: "Dominos",
  size: "LARGE",
  toppings: ["Olives", "Extra cheese"],
  customerEmail: "bench@example.com",
  paymentToken: "tok_visa",
} as const;

export const BENCH_CUSTOMER_ID = "guest";

import { CURRENCY, PIZZAS, RESTAURANTS, SIZES, TOPPINGS } from "@pizza-orders/core/menu/menu";
import { ORDER_LIMITS } from "@pizza-orders/core/order/rules";
import { observedHandler } from "../observability/observedHandler";

/** Query.menu */
export const handler = observedHandler(async () => ({
  currency: CURRENCY,
  pizzas: PIZZAS,
  sizes: SIZES,
  toppings: TOPPINGS,
  restaurants: RESTAURANTS,
  limits: { minQuantity: ORDER_LIMITS.minQuantity, maxQuantity: ORDER_LIMITS.maxQuantity, maxToppings: ORDER_LIMITS.maxToppings },
}));

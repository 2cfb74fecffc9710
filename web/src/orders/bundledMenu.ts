// The menu as this build's core has it — the data the API's menu query serves, bundled anyway for
// pricing. The order page shows it as a preview while the menu query is on its way (and it is what
// the build prerenders into index.html), so a slow connection shows the menu before any script or
// request has finished. What can be ordered still comes from the API's answer.
import { CURRENCY, PIZZAS, RESTAURANTS, SIZES, TOPPINGS } from "@pizza-orders/core/menu/menu";
import { ORDER_LIMITS } from "@pizza-orders/core/order/rules";
import type { Menu } from "../components/OrderFields";

export const BUNDLED_MENU: Menu = {
  currency: CURRENCY,
  pizzas: PIZZAS.map((pizza) => ({ ...pizza })),
  sizes: SIZES.map((size) => ({ ...size })),
  toppings: TOPPINGS.map((topping) => ({ ...topping })),
  restaurants: RESTAURANTS.map((restaurant) => ({ ...restaurant })),
  limits: { minQuantity: ORDER_LIMITS.minQuantity, maxQuantity: ORDER_LIMITS.maxQuantity, maxToppings: ORDER_LIMITS.maxToppings },
};

import { findPizza, findSize, findTopping, type PizzaSize } from "./menu";

export interface PricedItem {
  name: string;
  size: PizzaSize;
  toppings: readonly string[];
  quantity: number;
}

/**
 * Total in cents for a validated item. One pizza = base × size% (rounded to the cent) + toppings;
 * the total is that times the quantity. The web app shows the same figure by calling this.
 */
export function priceOrder(item: PricedItem): number {
  const pizza = findPizza(item.name);
  if (!pizza) throw new Error(`${item.name} is not on the menu`);
  const sized = Math.round((pizza.basePriceCents * findSize(item.size).pricePercent) / 100);
  const toppings = item.toppings.reduce((sum, name) => {
    const topping = findTopping(name);
    if (!topping) throw new Error(`${name} is not a topping on the menu`);
    return sum + topping.priceCents;
  }, 0);
  return (sized + toppings) * item.quantity;
}

export function centsToAmount(cents: number): number {
  return Math.round(cents) / 100;
}

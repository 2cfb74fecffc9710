import { DELIVERY_FEE_CENTS, findPizza, findSize, findTopping, type PizzaSize } from "./menu";

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

/** One line of a cart as the customer chose it. */
export interface CartLine {
  pizza: string;
  size: PizzaSize;
  toppings: readonly string[];
  quantity: number;
}

/** A line with the server's prices. */
export interface PricedLine {
  pizza: string;
  size: PizzaSize;
  toppings: string[];
  quantity: number;
  unitPriceCents: number;
  lineTotalCents: number;
}

export interface PricedCart {
  lines: PricedLine[];
  subtotalCents: number;
  deliveryFeeCents: number;
  totalCents: number;
}

export function priceLine(line: CartLine): PricedLine {
  const unitPriceCents = priceOrder({ name: line.pizza, size: line.size, toppings: line.toppings, quantity: 1 });
  return { pizza: line.pizza, size: line.size, toppings: [...line.toppings], quantity: line.quantity, unitPriceCents, lineTotalCents: unitPriceCents * line.quantity };
}

/**
 * A cart priced from the menu: each line as priceOrder prices one pizza, the subtotal their sum,
 * plus the delivery fee for a delivery. Only the menu decides: no price comes from the client.
 */
export function priceCart(cart: { lines: readonly CartLine[]; delivery: boolean }): PricedCart {
  const lines = cart.lines.map(priceLine);
  const subtotalCents = lines.reduce((sum, line) => sum + line.lineTotalCents, 0);
  const deliveryFeeCents = cart.delivery ? DELIVERY_FEE_CENTS : 0;
  return { lines, subtotalCents, deliveryFeeCents, totalCents: subtotalCents + deliveryFeeCents };
}

export function centsToAmount(cents: number): number {
  return Math.round(cents) / 100;
}

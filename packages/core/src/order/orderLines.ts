// What an order is made of, line by line: the one place that knows the order's item shape. A cart
// order keeps its priced lines; an order stored before carts existed is one pizza type (size,
// toppings) in some quantity: one line.
import type { PizzaSize } from "../menu/menu";
import type { Order } from "./order";

export interface OrderLine {
  pizza: string;
  size: PizzaSize;
  toppings: readonly string[];
  quantity: number;
}

export type OrderItems = Pick<Order, "name" | "size" | "toppings" | "quantity" | "lines">;

export function orderLines(order: OrderItems): OrderLine[] {
  if (order.lines?.length) return order.lines.map(({ pizza, size, toppings, quantity }) => ({ pizza, size, toppings, quantity }));
  return [{ pizza: order.name, size: order.size, toppings: order.toppings ?? [], quantity: order.quantity }];
}

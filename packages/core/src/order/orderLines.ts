// What an order is made of, line by line: the one place that knows the order's item shape. Today an
// order is one pizza type (size, toppings) in some quantity, so it has one line; when orders carry
// several items, this function changes and its readers (receipts, events) do not.
import type { PizzaSize } from "../menu/menu";
import type { Order } from "./order";

export interface OrderLine {
  pizza: string;
  size: PizzaSize;
  toppings: readonly string[];
  quantity: number;
}

export type OrderItems = Pick<Order, "name" | "size" | "toppings" | "quantity">;

export function orderLines(order: OrderItems): OrderLine[] {
  return [{ pizza: order.name, size: order.size, toppings: order.toppings ?? [], quantity: order.quantity }];
}

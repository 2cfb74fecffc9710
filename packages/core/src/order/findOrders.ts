import type { Order } from "./order";
import type { OrderRepository } from "./orderRepository";
import { decodePageToken, encodePageToken } from "./pageToken";
import { OrderIdSchema, PageRequestSchema } from "./rules";
import { validate } from "./validation";

export async function findOrder(orders: OrderRepository, customerId: string, rawId: unknown): Promise<Order | undefined> {
  const orderId = validate(OrderIdSchema, rawId);
  return orders.get({ customerId, orderId });
}

export interface OrderPage {
  orders: Order[];
  nextToken?: string;
}

/** One page of the customer's orders, newest first. */
export async function listOrders(orders: OrderRepository, customerId: string, rawPage: unknown): Promise<OrderPage> {
  const page = validate(PageRequestSchema, rawPage ?? {});
  const startAfter = page.nextToken ? decodePageToken(page.nextToken, customerId) : undefined;
  const result = await orders.listForCustomer(customerId, page.limit, startAfter);
  return { orders: result.orders, nextToken: result.lastKey ? encodePageToken(result.lastKey) : undefined };
}

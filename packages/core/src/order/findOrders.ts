import type { Caller } from "../access/caller";
import { mayAccessOrder, mayListOwnOrders } from "../access/orderAccess";
import type { Order } from "./order";
import type { OrderRepository } from "./orderRepository";
import { decodePageToken, encodePageToken } from "./pageToken";
import { OrderReferenceSchema, PageRequestSchema } from "./rules";
import { validate } from "./validation";

/** The order if the caller may see it; undefined for an unknown id and for anyone else's order alike. */
export async function findOrder(orders: OrderRepository, caller: Caller, rawReference: { id: unknown; guestSecret?: unknown }): Promise<Order | undefined> {
  const { id, guestSecret } = validate(OrderReferenceSchema, rawReference);
  const order = await orders.get({ orderId: id });
  return order && mayAccessOrder(caller, "read", order, guestSecret) ? order : undefined;
}

export interface OrderPage {
  orders: Order[];
  nextToken?: string;
}

/** One page of the caller's history, newest first. A guest has no history: always empty. */
export async function listOrders(orders: OrderRepository, caller: Caller, rawPage: unknown): Promise<OrderPage> {
  const page = validate(PageRequestSchema, rawPage ?? {});
  if (!mayListOwnOrders(caller)) return { orders: [] };
  const startAfter = page.nextToken ? decodePageToken(page.nextToken, caller.customerId) : undefined;
  const result = await orders.listHistory(caller.customerId, page.limit, startAfter);
  return { orders: result.orders, nextToken: result.lastKey ? encodePageToken(result.lastKey) : undefined };
}

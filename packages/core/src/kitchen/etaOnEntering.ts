// The ETA an order is quoted as it enters a stage, from its restaurant's settings and, while it
// waits for the kitchen, the pizzas ordered before it that are still to make.
import type { Order } from "../order/order";
import type { OrderRepository } from "../order/orderRepository";
import { Fulfilment, OrderStatus } from "../order/rules";
import { quoteEta } from "./eta";
import { pizzasInQueue } from "./kitchenQueue";

export async function etaOnEntering(orders: OrderRepository, order: Order, to: OrderStatus, now: Date): Promise<string | undefined> {
  const settings = await orders.restaurants.getSettings(order.restaurantId);
  const pizzasAhead = to === OrderStatus.Received ? pizzasInQueue(await orders.listKitchen(order.restaurantId), order.id) : 0;
  return quoteEta({ capacity: settings.capacity, fulfilment: order.fulfilment ?? Fulfilment.Pickup, stage: to, pizzas: order.quantity, pizzasAhead, now });
}

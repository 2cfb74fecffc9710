// Whether a restaurant takes a new order now — its switch, its hours, its kitchen's room — and,
// when it does, the ETA its queue gives the order and the local day its number counts in.
import { RestaurantUnavailableError } from "../errors";
import type { OrderRepository } from "../order/orderRepository";
import { type Fulfilment, OrderStatus } from "../order/rules";
import { quoteEta } from "./eta";
import { pizzasInQueue } from "./kitchenQueue";
import { availabilityOf, localClock, type RestaurantSettings, timeZoneOf } from "./restaurantSettings";

export interface Admission {
  settings: RestaurantSettings;
  /** The restaurant's local date (YYYY-MM-DD): the day of the order's number. */
  localDate: string;
  /** The ETA quoted at checkout. */
  eta?: string;
}

export interface OrderToAdmit {
  restaurantId: string;
  fulfilment: Fulfilment;
  lines: ReadonlyArray<{ quantity: number }>;
}

/**
 * Admits the order or throws RestaurantUnavailableError with the customer's reason; reads only
 * (the settings, and the kitchen index for the queue), so a refusal writes nothing.
 */
export async function admitOrder(orders: OrderRepository, order: OrderToAdmit, now: Date): Promise<Admission> {
  const [settings, active] = await Promise.all([orders.restaurants.getSettings(order.restaurantId), orders.listKitchen(order.restaurantId)]);
  const pizzas = order.lines.reduce((sum, line) => sum + line.quantity, 0);
  const queued = pizzasInQueue(active);
  const availability = availabilityOf(settings, now, queued, pizzas);
  if (!availability.open) throw new RestaurantUnavailableError(order.restaurantId, availability.reason, availability.message);
  return {
    settings,
    localDate: localClock(timeZoneOf(order.restaurantId), now).date,
    eta: quoteEta({ capacity: settings.capacity, fulfilment: order.fulfilment, stage: OrderStatus.Received, pizzas, pizzasAhead: queued, now }),
  };
}

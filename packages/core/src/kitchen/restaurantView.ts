// What the API shows of a restaurant: its settings, whether it takes orders now and the ETA a new
// order would be quoted (restaurant), and the public pickup board (numbers only).
import { z } from "zod";
import type { Caller } from "../access/caller";
import { mayRunKitchen } from "../access/orderAccess";
import { KitchenNotAuthorizedError } from "../errors";
import { findRestaurant, isKnownRestaurant } from "../menu/menu";
import type { OrderRepository } from "../order/orderRepository";
import { Fulfilment, KITCHEN_QUEUE_STATUSES, OrderStatus } from "../order/rules";
import { validate } from "../order/validation";
import { etaMinutes } from "./eta";
import { pizzasInQueue } from "./kitchenQueue";
import { availabilityOf, type RestaurantSettings, RestaurantSettingsInputSchema, timeZoneOf } from "./restaurantSettings";

export interface RestaurantView extends Omit<RestaurantSettings, "updatedBy" | "updatedAt"> {
  id: string;
  name: string;
  timeZone: string;
  openNow: boolean;
  closedReason: string | null;
  pizzasInQueue: number;
  pickupEtaMinutes: number | null;
  deliveryEtaMinutes: number | null;
}

const RestaurantIdSchema = z
  .string({ required_error: "Restaurant is required", invalid_type_error: "Restaurant must be text" })
  .refine(isKnownRestaurant, { message: "Restaurant must be one from the menu" });

async function viewOf(orders: OrderRepository, settings: RestaurantSettings, now: Date): Promise<RestaurantView> {
  const queued = pizzasInQueue(await orders.listKitchen(settings.restaurantId));
  // A one-pizza order placed now: is there room, and how long would it take?
  const availability = availabilityOf(settings, now, queued, 1);
  const quote = (fulfilment: Fulfilment) =>
    availability.open ? (etaMinutes({ capacity: settings.capacity, fulfilment, stage: OrderStatus.Received, pizzas: 1, pizzasAhead: queued }) ?? null) : null;
  const { updatedBy: _by, updatedAt: _at, ...visible } = settings;
  return {
    ...visible,
    id: settings.restaurantId,
    name: findRestaurant(settings.restaurantId)?.name ?? settings.restaurantId,
    timeZone: timeZoneOf(settings.restaurantId),
    openNow: availability.open,
    closedReason: availability.open ? null : availability.message,
    pizzasInQueue: queued,
    pickupEtaMinutes: quote(Fulfilment.Pickup),
    deliveryEtaMinutes: quote(Fulfilment.Delivery),
  };
}

/** Query.restaurant: public; null for an id not on the menu. */
export async function describeRestaurant(orders: OrderRepository, id: unknown, now = new Date()): Promise<RestaurantView | null> {
  if (typeof id !== "string" || !isKnownRestaurant(id)) return null;
  return viewOf(orders, await orders.restaurants.getSettings(id), now);
}

/** Mutation.updateRestaurantSettings: the restaurant's staff only; fields left out stay. */
export async function changeRestaurantSettings(orders: OrderRepository, caller: Caller, rawInput: unknown, now = new Date()): Promise<RestaurantView> {
  const input = validate(RestaurantSettingsInputSchema, rawInput);
  if (!mayRunKitchen(caller, input.restaurantId)) throw new KitchenNotAuthorizedError(input.restaurantId);
  const by = caller.kind === "staff" ? caller.customerId : caller.kind;
  return viewOf(orders, await orders.restaurants.updateSettings(input, by, now.toISOString()), now);
}

export interface PickupBoard {
  restaurantId: string;
  preparing: string[];
  ready: string[];
}

/** Query.pickupBoard: public, order numbers only (no names, no items), oldest first. */
export async function pickupBoardOf(orders: OrderRepository, rawRestaurantId: unknown): Promise<PickupBoard> {
  const restaurantId = validate(RestaurantIdSchema, rawRestaurantId);
  const active = await orders.listKitchen(restaurantId);
  const numbers = (keep: (order: (typeof active)[number]) => boolean) => active.filter((order) => keep(order) && order.orderNumber).map((order) => order.orderNumber!);
  return {
    restaurantId,
    preparing: numbers((order) => KITCHEN_QUEUE_STATUSES.includes(order.orderStatus)),
    ready: numbers((order) => order.orderStatus === OrderStatus.Ready && (order.fulfilment ?? Fulfilment.Pickup) === Fulfilment.Pickup),
  };
}

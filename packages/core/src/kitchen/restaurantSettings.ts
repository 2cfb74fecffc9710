// A restaurant's settings — the staff's open/closed switch, the weekly opening hours (in the
// restaurant's own time zone) and what its kitchen can make — and whether it takes an order now.
// Pure code: the API, the web app's kitchen screen and the tests decide with the same rules.
import { z } from "zod";
import { findRestaurant, isKnownRestaurant } from "../menu/menu";

export const WEEKDAYS = ["MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY"] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export interface OpeningHours {
  day: Weekday;
  /** HH:MM local time. */
  opens: string;
  /** HH:MM local time, after `opens`; "24:00" is the end of the day. */
  closes: string;
}

export interface KitchenCapacity {
  /** Minutes from a cook accepting an order until it is ready (prepare + bake). */
  makeMinutes: number;
  /** Pizzas the kitchen finishes per slot. */
  pizzasPerSlot: number;
  slotMinutes: number;
  /** Paid pizzas not yet ready at which the kitchen is full: new orders are refused. */
  maxPizzasInQueue: number;
  /** Minutes from READY to the door. */
  deliveryMinutes: number;
}

export interface RestaurantSettings {
  restaurantId: string;
  acceptingOrders: boolean;
  openingHours: OpeningHours[];
  capacity: KitchenCapacity;
  /** Who changed them last, and when (absent while the defaults apply). */
  updatedBy?: string;
  updatedAt?: string;
}

/**
 * Until its staff set them, a restaurant is open every day all day (its switch is what closes it)
 * and its kitchen makes 8 pizzas per 10 minutes, 15 minutes per order; it is never "full" (5,000,
 * the most a setting may say) until the staff set a capacity that fits their kitchen — a shop
 * that has not said how big it is should not turn customers away on a guess.
 */
export const DEFAULT_CAPACITY: KitchenCapacity = { makeMinutes: 15, pizzasPerSlot: 8, slotMinutes: 10, maxPizzasInQueue: 5000, deliveryMinutes: 25 };

export function defaultSettings(restaurantId: string): RestaurantSettings {
  return {
    restaurantId,
    acceptingOrders: true,
    openingHours: WEEKDAYS.map((day) => ({ day, opens: "00:00", closes: "24:00" })),
    capacity: { ...DEFAULT_CAPACITY },
  };
}

const clockTime = (label: string, allowEndOfDay: boolean) =>
  z
    .string({ required_error: `${label} is required`, invalid_type_error: `${label} must be text` })
    .regex(allowEndOfDay ? /^(([01]\d|2[0-3]):[0-5]\d|24:00)$/ : /^([01]\d|2[0-3]):[0-5]\d$/, `${label} must be a time like 09:30`);

const OpeningHoursSchema = z
  .object({
    day: z.enum(WEEKDAYS, { errorMap: () => ({ message: "Day must be a weekday such as MONDAY" }) }),
    opens: clockTime("Opening time", false),
    closes: clockTime("Closing time", true),
  })
  .refine((hours) => minutesOf(hours.closes) > minutesOf(hours.opens), { message: "Closing time must be after opening time", path: ["closes"] });

const whole = (label: string, min: number, max: number) =>
  z
    .number({ required_error: `${label} is required`, invalid_type_error: `${label} must be a number` })
    .int(`${label} must be a whole number`)
    .min(min, `${label} must be at least ${min}`)
    .max(max, `${label} must be at most ${max}`);

const KitchenCapacitySchema = z.object({
  makeMinutes: whole("Make time", 1, 240),
  pizzasPerSlot: whole("Pizzas per slot", 1, 500),
  slotMinutes: whole("Slot length", 1, 120),
  maxPizzasInQueue: whole("Kitchen capacity", 1, 5000),
  deliveryMinutes: whole("Delivery time", 0, 240),
});

/** updateRestaurantSettings' input: fields left out stay as they are. */
export const RestaurantSettingsInputSchema = z
  .object({
    restaurantId: z
      .string({ required_error: "Restaurant is required", invalid_type_error: "Restaurant must be text" })
      .refine(isKnownRestaurant, { message: "Restaurant must be one from the menu" }),
    acceptingOrders: z.boolean({ invalid_type_error: "The switch must be true or false" }).nullish(),
    openingHours: z.array(OpeningHoursSchema).max(21, "At most 21 opening periods a week").nullish(),
    capacity: KitchenCapacitySchema.nullish(),
  })
  .refine((input) => input.acceptingOrders != null || input.openingHours != null || input.capacity != null, {
    message: "Change at least one setting",
  });
export type ValidRestaurantSettingsInput = z.output<typeof RestaurantSettingsInputSchema>;

function minutesOf(time: string): number {
  const [hours, minutes] = time.split(":").map(Number);
  return hours! * 60 + minutes!;
}

/** The restaurant's wall clock at `now`: its weekday, minutes since midnight and local date (YYYY-MM-DD). */
export function localClock(timeZone: string, now: Date): { day: Weekday; minutes: number; date: string } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-US", {
      timeZone,
      weekday: "long",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    })
      .formatToParts(now)
      .map((part) => [part.type, part.value]),
  );
  return {
    day: parts.weekday!.toUpperCase() as Weekday,
    minutes: Number(parts.hour) * 60 + Number(parts.minute),
    date: `${parts.year}-${parts.month}-${parts.day}`,
  };
}

export function timeZoneOf(restaurantId: string): string {
  return findRestaurant(restaurantId)?.timeZone ?? "UTC";
}

export function isWithinOpeningHours(settings: RestaurantSettings, now: Date): boolean {
  const clock = localClock(timeZoneOf(settings.restaurantId), now);
  return settings.openingHours.some((hours) => hours.day === clock.day && minutesOf(hours.opens) <= clock.minutes && clock.minutes < minutesOf(hours.closes));
}

export type Availability =
  | { open: true }
  | { open: false; reason: "CLOSED" | "OUTSIDE_HOURS" | "KITCHEN_FULL"; message: string };

/**
 * Whether the restaurant takes an order of `pizzas` pizzas now, with `pizzasInQueue` paid and not
 * yet ready: the switch first, then the hours, then the kitchen's room. Messages are the customer's.
 */
export function availabilityOf(settings: RestaurantSettings, now: Date, pizzasInQueue: number, pizzas: number): Availability {
  const name = findRestaurant(settings.restaurantId)?.name ?? settings.restaurantId;
  if (!settings.acceptingOrders) return { open: false, reason: "CLOSED", message: `${name} is not taking orders right now. Please try again later.` };
  if (!isWithinOpeningHours(settings, now)) return { open: false, reason: "OUTSIDE_HOURS", message: `${name} is closed at this hour. Please order during its opening hours.` };
  if (pizzasInQueue + pizzas > settings.capacity.maxPizzasInQueue) {
    return { open: false, reason: "KITCHEN_FULL", message: `${name}'s kitchen is full right now. Please try again in a few minutes.` };
  }
  return { open: true };
}

// The default menu. Prices are integer cents so totals never suffer float rounding.
// "Pizza" and "Dominos" are on it so the original tutorial's seed payload stays valid.

export const CURRENCY = "USD";

export const PIZZA_SIZES = ["SMALL", "MEDIUM", "LARGE"] as const;
export type PizzaSize = (typeof PIZZA_SIZES)[number];

export interface MenuPizza {
  name: string;
  description: string;
  /** Price of a MEDIUM pizza. */
  basePriceCents: number;
}

export interface MenuSize {
  size: PizzaSize;
  label: string;
  /** Applied to the base price; MEDIUM is 100. */
  pricePercent: number;
}

export interface MenuTopping {
  name: string;
  priceCents: number;
}

export interface MenuRestaurant {
  id: string;
  name: string;
  /** IANA zone of the restaurant's opening hours and of the day its order numbers count in. */
  timeZone: string;
}

/** Added to a delivery order's total. */
export const DELIVERY_FEE_CENTS = 399;

export const PIZZAS: readonly MenuPizza[] = [
  { name: "Pizza", description: "The house classic: tomato, mozzarella, oregano.", basePriceCents: 900 },
  { name: "Margherita", description: "Tomato, fior di latte, basil, olive oil.", basePriceCents: 1000 },
  { name: "Pepperoni", description: "Tomato, mozzarella, spicy pepperoni.", basePriceCents: 1200 },
  { name: "Hawaiian", description: "Tomato, mozzarella, ham, pineapple.", basePriceCents: 1200 },
  { name: "Veggie", description: "Peppers, onions, mushrooms, olives.", basePriceCents: 1100 },
  { name: "Quattro Formaggi", description: "Mozzarella, gorgonzola, parmesan, fontina.", basePriceCents: 1300 },
];

export const SIZES: readonly MenuSize[] = [
  { size: "SMALL", label: "Small (25 cm)", pricePercent: 80 },
  { size: "MEDIUM", label: "Medium (30 cm)", pricePercent: 100 },
  { size: "LARGE", label: "Large (35 cm)", pricePercent: 130 },
];

export const TOPPINGS: readonly MenuTopping[] = [
  { name: "Extra cheese", priceCents: 150 },
  { name: "Chilli", priceCents: 50 },
  { name: "Mushrooms", priceCents: 100 },
  { name: "Olives", priceCents: 100 },
  { name: "Jalapeños", priceCents: 75 },
  { name: "Bacon", priceCents: 200 },
];

export const RESTAURANTS: readonly MenuRestaurant[] = [
  { id: "Dominos", name: "Dominos", timeZone: "America/New_York" },
  { id: "Luigis", name: "Luigi's Trattoria", timeZone: "America/New_York" },
  { id: "NapoliExpress", name: "Napoli Express", timeZone: "Europe/Rome" },
];

export const DEFAULT_SIZE: PizzaSize = "MEDIUM";

export function findPizza(name: string): MenuPizza | undefined {
  return PIZZAS.find((pizza) => pizza.name === name);
}

export function findTopping(name: string): MenuTopping | undefined {
  return TOPPINGS.find((topping) => topping.name === name);
}

export function findSize(size: PizzaSize): MenuSize {
  const found = SIZES.find((s) => s.size === size);
  if (!found) throw new Error(`size ${size} is not on the menu`);
  return found;
}

export function isKnownRestaurant(id: string): boolean {
  return RESTAURANTS.some((restaurant) => restaurant.id === id);
}

export function findRestaurant(id: string): MenuRestaurant | undefined {
  return RESTAURANTS.find((restaurant) => restaurant.id === id);
}

/** The restaurant's name as customers read it; an id no longer on the menu is shown as it is. */
export function restaurantName(id: string): string {
  return RESTAURANTS.find((restaurant) => restaurant.id === id)?.name ?? id;
}

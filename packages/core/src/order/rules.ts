// The order rules in one place: what a valid order is, which statuses exist, and which status
// changes are allowed. Pure code with no AWS dependency, so the web app validates with the very
// same rules the API enforces.
import { z } from "zod";
import { PIZZA_SIZES, DEFAULT_SIZE, findPizza, findTopping, isKnownRestaurant } from "../menu/menu";

export const OrderStatus = {
  Queued: "QUEUED",
  PendingPayment: "PENDING_PAYMENT",
  Completed: "COMPLETED",
  PaymentFailed: "PAYMENT_FAILED",
  Cancelled: "CANCELLED",
} as const;
export type OrderStatus = (typeof OrderStatus)[keyof typeof OrderStatus];

export const TERMINAL_STATUSES: readonly OrderStatus[] = [
  OrderStatus.Completed,
  OrderStatus.PaymentFailed,
  OrderStatus.Cancelled,
];

export function isTerminal(status: OrderStatus): boolean {
  return TERMINAL_STATUSES.includes(status);
}

/**
 * Allowed status changes: `from → to[]`. Persistence turns each change into a DynamoDB condition
 * on the current status, so two writers can never both win.
 */
export const TRANSITIONS: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = {
  [OrderStatus.Queued]: [OrderStatus.PendingPayment, OrderStatus.Cancelled],
  [OrderStatus.PendingPayment]: [OrderStatus.Completed, OrderStatus.PaymentFailed, OrderStatus.Cancelled],
  [OrderStatus.Completed]: [],
  [OrderStatus.PaymentFailed]: [],
  [OrderStatus.Cancelled]: [],
};

export function canTransition(from: OrderStatus, to: OrderStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/** The statuses an order may be in for it to move to `to`. */
export function statusesAllowedBefore(to: OrderStatus): OrderStatus[] {
  return (Object.keys(TRANSITIONS) as OrderStatus[]).filter((from) => canTransition(from, to));
}

/**
 * An order may be changed or cancelled by its customer only while no payment has been taken,
 * i.e. it is not terminal and carries no payment record.
 */
export const CUSTOMER_CHANGEABLE_STATUSES: readonly OrderStatus[] = [OrderStatus.Queued, OrderStatus.PendingPayment];

export function canCustomerChange(order: { orderStatus: OrderStatus; payment?: unknown }): boolean {
  return CUSTOMER_CHANGEABLE_STATUSES.includes(order.orderStatus) && !order.payment;
}

export const ORDER_LIMITS = {
  minQuantity: 1,
  maxQuantity: 20,
  maxToppings: 5,
  maxNameLength: 60,
  maxRestaurantIdLength: 60,
  maxEmailLength: 254,
  maxPaymentTokenLength: 64,
  maxPageSize: 50,
  defaultPageSize: 20,
} as const;

const trimmed = (field: string, max: number) =>
  z
    .string({ required_error: `${field} is required`, invalid_type_error: `${field} must be text` })
    .trim()
    .min(1, `${field} must not be empty`)
    .max(max, `${field} must be at most ${max} characters`);

const pizzaName = trimmed("name", ORDER_LIMITS.maxNameLength).refine((name) => findPizza(name) !== undefined, {
  message: "name must be a pizza on the menu",
});

const restaurantId = trimmed("restaurantId", ORDER_LIMITS.maxRestaurantIdLength).refine(isKnownRestaurant, {
  message: "restaurantId must be a restaurant on the menu",
});

const quantity = z
  .number({ required_error: "quantity is required", invalid_type_error: "quantity must be a number" })
  .int("quantity must be a whole number")
  .min(ORDER_LIMITS.minQuantity, `quantity must be at least ${ORDER_LIMITS.minQuantity}`)
  .max(ORDER_LIMITS.maxQuantity, `quantity must be at most ${ORDER_LIMITS.maxQuantity}`);

const size = z.enum(PIZZA_SIZES, { errorMap: () => ({ message: "size must be SMALL, MEDIUM or LARGE" }) });

const toppings = z
  .array(trimmed("topping", 40).refine((name) => findTopping(name) !== undefined, { message: "each topping must be on the menu" }))
  .max(ORDER_LIMITS.maxToppings, `at most ${ORDER_LIMITS.maxToppings} toppings`)
  .refine((list) => new Set(list).size === list.length, { message: "each topping may be chosen once" });

const customerEmail = z
  .string()
  .trim()
  .max(ORDER_LIMITS.maxEmailLength, `customerEmail must be at most ${ORDER_LIMITS.maxEmailLength} characters`)
  .email("customerEmail must be a valid e-mail address");

const paymentToken = z
  .string()
  .trim()
  .max(ORDER_LIMITS.maxPaymentTokenLength, `paymentToken must be at most ${ORDER_LIMITS.maxPaymentTokenLength} characters`)
  .regex(/^tok_[A-Za-z0-9_]+$/, "paymentToken must look like tok_…");

/** `postOrder` input. Optional fields accept null as GraphQL clients send it. */
export const OrderInputSchema = z.object({
  name: pizzaName,
  quantity,
  restaurantId,
  size: size.nullish().transform((value) => value ?? DEFAULT_SIZE),
  toppings: toppings.nullish().transform((value) => value ?? []),
  customerEmail: customerEmail.nullish().transform((value) => value ?? undefined),
  paymentToken: paymentToken.nullish().transform((value) => value ?? undefined),
});
export type OrderInput = z.input<typeof OrderInputSchema>;
export type ValidOrderInput = z.output<typeof OrderInputSchema>;

/** `updateOrder` input: the id plus any of the changeable fields (payment token is not one). */
export const UpdateOrderInputSchema = z
  .object({
    id: trimmed("id", 64),
    name: pizzaName.nullish(),
    quantity: quantity.nullish(),
    restaurantId: restaurantId.nullish(),
    size: size.nullish(),
    toppings: toppings.nullish(),
    customerEmail: customerEmail.nullish(),
  })
  .transform((input) => Object.fromEntries(Object.entries(input).filter(([, v]) => v !== null && v !== undefined)) as {
    id: string;
    name?: string;
    quantity?: number;
    restaurantId?: string;
    size?: (typeof PIZZA_SIZES)[number];
    toppings?: string[];
    customerEmail?: string;
  })
  .refine((input) => Object.keys(input).length > 1, { message: "updateOrder needs at least one field to change" });
export type UpdateOrderInput = z.input<typeof UpdateOrderInputSchema>;
export type ValidUpdateOrderInput = z.output<typeof UpdateOrderInputSchema>;

export const OrderIdSchema = trimmed("id", 64);

export const PageRequestSchema = z.object({
  limit: z
    .number()
    .int("limit must be a whole number")
    .min(1, "limit must be at least 1")
    .max(ORDER_LIMITS.maxPageSize, `limit must be at most ${ORDER_LIMITS.maxPageSize}`)
    .nullish()
    .transform((value) => value ?? ORDER_LIMITS.defaultPageSize),
  nextToken: z.string().max(2048, "nextToken is not valid").nullish().transform((value) => value ?? undefined),
});

// The order rules in one place: what a valid order is, which statuses exist, and which status
// changes are allowed. Pure code with no AWS dependency, so the web app validates with the very
// same rules the API enforces.
import { z } from "zod";
import { PIZZA_SIZES, DEFAULT_SIZE, findPizza, findTopping, isKnownRestaurant } from "../menu/menu";

export const OrderStatus = {
  Queued: "QUEUED",
  PendingPayment: "PENDING_PAYMENT",
  // The kitchen's stages: the payment succeeded, the restaurant makes the order.
  Received: "RECEIVED",
  Preparing: "PREPARING",
  Baking: "BAKING",
  Ready: "READY",
  OutForDelivery: "OUT_FOR_DELIVERY",
  Completed: "COMPLETED",
  PaymentFailed: "PAYMENT_FAILED",
  Cancelled: "CANCELLED",
  // A paid order the restaurant cancelled, until its refund is recorded (then REFUNDED).
  CancelledByShop: "CANCELLED_BY_SHOP",
  Refunded: "REFUNDED",
} as const;
export type OrderStatus = (typeof OrderStatus)[keyof typeof OrderStatus];

export const TERMINAL_STATUSES: readonly OrderStatus[] = [
  OrderStatus.Completed,
  OrderStatus.PaymentFailed,
  OrderStatus.Cancelled,
  OrderStatus.Refunded,
];

export function isTerminal(status: OrderStatus): boolean {
  return TERMINAL_STATUSES.includes(status);
}

export const Fulfilment = { Pickup: "PICKUP", Delivery: "DELIVERY" } as const;
export type Fulfilment = (typeof Fulfilment)[keyof typeof Fulfilment];
export const FULFILMENTS = [Fulfilment.Pickup, Fulfilment.Delivery] as const;

/** The kitchen's stages, in order, for each way of getting the order. */
export const KITCHEN_FLOW: Readonly<Record<Fulfilment, readonly OrderStatus[]>> = {
  [Fulfilment.Pickup]: [OrderStatus.Received, OrderStatus.Preparing, OrderStatus.Baking, OrderStatus.Ready, OrderStatus.Completed],
  [Fulfilment.Delivery]: [
    OrderStatus.Received,
    OrderStatus.Preparing,
    OrderStatus.Baking,
    OrderStatus.Ready,
    OrderStatus.OutForDelivery,
    OrderStatus.Completed,
  ],
};

/** Paid and not finished: what the kitchen works on (and may cancel, refunding the payment). */
export const KITCHEN_ACTIVE_STATUSES: readonly OrderStatus[] = [
  OrderStatus.Received,
  OrderStatus.Preparing,
  OrderStatus.Baking,
  OrderStatus.Ready,
  OrderStatus.OutForDelivery,
];

/** The payment path (the workflow) is over: the order is in the kitchen or has ended. */
export function isPastPaymentPath(status: OrderStatus): boolean {
  return status !== OrderStatus.Queued && status !== OrderStatus.PendingPayment;
}

/** Where the kitchen index holds an order (tableDesign.ts): active, or cancelled by the shop until refunded. */
export const KITCHEN_INDEXED_STATUSES: readonly OrderStatus[] = [...KITCHEN_ACTIVE_STATUSES, OrderStatus.CancelledByShop];

/** Paid and not yet ready: the pizzas still to make, which the ETA and the capacity count. */
export const KITCHEN_QUEUE_STATUSES: readonly OrderStatus[] = [OrderStatus.Received, OrderStatus.Preparing, OrderStatus.Baking];

/**
 * Allowed status changes: `from → to[]`. Persistence turns each change into a DynamoDB condition
 * on the current status, so two writers can never both win.
 */
export const TRANSITIONS: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = {
  [OrderStatus.Queued]: [OrderStatus.PendingPayment, OrderStatus.Cancelled],
  [OrderStatus.PendingPayment]: [OrderStatus.Received, OrderStatus.PaymentFailed, OrderStatus.Cancelled],
  [OrderStatus.Received]: [OrderStatus.Preparing, OrderStatus.CancelledByShop],
  [OrderStatus.Preparing]: [OrderStatus.Baking, OrderStatus.CancelledByShop],
  [OrderStatus.Baking]: [OrderStatus.Ready, OrderStatus.CancelledByShop],
  // READY → COMPLETED: collected (PICKUP), or closed when never collected (the reconciler).
  [OrderStatus.Ready]: [OrderStatus.OutForDelivery, OrderStatus.Completed, OrderStatus.CancelledByShop],
  [OrderStatus.OutForDelivery]: [OrderStatus.Completed, OrderStatus.CancelledByShop],
  [OrderStatus.Completed]: [],
  // Another card after a decline (retryPayment): the one way out of a terminal status.
  [OrderStatus.PaymentFailed]: [OrderStatus.Queued],
  [OrderStatus.Cancelled]: [],
  [OrderStatus.CancelledByShop]: [OrderStatus.Refunded],
  [OrderStatus.Refunded]: [],
};

/**
 * The kitchen stage after `status` for an order fulfilled this way, or undefined when the kitchen
 * has nothing more to do (not a kitchen stage, or the last one).
 */
export function nextKitchenStage(fulfilment: Fulfilment, status: OrderStatus): OrderStatus | undefined {
  const flow = KITCHEN_FLOW[fulfilment];
  const index = flow.indexOf(status);
  return index >= 0 ? flow[index + 1] : undefined;
}

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
  maxClaimsPerCall: 50,
  minClientTokenLength: 16,
  maxClientTokenLength: 64,
  /** Lines in one order (a cart). */
  maxLines: 10,
  /** Pizzas in one order, all lines together: more is a catering order, taken by phone. */
  maxPizzas: 30,
  maxAddressFieldLength: 120,
  maxReasonLength: 200,
} as const;

// Messages name fields the way a customer reads them ("Quantity must be at most 20"); the field
// itself travels machine-readably as the issue's path (ValidationError.fieldErrors), so no
// client has to parse these texts.
const trimmed = (label: string, max: number) =>
  z
    .string({ required_error: `${label} is required`, invalid_type_error: `${label} must be text` })
    .trim()
    .min(1, `${label} must not be empty`)
    .max(max, `${label} must be at most ${max} characters`);

const pizzaName = trimmed("Pizza", ORDER_LIMITS.maxNameLength).refine((name) => findPizza(name) !== undefined, {
  message: "Pizza must be one from the menu",
});

const restaurantId = trimmed("Restaurant", ORDER_LIMITS.maxRestaurantIdLength).refine(isKnownRestaurant, {
  message: "Restaurant must be one from the menu",
});

const quantity = z
  .number({ required_error: "Quantity is required", invalid_type_error: "Quantity must be a number" })
  .int("Quantity must be a whole number")
  .min(ORDER_LIMITS.minQuantity, `Quantity must be at least ${ORDER_LIMITS.minQuantity}`)
  .max(ORDER_LIMITS.maxQuantity, `Quantity must be at most ${ORDER_LIMITS.maxQuantity}`);

const size = z.enum(PIZZA_SIZES, { errorMap: () => ({ message: "Size must be small, medium or large" }) });

const toppings = z
  .array(trimmed("Topping", 40).refine((name) => findTopping(name) !== undefined, { message: "Each topping must be one from the menu" }))
  .max(ORDER_LIMITS.maxToppings, `Choose at most ${ORDER_LIMITS.maxToppings} toppings`)
  .refine((list) => new Set(list).size === list.length, { message: "Each topping may be chosen once" });

const customerEmail = z
  .string({ invalid_type_error: "E-mail address must be text" })
  .trim()
  .max(ORDER_LIMITS.maxEmailLength, `E-mail address must be at most ${ORDER_LIMITS.maxEmailLength} characters`)
  .email("E-mail address is not valid");

const paymentToken = z
  .string({ invalid_type_error: "Payment token must be text" })
  .trim()
  .max(ORDER_LIMITS.maxPaymentTokenLength, `Payment token must be at most ${ORDER_LIMITS.maxPaymentTokenLength} characters`)
  .regex(/^tok_[A-Za-z0-9_]+$/, "Payment token is not valid (it looks like tok_…)");

// One per checkout attempt (see placeOrder's idempotency). For a guest it is also what proves the
// order on a retry, so it must be unguessable: at least 16 characters (a random UUID has 122 bits).
const clientToken = z
  .string({ invalid_type_error: "Client token must be text" })
  .min(ORDER_LIMITS.minClientTokenLength, `Client token must be at least ${ORDER_LIMITS.minClientTokenLength} characters (use a random UUID)`)
  .max(ORDER_LIMITS.maxClientTokenLength, `Client token must be at most ${ORDER_LIMITS.maxClientTokenLength} characters`)
  .regex(/^[A-Za-z0-9_-]+$/, "Client token may contain only letters, digits, '-' and '_' (a UUID works)");

/** `postOrder` input. Optional fields accept null as GraphQL clients send it. */
export const OrderInputSchema = z.object({
  name: pizzaName,
  quantity,
  restaurantId,
  size: size.nullish().transform((value) => value ?? DEFAULT_SIZE),
  toppings: toppings.nullish().transform((value) => value ?? []),
  customerEmail: customerEmail.nullish().transform((value) => value ?? undefined),
  paymentToken: paymentToken.nullish().transform((value) => value ?? undefined),
  clientToken: clientToken.nullish().transform((value) => value ?? undefined),
});
export type OrderInput = z.input<typeof OrderInputSchema>;
export type ValidOrderInput = z.output<typeof OrderInputSchema>;

const fulfilment = z
  .enum(FULFILMENTS, { errorMap: () => ({ message: "Choose pickup or delivery" }) })
  .nullish()
  .transform((value) => value ?? Fulfilment.Pickup);

export const DeliveryAddressSchema = z.object({
  street: trimmed("Street", ORDER_LIMITS.maxAddressFieldLength),
  city: trimmed("City", ORDER_LIMITS.maxAddressFieldLength),
  postalCode: trimmed("Postal code", 20),
  instructions: z
    .string({ invalid_type_error: "Instructions must be text" })
    .trim()
    .max(ORDER_LIMITS.maxAddressFieldLength, `Instructions must be at most ${ORDER_LIMITS.maxAddressFieldLength} characters`)
    .nullish()
    .transform((value) => value || undefined),
});
export type DeliveryAddress = z.output<typeof DeliveryAddressSchema>;

/** One line of a cart (postOrder's lines). */
export const OrderLineSchema = z.object({
  pizza: pizzaName,
  size: size.nullish().transform((value) => value ?? DEFAULT_SIZE),
  toppings: toppings.nullish().transform((value) => value ?? []),
  quantity,
});
export type ValidOrderLine = z.output<typeof OrderLineSchema>;

const howToGetIt = {
  fulfilment,
  deliveryAddress: DeliveryAddressSchema.nullish().transform((value) => value ?? undefined),
};

/** The cart form of postOrder: lines instead of the one pizza's fields. */
const CartOrderInputSchema = z.object({
  restaurantId,
  lines: z
    .array(OrderLineSchema, { required_error: "Add at least one pizza", invalid_type_error: "Lines must be a list" })
    .min(1, "Add at least one pizza")
    .max(ORDER_LIMITS.maxLines, `An order has at most ${ORDER_LIMITS.maxLines} lines`),
  ...howToGetIt,
  customerEmail: OrderInputSchema.shape.customerEmail,
  paymentToken: OrderInputSchema.shape.paymentToken,
  clientToken: OrderInputSchema.shape.clientToken,
});

/** The one-pizza form (the original tutorial's), with pickup or delivery. */
const SinglePizzaOrderInputSchema = OrderInputSchema.extend(howToGetIt);

const SINGLE_PIZZA_FIELDS = ["name", "quantity", "size", "toppings"] as const;

/** What placeOrder works with, whichever form came in: the cart's lines, pickup or delivery, and the rest. */
export interface ValidPlaceOrderInput {
  restaurantId: string;
  lines: ValidOrderLine[];
  fulfilment: Fulfilment;
  deliveryAddress?: DeliveryAddress;
  customerEmail?: string;
  paymentToken?: string;
  clientToken?: string;
}

/** Issues that need the whole input: the pizzas in all, and an address exactly for a delivery. */
function checkWholeOrder(input: ValidPlaceOrderInput, ctx: z.RefinementCtx, pizzasField: string): void {
  const pizzas = input.lines.reduce((sum, line) => sum + line.quantity, 0);
  if (pizzas > ORDER_LIMITS.maxPizzas) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, path: [pizzasField], message: `An order has at most ${ORDER_LIMITS.maxPizzas} pizzas (this one has ${pizzas})` });
  }
  if (input.fulfilment === Fulfilment.Delivery && !input.deliveryAddress) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["deliveryAddress"], message: "A delivery needs an address" });
  }
  if (input.fulfilment === Fulfilment.Pickup && input.deliveryAddress) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["deliveryAddress"], message: "An address is only for a delivery; choose delivery or leave it out" });
  }
}

const CartForm = CartOrderInputSchema.transform((input): ValidPlaceOrderInput => input).superRefine((input, ctx) => checkWholeOrder(input, ctx, "lines"));

const SinglePizzaForm = SinglePizzaOrderInputSchema.transform(
  ({ name, quantity, size, toppings, ...rest }): ValidPlaceOrderInput => ({ ...rest, lines: [{ pizza: name, quantity, size, toppings }] }),
).superRefine((input, ctx) => checkWholeOrder(input, ctx, "quantity"));

const BothForms = z.unknown().superRefine((_, ctx) =>
  ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["lines"], message: "Give either lines or one pizza's name and quantity, not both" }),
);

const given = (value: unknown) => value !== undefined && value !== null;

/**
 * The schema for postOrder's input as given: `lines` (a cart), or the original tutorial's one
 * pizza (`name`, `quantity`, `size`, `toppings`), which becomes one line; both at once is
 * refused. Any total a client sends is not part of either: prices come from the menu only.
 */
export function placeOrderInputSchemaFor(rawInput: unknown): z.ZodType<ValidPlaceOrderInput, z.ZodTypeDef, unknown> {
  const input = (typeof rawInput === "object" && rawInput !== null ? rawInput : {}) as Record<string, unknown>;
  if (!given(input.lines)) return SinglePizzaForm;
  return SINGLE_PIZZA_FIELDS.some((field) => given(input[field])) ? (BothForms as unknown as z.ZodType<ValidPlaceOrderInput, z.ZodTypeDef, unknown>) : CartForm;
}

export const OrderIdSchema = trimmed("Order id", 64);

/** A guest order's secret as postOrder returned it (base64url); absent for signed-in callers. */
export const GuestSecretSchema = z
  .string({ invalid_type_error: "Guest secret must be text" })
  .max(128, "Guest secret is not valid")
  .nullish()
  .transform((value) => value ?? undefined);

/** `updateOrder` input: the id (and a guest's secret) plus any of the changeable fields (payment token is not one). */
export const UpdateOrderInputSchema = z
  .object({
    id: OrderIdSchema,
    guestSecret: GuestSecretSchema,
    name: pizzaName.nullish(),
    quantity: quantity.nullish(),
    restaurantId: restaurantId.nullish(),
    size: size.nullish(),
    toppings: toppings.nullish(),
    customerEmail: customerEmail.nullish(),
  })
  .transform((input) => Object.fromEntries(Object.entries(input).filter(([, v]) => v !== null && v !== undefined)) as {
    id: string;
    guestSecret?: string;
    name?: string;
    quantity?: number;
    restaurantId?: string;
    size?: (typeof PIZZA_SIZES)[number];
    toppings?: string[];
    customerEmail?: string;
  })
  .refine((input) => Object.keys(input).some((field) => field !== "id" && field !== "guestSecret"), {
    message: "Change at least one field of the order",
  });
export type UpdateOrderInput = z.input<typeof UpdateOrderInputSchema>;
export type ValidUpdateOrderInput = z.output<typeof UpdateOrderInputSchema>;

/** An order reference with the guest's proof, as `order`, `cancelOrder` and `claimGuestOrders` take it. */
export const OrderReferenceSchema = z.object({ id: OrderIdSchema, guestSecret: GuestSecretSchema });

export const GuestOrderClaimsSchema = z
  .array(z.object({ id: OrderIdSchema, guestSecret: z.string({ required_error: "Guest secret is required" }).min(1, "Guest secret is required").max(128, "Guest secret is not valid") }), {
    invalid_type_error: "Claims must be a list",
  })
  .max(ORDER_LIMITS.maxClaimsPerCall, `Claim at most ${ORDER_LIMITS.maxClaimsPerCall} orders at once`);

export const PageRequestSchema = z.object({
  limit: z
    .number()
    .int("Page size must be a whole number")
    .min(1, "Page size must be at least 1")
    .max(ORDER_LIMITS.maxPageSize, `Page size must be at most ${ORDER_LIMITS.maxPageSize}`)
    .nullish()
    .transform((value) => value ?? ORDER_LIMITS.defaultPageSize),
  nextToken: z.string().max(2048, "The page token is not valid").nullish().transform((value) => value ?? undefined),
});

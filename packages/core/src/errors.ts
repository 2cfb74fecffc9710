// Typed domain errors. `name` is what clients see: the API delivers it as the GraphQL error's
// `errorType` (see packages/functions/src/api/resolverError.ts for how, with `errorInfo`), and
// Step Functions matches Retry/Catch on it, so these names are part of the contract
// (graphql/schema.graphql, the web app and the workflow definition refer to them).

export abstract class DomainError extends Error {
  abstract override readonly name: string;
  /** Machine-readable details for the API's `errorInfo`; null when the type says it all. */
  get errorInfo(): Record<string, unknown> | null {
    return null;
  }
}

/** The name errors of a type carry, for code that matches a name it did not throw (a workflow Catch's `Error`). */
export function errorNameOf(type: new (message: string) => DomainError): string {
  return new type("").name;
}

/** Input breaks an order rule. Nothing was written. */
export class ValidationError extends DomainError {
  override readonly name = "ValidationError";
  constructor(
    message: string,
    /** Field path (as the API names the field) → message as a customer reads it. */
    readonly fieldErrors: Record<string, string> = {},
  ) {
    super(message);
  }
  override get errorInfo() {
    return { fieldErrors: this.fieldErrors };
  }
}

/**
 * No such order — or one the caller may not see: refusals answer exactly like an unknown order
 * so that nobody can learn which order ids exist.
 */
export class OrderNotFoundError extends DomainError {
  override readonly name = "OrderNotFoundError";
  constructor(readonly orderId: string) {
    super(`Order ${orderId} was not found`);
  }
  override get errorInfo() {
    return { orderId: this.orderId };
  }
}

/** The operation needs a signed-in person (the API's auth directives already keep guests out). */
export class SignInRequiredError extends DomainError {
  override readonly name = "SignInRequiredError";
  constructor(message = "Please sign in to do this.") {
    super(message);
  }
}

/** The order's status or payment no longer allows the requested change. Nothing was changed. */
export class OrderNotModifiableError extends DomainError {
  override readonly name = "OrderNotModifiableError";
}

/**
 * Raised inside the workflow when the order was closed (e.g. cancelled by the customer) before
 * the step ran: the workflow stops without touching it.
 */
export class OrderClosedError extends DomainError {
  override readonly name = "OrderClosedError";
}

/** The (simulated) payment provider did not answer; the workflow retries, then gives up. */
export class PaymentProviderUnavailableError extends DomainError {
  override readonly name = "PaymentProviderUnavailableError";
}

/** A failure worth retrying (e.g. a lost race that a second attempt will settle). */
export class TransientOrderError extends DomainError {
  override readonly name = "TransientOrderError";
}

/**
 * Another sender holds the order's notification claim (a retried step whose first attempt died
 * mid-send, or the reconciler). Worth retrying once the claim's lease has run out.
 */
export class NotificationInProgressError extends DomainError {
  override readonly name = "NotificationInProgressError";
}

/**
 * postOrder got a client token that this caller already used for a different order (or for a
 * guest order that has since moved into an account). Nothing was written: a new checkout attempt
 * needs a new token.
 */
export class IdempotencyConflictError extends DomainError {
  override readonly name = "IdempotencyConflictError";
  constructor(message = "This checkout attempt was already used for a different order. Please start a new order.") {
    super(message);
  }
}

/**
 * A subscription the core refuses when it starts (mayWatchOrderUpdates), answered in AppSync's own
 * words for a refused field — errorType `Unauthorized`, as its auth directives answer — so a client
 * tells a refusal from an outage by one type. The same answer for an unknown order and a stranger's.
 */
export class OrderUpdatesNotAuthorizedError extends DomainError {
  override readonly name = "Unauthorized";
  constructor(fieldName: string) {
    super(`Not Authorized to access ${fieldName} on type Subscription`);
  }
}

/** Why a restaurant takes no order right now. */
export type RestaurantUnavailableReason = "CLOSED" | "OUTSIDE_HOURS" | "KITCHEN_FULL";

/**
 * postOrder (or orderAgain) for a restaurant that is closed — its staff switched it off, or now is
 * outside its opening hours — or whose kitchen is full. Nothing was written.
 */
export class RestaurantUnavailableError extends DomainError {
  override readonly name = "RestaurantUnavailableError";
  constructor(
    readonly restaurantId: string,
    readonly reason: RestaurantUnavailableReason,
    message: string,
  ) {
    super(message);
  }
  override get errorInfo() {
    return { restaurantId: this.restaurantId, reason: this.reason };
  }
}

/** A restaurant's settings are its staff's alone. Answered in AppSync's words for a refused field. */
export class KitchenNotAuthorizedError extends DomainError {
  override readonly name = "Unauthorized";
  constructor(readonly restaurantId: string) {
    super(`Only staff of ${restaurantId} may change its settings`);
  }
}

export class ConfigurationError extends DomainError {
  override readonly name = "ConfigurationError";
}

/** The errors the API answers with (their names are its `errorType`s); anything else is an internal failure. */
export const API_ERRORS = [
  ValidationError,
  OrderNotFoundError,
  OrderNotModifiableError,
  SignInRequiredError,
  IdempotencyConflictError,
  OrderUpdatesNotAuthorizedError,
  RestaurantUnavailableError,
  KitchenNotAuthorizedError,
] as const;

export function isApiError(error: unknown): error is InstanceType<(typeof API_ERRORS)[number]> {
  return API_ERRORS.some((type) => error instanceof type);
}

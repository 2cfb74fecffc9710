// Typed domain errors. `name` is what clients see: AppSync puts a Lambda error's type in the
// GraphQL error's `errorType`, and Step Functions matches Retry/Catch on it, so these names are
// part of the contract (graphql/schema.graphql and the workflow definition refer to them).

export abstract class DomainError extends Error {
  abstract override readonly name: string;
}

/** Input breaks an order rule. Nothing was written. */
export class ValidationError extends DomainError {
  override readonly name = "ValidationError";
  constructor(
    message: string,
    /** Field path → message, for showing the error next to the field. */
    readonly fieldErrors: Record<string, string> = {},
  ) {
    super(message);
  }
}

export class OrderNotFoundError extends DomainError {
  override readonly name = "OrderNotFoundError";
  constructor(readonly orderId: string) {
    super(`Order ${orderId} was not found`);
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

export class ConfigurationError extends DomainError {
  override readonly name = "ConfigurationError";
}

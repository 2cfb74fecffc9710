// A simulated card processor. Test tokens behave like a real processor's test cards so demos and
// tests are repeatable; any other token (or none) succeeds with the configured probability.
import { PaymentProviderUnavailableError } from "../errors";

export const TEST_PAYMENT_TOKENS = {
  /** Always approved. */
  alwaysSucceeds: "tok_visa",
  /** Always declined by the card issuer. */
  alwaysDeclined: "tok_chargeDeclined",
  /** The processor never answers: the workflow retries, then cancels the order. */
  providerUnavailable: "tok_processingError",
} as const;

export const DECLINED_REASON = "Your card was declined.";

export interface ChargeRequest {
  /** The idempotency key: one charge per order. */
  orderId: string;
  amountCents: number;
  token?: string;
}

export type ChargeResult = { outcome: "SUCCEEDED"; reference: string } | { outcome: "DECLINED"; reference: string; declineReason: string };

export interface PaymentSimulatorOptions {
  successRate: number;
  random?: () => number;
}

export function simulateCharge(request: ChargeRequest, options: PaymentSimulatorOptions): ChargeResult {
  const reference = `ch_${request.orderId}`;
  switch (request.token) {
    case TEST_PAYMENT_TOKENS.alwaysSucceeds:
      return { outcome: "SUCCEEDED", reference };
    case TEST_PAYMENT_TOKENS.alwaysDeclined:
      return { outcome: "DECLINED", reference, declineReason: DECLINED_REASON };
    case TEST_PAYMENT_TOKENS.providerUnavailable:
      throw new PaymentProviderUnavailableError("The payment provider did not respond");
    default: {
      const draw = (options.random ?? Math.random)();
      return draw < options.successRate
        ? { outcome: "SUCCEEDED", reference }
        : { outcome: "DECLINED", reference, declineReason: DECLINED_REASON };
    }
  }
}

export interface RefundRequest {
  /** The idempotency key: one refund per order, however often it is asked for. */
  orderId: string;
  amountCents: number;
  /** The charge being refunded. */
  chargeReference: string;
}

export interface RefundResult {
  reference: string;
}

/** The processor's refund call. A real processor deduplicates by the idempotency key (the order id); so must any stand-in. */
export type RefundProvider = (request: RefundRequest) => Promise<RefundResult>;

/** The simulated processor's refund: always succeeds, the same reference for the same order. */
export const simulateRefund: RefundProvider = async (request) => ({ reference: `re_${request.orderId}` });

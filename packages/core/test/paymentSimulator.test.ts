import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readPaymentSuccessRate } from "../src/config";
import { ConfigurationError, PaymentProviderUnavailableError } from "../src/errors";
import { DECLINED_REASON, simulateCharge, TEST_PAYMENT_TOKENS } from "../src/payment/paymentSimulator";

const charge = (token: string | undefined, successRate: number, random?: () => number) =>
  simulateCharge({ orderId: "01ORDER", amountCents: 900, token }, { successRate, random });

describe("payment simulator", () => {
  it("always approves the succeeding test token and always declines the declined one, whatever the rate", () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), (rate) => {
        expect(charge(TEST_PAYMENT_TOKENS.alwaysSucceeds, rate).outcome).toBe("SUCCEEDED");
        expect(charge(TEST_PAYMENT_TOKENS.alwaysDeclined, rate)).toEqual({
          outcome: "DECLINED",
          reference: "ch_01ORDER",
          declineReason: DECLINED_REASON,
        });
      }),
    );
  });

  it("makes the provider unavailable for the processing-error token", () => {
    expect(() => charge(TEST_PAYMENT_TOKENS.providerUnavailable, 1)).toThrow(PaymentProviderUnavailableError);
  });

  it("uses the success rate for other tokens", () => {
    expect(charge(undefined, 0.9, () => 0.89).outcome).toBe("SUCCEEDED");
    expect(charge(undefined, 0.9, () => 0.9).outcome).toBe("DECLINED");
    expect(charge("tok_mastercard", 0, () => 0).outcome).toBe("DECLINED");
    expect(charge("tok_mastercard", 1, () => 0.999).outcome).toBe("SUCCEEDED");
  });

  it("keys the charge reference on the order, so a retried charge is the same charge", () => {
    expect(charge(TEST_PAYMENT_TOKENS.alwaysSucceeds, 1).reference).toBe(charge(undefined, 1).reference);
  });
});

describe("PAYMENT_SUCCESS_RATE", () => {
  it("defaults to 0.9 when unset or blank, takes 0..1, and refuses anything else", () => {
    expect(readPaymentSuccessRate({})).toBe(0.9);
    expect(readPaymentSuccessRate({ PAYMENT_SUCCESS_RATE: " " })).toBe(0.9);
    expect(readPaymentSuccessRate({ PAYMENT_SUCCESS_RATE: "0" })).toBe(0);
    expect(readPaymentSuccessRate({ PAYMENT_SUCCESS_RATE: "0.25" })).toBe(0.25);
    expect(() => readPaymentSuccessRate({ PAYMENT_SUCCESS_RATE: "1.5" })).toThrow(ConfigurationError);
    expect(() => readPaymentSuccessRate({ PAYMENT_SUCCESS_RATE: "often" })).toThrow(ConfigurationError);
  });
});

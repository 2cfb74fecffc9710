// The shop's settings come from the environment and are checked before anything starts.
import { describe, expect, it } from "vitest";
import { localShopSettingsFromEnv } from "../src/localShopSettings";

describe("local shop settings", () => {
  it("uses the documented defaults for an empty environment", () => {
    expect(localShopSettingsFromEnv({})).toMatchObject({ apiPort: 4000, apiKey: "local-dev-api-key", host: "127.0.0.1", queueVisibilitySeconds: 5, dynamoPort: 0, paymentSuccessRate: undefined, reconcilerIntervalSeconds: 60 });
  });

  it("runs the deadline reconciler as often as LOCAL_RECONCILER_INTERVAL_SECONDS says (0: timer off), and refuses nonsense", () => {
    expect(localShopSettingsFromEnv({ LOCAL_RECONCILER_INTERVAL_SECONDS: "5" }).reconcilerIntervalSeconds).toBe(5);
    expect(localShopSettingsFromEnv({ LOCAL_RECONCILER_INTERVAL_SECONDS: "0" }).reconcilerIntervalSeconds).toBe(0);
    expect(() => localShopSettingsFromEnv({ LOCAL_RECONCILER_INTERVAL_SECONDS: "soon" })).toThrow("LOCAL_RECONCILER_INTERVAL_SECONDS must be 0..86400");
  });

  it("refuses a payment success rate outside 0..1 with the handlers' own rule, before the shop starts", () => {
    expect(() => localShopSettingsFromEnv({ PAYMENT_SUCCESS_RATE: "2" })).toThrow("PAYMENT_SUCCESS_RATE must be a number from 0 to 1");
    expect(localShopSettingsFromEnv({ PAYMENT_SUCCESS_RATE: "0.25" }).paymentSuccessRate).toBe("0.25");
  });

  it("refuses a port that is not a port number", () => {
    expect(() => localShopSettingsFromEnv({ LOCAL_API_PORT: "http" })).toThrow('LOCAL_API_PORT must be a port number, got "http"');
  });
});

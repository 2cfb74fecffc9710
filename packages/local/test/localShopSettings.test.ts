// The shop's settings come from the environment and are checked before anything starts.
import { describe, expect, it } from "vitest";
import { localShopSettingsFromEnv } from "../src/localShopSettings";

describe("local shop settings", () => {
  it("uses the documented defaults for an empty environment", () => {
    expect(localShopSettingsFromEnv({})).toMatchObject({ apiPort: 4000, apiKey: "local-dev-api-key", host: "127.0.0.1", queueVisibilitySeconds: 5, dynamoPort: 0, cognitoPort: 9229, webOrigin: "http://localhost:5173", paymentSuccessRate: undefined });
  });

  it("refuses a payment success rate outside 0..1 with the handlers' own rule, before the shop starts", () => {
    expect(() => localShopSettingsFromEnv({ PAYMENT_SUCCESS_RATE: "2" })).toThrow("PAYMENT_SUCCESS_RATE must be a number from 0 to 1");
    expect(localShopSettingsFromEnv({ PAYMENT_SUCCESS_RATE: "0.25" }).paymentSuccessRate).toBe("0.25");
  });

  it("takes the user pool's port and the web app's origin from the environment", () => {
    expect(localShopSettingsFromEnv({ LOCAL_COGNITO_PORT: "0", LOCAL_WEB_PORT: "3000" })).toMatchObject({ cognitoPort: 0, webOrigin: "http://localhost:3000" });
    expect(() => localShopSettingsFromEnv({ LOCAL_COGNITO_PORT: "cognito" })).toThrow('LOCAL_COGNITO_PORT must be a port number, got "cognito"');
  });

  it("refuses a port that is not a port number", () => {
    expect(() => localShopSettingsFromEnv({ LOCAL_API_PORT: "http" })).toThrow('LOCAL_API_PORT must be a port number, got "http"');
  });
});

// The shop's settings come from the environment and are checked before anything starts.
import { describe, expect, it } from "vitest";
import { KITCHEN_STAGE_DEFAULT_DEADLINES } from "../../core/test/support/kitchenStageDeadlines";
import { localShopSettingsFromEnv } from "../src/localShopSettings";

describe("local shop settings", () => {
  it("uses the documented defaults for an empty environment", () => {
    expect(localShopSettingsFromEnv({})).toMatchObject({
      apiPort: 4000,
      apiKey: "local-dev-api-key",
      host: "127.0.0.1",
      queueVisibilitySeconds: 180,
      dynamoPort: 0,
      cognitoPort: 9229,
      mailSmtpPort: 1025,
      mailInboxPort: 1080,
      eventBridgePort: 0,
      webOrigins: ["http://localhost:5173", "http://127.0.0.1:5173"],
      paymentSuccessRate: undefined,
      reconcilerIntervalSeconds: 60,
    });
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

  it("hands the functions ORDER_DEADLINE_SECONDS as the core reads it: defaults when unset, a short one only with localTestOverride", () => {
    expect(localShopSettingsFromEnv({}).orderDeadlineSeconds).toBeUndefined();
    expect(JSON.parse(localShopSettingsFromEnv({ ORDER_DEADLINE_SECONDS: '{"notification":3600}' }).orderDeadlineSeconds!)).toEqual({
      QUEUED: 1200,
      PENDING_PAYMENT: 1200,
      notification: 3600,
      // The kitchen's stages keep their defaults (deadlines.ts).
      ...KITCHEN_STAGE_DEFAULT_DEADLINES,
    });
    expect(() => localShopSettingsFromEnv({ ORDER_DEADLINE_SECONDS: '{"QUEUED":8}' })).toThrow("shorter than the workflow's worst case");
    expect(JSON.parse(localShopSettingsFromEnv({ ORDER_DEADLINE_SECONDS: '{"QUEUED":8,"localTestOverride":true}' }).orderDeadlineSeconds!)).toEqual({
      QUEUED: 8,
      PENDING_PAYMENT: 1200,
      notification: 1200,
      // The kitchen's stages keep their defaults (deadlines.ts).
      ...KITCHEN_STAGE_DEFAULT_DEADLINES,
      localTestOverride: true,
    });
  });

  it("takes the user pool's port from the environment", () => {
    expect(localShopSettingsFromEnv({ LOCAL_COGNITO_PORT: "0" })).toMatchObject({ cognitoPort: 0 });
    expect(() => localShopSettingsFromEnv({ LOCAL_COGNITO_PORT: "cognito" })).toThrow('LOCAL_COGNITO_PORT must be a port number, got "cognito"');
  });

  it("lets the developer routes answer only the web app's origins: the web port by default, LOCAL_WEB_ORIGINS when set", () => {
    expect(localShopSettingsFromEnv({}).webOrigins).toEqual(["http://localhost:5173", "http://127.0.0.1:5173"]);
    expect(localShopSettingsFromEnv({ LOCAL_WEB_PORT: "3000" }).webOrigins).toEqual(["http://localhost:3000", "http://127.0.0.1:3000"]);
    expect(localShopSettingsFromEnv({ LOCAL_WEB_ORIGINS: " https://shop.test , http://localhost:8080 " }).webOrigins).toEqual([
      "https://shop.test",
      "http://localhost:8080",
    ]);
  });

  it("refuses a port that is not a port number", () => {
    expect(() => localShopSettingsFromEnv({ LOCAL_API_PORT: "http" })).toThrow('LOCAL_API_PORT must be a port number, got "http"');
  });
});

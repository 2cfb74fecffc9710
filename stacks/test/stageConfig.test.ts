import { RemovalPolicy } from "aws-cdk-lib";
import { FieldLogLevel, IntrospectionConfig } from "aws-cdk-lib/aws-appsync";
import { RetentionDays } from "aws-cdk-lib/aws-logs";
import { describe, expect, it } from "vitest";
import { KITCHEN_STAGE_DEFAULT_DEADLINES } from "../../packages/core/test/support/kitchenStageDeadlines";
import { stageConfig } from "../stageConfig";

describe("stageConfig", () => {
  it("makes prod durable, protected, alarmed and long-lived in its logs", () => {
    const prod = stageConfig("prod", {});
    expect(prod).toMatchObject({
      isProduction: true,
      removalPolicy: RemovalPolicy.RETAIN,
      table: { pointInTimeRecovery: true, deletionProtection: true },
      userPool: { deletionProtection: true },
      logRetention: RetentionDays.THREE_MONTHS,
      alarms: true,
      apiFieldLogLevel: FieldLogLevel.ERROR,
      apiIntrospection: IntrospectionConfig.DISABLED,
      apiWebAcl: true,
    });
    // AppSync takes 1 to 365 days from its clock's "now": 300 leaves two months for clock skew.
    expect(prod.apiKeyExpiry.toDays()).toBe(300);
  });

  it.each(["dev", "alice", "pr-42", "production"])("treats %s as a disposable stage", (stage) => {
    expect(stageConfig(stage, {})).toMatchObject({
      isProduction: false,
      removalPolicy: RemovalPolicy.DESTROY,
      table: { pointInTimeRecovery: false, deletionProtection: false },
      userPool: { deletionProtection: false },
      logRetention: RetentionDays.ONE_WEEK,
      alarms: false,
      apiFieldLogLevel: FieldLogLevel.ALL,
      apiIntrospection: IntrospectionConfig.ENABLED,
      apiWebAcl: false,
    });
    expect(stageConfig(stage, {}).apiKeyExpiry.toDays()).toBe(30);
  });

  it("alarms in prod always, and in another stage only when ALARM_EMAIL names someone to hear them", () => {
    expect(stageConfig("prod", {})).toMatchObject({ alarms: true, alarmEmail: undefined });
    expect(stageConfig("prod", { ALARM_EMAIL: " oncall@example.com " })).toMatchObject({ alarms: true, alarmEmail: "oncall@example.com" });
    expect(stageConfig("staging", { ALARM_EMAIL: "oncall@example.com" })).toMatchObject({ alarms: true, alarmEmail: "oncall@example.com" });
    expect(stageConfig("staging", { ALARM_EMAIL: " " })).toMatchObject({ alarms: false, alarmEmail: undefined });
  });

  it("refuses an ALARM_EMAIL that is not an address", () => {
    expect(() => stageConfig("prod", { ALARM_EMAIL: "oncall" })).toThrow(/ALARM_EMAIL is not an e-mail address/);
  });

  it("subscribes no address unless ORDER_NOTIFICATION_EMAIL is set", () => {
    expect(stageConfig("prod", {}).notificationEmail).toBeUndefined();
    expect(stageConfig("prod", { ORDER_NOTIFICATION_EMAIL: "  " }).notificationEmail).toBeUndefined();
    expect(stageConfig("prod", { ORDER_NOTIFICATION_EMAIL: " ops@example.com " }).notificationEmail).toBe("ops@example.com");
  });

  it("refuses an ORDER_NOTIFICATION_EMAIL that is not an address", () => {
    expect(() => stageConfig("dev", { ORDER_NOTIFICATION_EMAIL: "ops.example.com" })).toThrow(/ORDER_NOTIFICATION_EMAIL/);
  });

  it("defaults the payment success rate to 0.9 and takes PAYMENT_SUCCESS_RATE from 0 to 1", () => {
    expect(stageConfig("prod", {}).paymentSuccessRate).toBe("0.9");
    expect(stageConfig("prod", { PAYMENT_SUCCESS_RATE: "1" }).paymentSuccessRate).toBe("1");
    expect(stageConfig("dev", { PAYMENT_SUCCESS_RATE: "0" }).paymentSuccessRate).toBe("0");
    expect(stageConfig("dev", { PAYMENT_SUCCESS_RATE: "0.25" }).paymentSuccessRate).toBe("0.25");
  });

  it.each(["1.5", "-0.1", "ninety", "NaN"])("refuses PAYMENT_SUCCESS_RATE=%s", (rate) => {
    expect(() => stageConfig("dev", { PAYMENT_SUCCESS_RATE: rate })).toThrow(/PAYMENT_SUCCESS_RATE/);
  });

  it("hands the functions the reconciler's deadlines: 20 min each by default, ORDER_DEADLINE_SECONDS at or above the workflow's worst case", () => {
    expect(JSON.parse(stageConfig("prod", {}).orderDeadlineSeconds)).toEqual({
      QUEUED: 1200,
      PENDING_PAYMENT: 1200,
      notification: 1200,
      // The kitchen's stages keep their defaults (deadlines.ts).
      ...KITCHEN_STAGE_DEFAULT_DEADLINES,
    });
    expect(JSON.parse(stageConfig("dev", { ORDER_DEADLINE_SECONDS: '{"notification":3600}' }).orderDeadlineSeconds)).toEqual({
      QUEUED: 1200,
      PENDING_PAYMENT: 1200,
      notification: 3600,
      // The kitchen's stages keep their defaults (deadlines.ts).
      ...KITCHEN_STAGE_DEFAULT_DEADLINES,
    });
    expect(() => stageConfig("dev", { ORDER_DEADLINE_SECONDS: '{"QUEUED":60}' })).toThrow(
      /ORDER_DEADLINE_SECONDS: QUEUED 60 s is shorter than the workflow's worst case/,
    );
  });

  it("refuses the local test override of the deadlines on every stage", () => {
    for (const stage of ["dev", "prod"]) {
      expect(() => stageConfig(stage, { ORDER_DEADLINE_SECONDS: '{"QUEUED":8,"localTestOverride":true}' }), stage).toThrow(
        /localTestOverride is for local mode only/,
      );
    }
  });
});

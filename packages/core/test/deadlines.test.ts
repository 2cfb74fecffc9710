// The deadlines are longer than anything the pipeline itself may still do, so the reconciler only
// finishes orders the pipeline has given up on; and every waiting status has one. They are
// deployment configuration: the floor every configured value must respect is checked here against
// the workflow definition and the queue, and the defaults against the floor.
import { describe, expect, it } from "vitest";
import { functionsTriggeredBy, theFunctionTriggeredBy } from "../../functions/src/functionManifest";
import { readOrderDeadlines } from "../src/config";
import { ConfigurationError } from "../src/errors";
import { NOTIFICATION_CLAIM_LEASE_SECONDS } from "../src/notification/orderNotifier";
import { DEFAULT_ORDER_DEADLINE_SECONDS, IN_FLIGHT, inFlightTracking, WORKFLOW_WORST_CASE_SECONDS } from "../src/order/deadlines";
import { OrderStatus, TERMINAL_STATUSES } from "../src/order/rules";
import { orderWorkflowDefinitionText } from "../src/workflow/orderWorkflowDefinition";

const executionTimeoutSeconds = (JSON.parse(orderWorkflowDefinitionText()) as { TimeoutSeconds: number }).TimeoutSeconds;
const at = "2026-11-29T12:00:00.000Z";
/** The kitchen stages' defaults (people, not the pipeline, keep these orders waiting). */
const KITCHEN_DEFAULTS = { RECEIVED: 1200, PREPARING: 3600, BAKING: 3600, READY: 3600, OUT_FOR_DELIVERY: 7200, CANCELLED_BY_SHOP: 1200 };

describe("order deadlines", () => {
  it("give every waiting status a deadline, and a finished order one only while its notification is due", () => {
    for (const status of Object.values(OrderStatus).filter((status) => !TERMINAL_STATUSES.includes(status))) {
      expect(inFlightTracking(status, at), status).toEqual({ inFlight: IN_FLIGHT, deadlineAt: expect.any(String) });
    }
    for (const status of TERMINAL_STATUSES) {
      expect(inFlightTracking(status, at), status).toBeUndefined();
      expect(inFlightTracking(status, at, true)?.deadlineAt, status).toBe("2026-11-29T12:20:00.000Z");
    }
  });

  it("outlast the workflow execution's timeout (the defaults, and the floor every configured deadline must keep)", () => {
    expect(executionTimeoutSeconds).toBeGreaterThan(0);
    expect(WORKFLOW_WORST_CASE_SECONDS).toBeGreaterThanOrEqual(executionTimeoutSeconds);
    for (const [name, seconds] of Object.entries(DEFAULT_ORDER_DEADLINE_SECONDS)) expect(seconds, name).toBeGreaterThan(executionTimeoutSeconds);
  });

  it("give a queued order longer than the queue's redeliveries plus the execution", () => {
    const consumer = theFunctionTriggeredBy("ordersQueue");
    const redeliveryWindow = consumer.trigger.maxReceiveCount * 6 * consumer.timeoutSeconds;
    expect(WORKFLOW_WORST_CASE_SECONDS).toBeGreaterThan(redeliveryWindow);
    expect(DEFAULT_ORDER_DEADLINE_SECONDS[OrderStatus.Queued]).toBeGreaterThan(redeliveryWindow);
  });

  it("let a notification claim outlive any function that holds it", () => {
    const claimHolders = [...functionsTriggeredBy("workflowTask"), theFunctionTriggeredBy("schedule")];
    for (const holder of claimHolders) expect(NOTIFICATION_CLAIM_LEASE_SECONDS, holder.name).toBeGreaterThan(holder.timeoutSeconds);
  });
});

describe("order deadlines as configuration (ORDER_DEADLINE_SECONDS)", () => {
  it("default to 20 minutes each when unset or blank", () => {
    expect(readOrderDeadlines({})).toEqual({ deadlines: DEFAULT_ORDER_DEADLINE_SECONDS, localTestOverride: false });
    expect(readOrderDeadlines({ ORDER_DEADLINE_SECONDS: " " }).deadlines).toEqual({ ...KITCHEN_DEFAULTS, QUEUED: 1200, PENDING_PAYMENT: 1200, notification: 1200 });
  });

  it("take any of the three at or above the workflow's worst case; the others keep their default", () => {
    const { deadlines } = readOrderDeadlines({ ORDER_DEADLINE_SECONDS: JSON.stringify({ QUEUED: WORKFLOW_WORST_CASE_SECONDS, notification: 3600 }) });
    expect(deadlines).toEqual({ ...KITCHEN_DEFAULTS, QUEUED: WORKFLOW_WORST_CASE_SECONDS, PENDING_PAYMENT: 1200, notification: 3600 });
    expect(inFlightTracking(OrderStatus.Queued, at, false, deadlines)?.deadlineAt).toBe("2026-11-29T12:15:00.000Z");
    expect(inFlightTracking(OrderStatus.Completed, at, true, deadlines)?.deadlineAt).toBe("2026-11-29T13:00:00.000Z");
  });

  it("refuse a deadline shorter than the workflow's worst case, naming it", () => {
    for (const status of ["QUEUED", "PENDING_PAYMENT", "notification", ...Object.keys(KITCHEN_DEFAULTS)]) {
      const value = JSON.stringify({ [status]: WORKFLOW_WORST_CASE_SECONDS - 1 });
      expect(() => readOrderDeadlines({ ORDER_DEADLINE_SECONDS: value }), status).toThrow(ConfigurationError);
      expect(() => readOrderDeadlines({ ORDER_DEADLINE_SECONDS: value }), status).toThrow(
        `${status} ${WORKFLOW_WORST_CASE_SECONDS - 1} s is shorter than the workflow's worst case`,
      );
    }
  });

  it("go below the worst case only when the value says localTestOverride (local mode's crash tests)", () => {
    const settings = readOrderDeadlines({
      ORDER_DEADLINE_SECONDS: JSON.stringify({ QUEUED: 8, PENDING_PAYMENT: 8, notification: 8, localTestOverride: true }),
    });
    expect(settings).toEqual({ deadlines: { ...KITCHEN_DEFAULTS, QUEUED: 8, PENDING_PAYMENT: 8, notification: 8 }, localTestOverride: true });
  });

  it("refuse what is not a JSON object of whole positive seconds with known names", () => {
    for (const value of ["1200", "{", '{"QUEUED":"1200"}', '{"QUEUED":0}', '{"QUEUED":1200.5}', '{"queued":1200}', '{"localTestOverride":"yes"}', "[]"]) {
      expect(() => readOrderDeadlines({ ORDER_DEADLINE_SECONDS: value }), value).toThrow(ConfigurationError);
    }
  });
});

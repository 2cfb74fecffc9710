// The deadlines are longer than anything the pipeline itself may still do, so the reconciler only
// finishes orders the pipeline has given up on; and every waiting status has one.
import { describe, expect, it } from "vitest";
import { FUNCTION_TIMEOUT_SECONDS } from "../../functions/src/functionSettings";
import { ORDERS_QUEUE_SETTINGS } from "../../functions/src/queue/ordersQueueSettings";
import { NOTIFICATION_CLAIM_LEASE_SECONDS } from "../src/notification/orderNotifier";
import { IN_FLIGHT, inFlightTracking, ORDER_DEADLINE_SECONDS } from "../src/order/deadlines";
import { OrderStatus, TERMINAL_STATUSES } from "../src/order/rules";
import { orderWorkflowDefinitionText } from "../src/workflow/orderWorkflowDefinition";

const executionTimeoutSeconds = (JSON.parse(orderWorkflowDefinitionText()) as { TimeoutSeconds: number }).TimeoutSeconds;
const at = "2026-11-29T12:00:00.000Z";

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

  it("outlast the workflow execution's timeout", () => {
    expect(executionTimeoutSeconds).toBeGreaterThan(0);
    for (const [name, seconds] of Object.entries(ORDER_DEADLINE_SECONDS)) expect(seconds, name).toBeGreaterThan(executionTimeoutSeconds);
  });

  it("give a queued order longer than the queue's redeliveries plus the execution", () => {
    const redeliveryWindow = ORDERS_QUEUE_SETTINGS.maxReceiveCount * 6 * ORDERS_QUEUE_SETTINGS.consumerTimeoutSeconds;
    expect(ORDER_DEADLINE_SECONDS[OrderStatus.Queued]).toBeGreaterThan(redeliveryWindow);
  });

  it("let a notification claim outlive any function that holds it", () => {
    expect(NOTIFICATION_CLAIM_LEASE_SECONDS).toBeGreaterThan(FUNCTION_TIMEOUT_SECONDS.workflowTask);
    expect(NOTIFICATION_CLAIM_LEASE_SECONDS).toBeGreaterThan(FUNCTION_TIMEOUT_SECONDS.reconciler);
  });
});

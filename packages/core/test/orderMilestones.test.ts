import { describe, expect, it } from "vitest";
import { milestonesOf } from "../src/changes/orderMilestones";
import { OrderStatus, TRANSITIONS } from "../src/order/rules";

describe("order milestones", () => {
  it("marks placing, the payment, and each end", () => {
    expect(milestonesOf({ status: OrderStatus.Queued })).toEqual(["placed"]);
    expect(milestonesOf({ previousStatus: OrderStatus.Queued, status: OrderStatus.PendingPayment })).toEqual([]);
    expect(milestonesOf({ previousStatus: OrderStatus.PendingPayment, status: OrderStatus.Completed })).toEqual(["paid", "completed"]);
    expect(milestonesOf({ previousStatus: OrderStatus.PendingPayment, status: OrderStatus.PaymentFailed })).toEqual(["paymentFailed"]);
    expect(milestonesOf({ previousStatus: OrderStatus.PendingPayment, status: OrderStatus.Cancelled })).toEqual(["cancelled"]);
    expect(milestonesOf({ previousStatus: OrderStatus.Queued, status: OrderStatus.Cancelled })).toEqual(["cancelled"]);
    expect(milestonesOf({ previousStatus: OrderStatus.Baking, status: OrderStatus.CancelledByShop })).toEqual(["cancelledByShop"]);
    expect(milestonesOf({ previousStatus: OrderStatus.CancelledByShop, status: OrderStatus.Refunded })).toEqual(["refunded"]);
    expect(milestonesOf({ previousStatus: OrderStatus.Ready, status: OrderStatus.Completed })).toEqual(["completed"]);
  });

  it("counts an order paid at most once along any path the rules allow", () => {
    // Another card after a decline (PAYMENT_FAILED → QUEUED) is a loop: each status at most twice covers a retry.
    const paths = (status: OrderStatus, visited: readonly OrderStatus[] = []): OrderStatus[][] => {
      const seen = [...visited, status];
      const next = TRANSITIONS[status].filter((to) => seen.filter((s) => s === to).length < 2);
      return next.length === 0 ? [[status]] : next.flatMap((to) => paths(to, seen).map((rest) => [status, ...rest]));
    };
    for (const path of paths(OrderStatus.Queued)) {
      const milestones = path.flatMap((status, index) => milestonesOf({ previousStatus: path[index - 1], status }));
      expect(milestones.filter((milestone) => milestone === "paid").length, path.join(" → ")).toBeLessThanOrEqual(1);
      expect(
        milestones.filter((milestone) => milestone === "placed"),
        path.join(" → "),
      ).toEqual(["placed"]);
    }
  });
});

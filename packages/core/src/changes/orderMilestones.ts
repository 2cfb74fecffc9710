// The business milestones an order change marks, counted as metrics by the stream consumer. Most
// are a status; "paid" is not (the payment is recorded without a status change), so it is read
// from the change that leaves PENDING_PAYMENT: an order leaves it paid unless it leaves it
// declined or cancelled (a paid order is never cancelled, see finishOrder.ts). A kitchen stage
// added after the payment therefore still marks "paid" when it is the first status after it.
import { OrderStatus } from "../order/rules";
import type { OrderChange } from "./orderChange";

export const ORDER_MILESTONES = ["placed", "paid", "paymentFailed", "completed", "cancelled", "cancelledByShop", "refunded"] as const;
export type OrderMilestone = (typeof ORDER_MILESTONES)[number];

const LEAVES_PAYMENT_UNPAID: readonly OrderStatus[] = [OrderStatus.PaymentFailed, OrderStatus.Cancelled];

export function milestonesOf(change: Pick<OrderChange, "previousStatus" | "status">): OrderMilestone[] {
  const milestones: OrderMilestone[] = [];
  if (change.previousStatus === undefined) milestones.push("placed");
  if (change.previousStatus === OrderStatus.PendingPayment && !LEAVES_PAYMENT_UNPAID.includes(change.status)) milestones.push("paid");
  if (change.status === OrderStatus.PaymentFailed) milestones.push("paymentFailed");
  if (change.status === OrderStatus.Completed) milestones.push("completed");
  if (change.status === OrderStatus.Cancelled) milestones.push("cancelled");
  if (change.status === OrderStatus.CancelledByShop) milestones.push("cancelledByShop");
  if (change.status === OrderStatus.Refunded) milestones.push("refunded");
  return milestones;
}

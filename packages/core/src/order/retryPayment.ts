import { z } from "zod";
import type { Caller } from "../access/caller";
import { requireOrderAccess } from "../access/orderAccess";
import { OrderNotModifiableError } from "../errors";
import type { Order } from "./order";
import type { OrderQueue } from "./orderQueue";
import type { OrderRepository } from "./orderRepository";
import { GuestSecretSchema, OrderIdSchema, OrderInputSchema, OrderStatus } from "./rules";
import { validate } from "./validation";

const RetryPaymentSchema = z.object({
  id: OrderIdSchema,
  guestSecret: GuestSecretSchema,
  paymentToken: OrderInputSchema.shape.paymentToken.refine((token) => token !== undefined, { message: "Payment token is required" }),
});

/**
 * "Try another card": the same declined order goes back through the same idempotent payment path
 * — QUEUED again with the new token, then the queue, a workflow execution of its own (named after
 * the attempt) and a charge under the attempt's idempotency key. Its lines and total stay. Only
 * from PAYMENT_FAILED; a retried call while that attempt is still queued sends its message again
 * (the execution name makes a second start a no-op). Its owner or a guest with the secret only.
 */
export async function retryPayment(deps: { orders: OrderRepository; queue: OrderQueue; now?: () => Date }, caller: Caller, rawInput: unknown): Promise<Order> {
  const { id, guestSecret, paymentToken } = validate(RetryPaymentSchema, rawInput);
  const key = { orderId: id };
  const current = requireOrderAccess(caller, "change", id, await deps.orders.get(key), guestSecret);
  const resend = (order: Order) => deps.queue.enqueue({ orderId: order.id, paymentAttempt: order.paymentAttempt }).then(() => order);
  if (current.orderStatus === OrderStatus.Queued && (current.paymentAttempt ?? 1) > 1 && current.paymentToken === paymentToken) return resend(current);
  if (current.orderStatus !== OrderStatus.PaymentFailed) {
    throw new OrderNotModifiableError(`Order ${current.orderNumber ?? id} is ${current.orderStatus}: only a declined order can be paid with another card`);
  }
  const reopened = await deps.orders.reopenForPayment(current, paymentToken!, (deps.now?.() ?? new Date()).toISOString());
  if (!reopened) throw new OrderNotModifiableError(`Order ${current.orderNumber ?? id} changed meanwhile; load it again`);
  return resend(reopened);
}

// The topic's own word that it accepted a notification: every message the operations topic
// accepts is delivered (raw) to a queue subscribed to it, whose consumer records the notification
// as sent on the order — the same record the sender makes once SNS has answered (OrderNotifier),
// so a sender that died in between leaves no notification owed, and a takeover after the claim's
// lease publishes nothing. Only writes: conditional on the message naming the order's due
// notification (its payment attempt) and on none being recorded, so a repeated message, one of an
// earlier attempt or a forged one changes nothing.
import type { OrderRepository } from "../order/orderRepository";
import { isTerminal, type OrderStatus } from "../order/rules";
import { parseNotificationId } from "./orderNotifier";

/** What the subscribed queue's message says (its message attributes, SNS's raw delivery keeps them). */
export interface AcceptedNotification {
  orderId?: string;
  orderStatus?: string;
  notificationId?: string;
  /** When the topic delivered it (the queue message's SentTimestamp). */
  acceptedAt: string;
}

export type AcceptanceOutcome =
  /** Recorded now: no one sends it again. */
  | "recorded"
  /** Nothing changed: recorded before, or the order does not owe this notification (any more). */
  | "notDue"
  /** Not one of the orders' notifications (no or a malformed notificationId, or another order's). */
  | "unrecognised";

export async function recordAcceptedNotification(orders: OrderRepository, message: AcceptedNotification): Promise<AcceptanceOutcome> {
  const named = message.notificationId ? parseNotificationId(message.notificationId) : undefined;
  if (!named || (message.orderId !== undefined && message.orderId !== named.orderId)) return "unrecognised";
  const finished = message.orderStatus !== undefined && isTerminal(message.orderStatus as OrderStatus);
  const recorded = await orders.markNotificationSent({ orderId: named.orderId }, { paymentAttempt: named.paymentAttempt }, message.acceptedAt, finished);
  return recorded ? "recorded" : "notDue";
}

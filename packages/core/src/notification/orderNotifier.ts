// Sends an order's notification once, and never loses it.
//
// SNS cannot deduplicate for e-mail (only FIFO topics deduplicate, and they deliver to no e-mail
// endpoint), so "once" is kept on the order itself:
//   1. the terminal status write marks the notification due (the order stays in the in-flight
//      index with a deadline) and, on the normal path, claims it for the writer;
//   2. the claim is a lease (`holder`, `expiresAt`): while it holds, nobody else publishes;
//   3. the holder publishes; only when SNS has accepted does it record `notificationSentAt`,
//      which ends all further attempts and takes the order out of the index;
//   4. a failed publish gives the claim back and throws, so the workflow retries with backoff.
// A sender that dies at any point leaves a due notification with (at most) a claim that runs
// out: the workflow's retry takes it over after the lease, and the deadline reconciler finds it
// by its deadline if the workflow has given up. What remains is the one window no publisher can
// close without a deduplicating receiver: SNS accepted the message but `notificationSentAt` was
// not recorded — the sender died in between, or SNS's answer was lost (a socket timeout: the SDK
// or the workflow retries the publish), or the record write itself failed — then a second copy
// goes out. Each message carries a deterministic `notificationId` attribute (order id + final
// status) so a subscriber that can deduplicate does.
import { randomUUID } from "node:crypto";
import { PublishCommand, type SNSClient } from "@aws-sdk/client-sns";
import type { NotificationClaim, Order, OrderKey } from "../order/order";
import type { OrderRepository } from "../order/orderRepository";
import { isTerminal } from "../order/rules";
import { composeOrderNotification } from "./orderNotification";

/** Longer than any function that claims runs (workflow tasks 10 s, reconciler 30 s): a live holder never loses its claim. */
export const NOTIFICATION_CLAIM_LEASE_SECONDS = 60;

export type DeliveryOutcome =
  /** This call published it. */
  | "sent"
  /** It had been sent before. */
  | "alreadySent"
  /** The order owes no notification (e.g. the customer cancelled it). */
  | "notDue"
  /** Another sender holds a live claim. */
  | "claimedElsewhere";

export function newNotificationClaim(now: Date): NotificationClaim {
  return { holder: randomUUID(), expiresAt: new Date(now.getTime() + NOTIFICATION_CLAIM_LEASE_SECONDS * 1000).toISOString() };
}

/** A deterministic id per notification: the same order ending the same way is the same message. */
export function notificationIdOf(order: Pick<Order, "id" | "orderStatus">): string {
  return `${order.id}:${order.orderStatus}`;
}

export class OrderNotifier {
  constructor(
    private readonly sns: SNSClient,
    private readonly topicArn: string,
    private readonly orders: OrderRepository,
  ) {}

  /**
   * Delivers the order's due notification. `claimed`: the caller's status write already claimed
   * it (one write instead of two) and returned the order as written.
   */
  async deliver(key: OrderKey, now: Date, claimed?: { order: Order; claim: NotificationClaim }): Promise<DeliveryOutcome> {
    const claim = claimed?.claim ?? newNotificationClaim(now);
    const order = claimed?.order ?? (await this.orders.claimNotification(key, claim, now.toISOString()));
    if (!order) {
      const current = await this.orders.get(key);
      if (!current?.notificationDue) return current?.notificationSentAt ? "alreadySent" : "notDue";
      return current.notificationSentAt ? "alreadySent" : "claimedElsewhere";
    }
    try {
      await this.publish(order);
    } catch (error) {
      // Best effort: if this fails too, the claim simply runs out.
      await this.orders.releaseNotification(key, claim.holder).catch(() => undefined);
      throw error;
    }
    // False only if the claim ran out before SNS answered and someone else took it; SNS has the
    // message either way, so this call did send it.
    await this.orders.markNotificationSent(key, claim.holder, now.toISOString(), isTerminal(order.orderStatus));
    return "sent";
  }

  private async publish(order: Order): Promise<void> {
    const notification = composeOrderNotification(order);
    await this.sns.send(
      new PublishCommand({
        TopicArn: this.topicArn,
        Subject: notification.subject.slice(0, 100),
        Message: notification.message,
        MessageAttributes: {
          orderId: { DataType: "String", StringValue: notification.attributes.orderId },
          orderStatus: { DataType: "String", StringValue: notification.attributes.orderStatus },
          notificationId: { DataType: "String", StringValue: notificationIdOf(order) },
        },
      }),
    );
  }
}

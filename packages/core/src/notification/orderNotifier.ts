// Sends an order's notification at most once even when the workflow step is retried: a
// conditional claim on the order precedes the publish, and a failed publish gives the claim back.
import { PublishCommand, type SNSClient } from "@aws-sdk/client-sns";
import type { Order } from "../order/order";
import type { OrderRepository } from "../order/orderRepository";
import { composeOrderNotification } from "./orderNotification";

export class OrderNotifier {
  constructor(
    private readonly sns: SNSClient,
    private readonly topicArn: string,
    private readonly orders: OrderRepository,
  ) {}

  /**
   * True when this call sent the notification, false when it had been sent already.
   * `claimed`: the caller's own status change already claimed it (one write instead of two).
   */
  async notifyOnce(order: Order, at: string, options: { claimed?: boolean } = {}): Promise<boolean> {
    const key = { orderId: order.id };
    if (!options.claimed && !(await this.orders.claimNotification(key, at))) return false;
    const notification = composeOrderNotification(order);
    try {
      await this.sns.send(
        new PublishCommand({
          TopicArn: this.topicArn,
          Subject: notification.subject.slice(0, 100),
          Message: notification.message,
          MessageAttributes: {
            orderId: { DataType: "String", StringValue: notification.attributes.orderId },
            orderStatus: { DataType: "String", StringValue: notification.attributes.orderStatus },
          },
        }),
      );
    } catch (error) {
      await this.orders.releaseNotification(key);
      throw error;
    }
    return true;
  }
}

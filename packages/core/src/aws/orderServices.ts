// Builds the order services from configuration: each function asks only for what it uses, so it
// needs only that configuration and those permissions.
import { readConfig, readOrderDeadlines, readPaymentSuccessRate } from "../config";
import { readCustomerEmailSettings } from "../email/customerEmailContent";
import { CustomerEmailDeliveries } from "../email/customerEmailDeliveries";
import { CustomerEmailSender } from "../email/customerEmailSender";
import { mailProviderFromConfig, readMailConfig } from "../email/mailProvider";
import { OrderNotifier } from "../notification/orderNotifier";
import { OrderQueue } from "../order/orderQueue";
import { OrderRepository } from "../order/orderRepository";
import { ReceiptStore } from "../receipt/receiptStore";
import { OrderWorkflowStarter } from "../workflow/orderWorkflowStarter";
import { getDocumentClient, getS3Client, getSfnClient, getSnsClient, getSqsClient } from "./clients";

export function orderRepositoryFromEnv(): OrderRepository {
  return new OrderRepository(getDocumentClient(), readConfig(["ORDERS_TABLE_NAME"]).ORDERS_TABLE_NAME, readOrderDeadlines().deadlines);
}

export function orderQueueFromEnv(): OrderQueue {
  return new OrderQueue(getSqsClient(), readConfig(["ORDERS_QUEUE_URL"]).ORDERS_QUEUE_URL);
}

export function orderWorkflowStarterFromEnv(): OrderWorkflowStarter {
  return new OrderWorkflowStarter(getSfnClient(), readConfig(["ORDER_WORKFLOW_ARN"]).ORDER_WORKFLOW_ARN);
}

export function orderNotifierFromEnv(orders: OrderRepository): OrderNotifier {
  return new OrderNotifier(getSnsClient(), readConfig(["ORDER_NOTIFICATIONS_TOPIC_ARN"]).ORDER_NOTIFICATIONS_TOPIC_ARN, orders);
}

export function paymentOptionsFromEnv(): { successRate: number } {
  return { successRate: readPaymentSuccessRate() };
}

export function receiptStoreFromEnv(): ReceiptStore {
  return new ReceiptStore(getS3Client(), readConfig(["RECEIPTS_BUCKET_NAME"]).RECEIPTS_BUCKET_NAME);
}

export function customerEmailDeliveriesFromEnv(): CustomerEmailDeliveries {
  return new CustomerEmailDeliveries(getDocumentClient(), readConfig(["ORDERS_TABLE_NAME"]).ORDERS_TABLE_NAME);
}

/** The customer e-mail sender: the orders table (claims) and the mail transport CUSTOMER_EMAIL_TRANSPORT names. */
export function customerEmailSenderFromEnv(): CustomerEmailSender {
  const deliveries = customerEmailDeliveriesFromEnv();
  return new CustomerEmailSender({
    deliveries,
    provider: mailProviderFromConfig(readMailConfig(), deliveries),
    content: readCustomerEmailSettings(),
  });
}

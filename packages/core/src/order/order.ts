import type { PizzaSize } from "../menu/menu";
import type { OrderStatus } from "./rules";

export interface OrderStatusChange {
  status: OrderStatus;
  at: string;
}

export interface PaymentRecord {
  outcome: "SUCCEEDED" | "DECLINED";
  amountCents: number;
  /** Simulated processor reference, stable for the order (idempotency key = order id). */
  reference: string;
  declineReason?: string;
  at: string;
}

/** An order as stored and as returned by the API (the API adds `total`). */
export interface Order {
  /** The owning account (a Cognito `sub`); absent on a guest order until a signed-in customer claims it. */
  customerId?: string;
  /** Set while the order is in its customer's history (the byCustomer index); see tableDesign.ts. */
  historyCustomerId?: string;
  /** SHA-256 of a guest order's secret; removed when the order is claimed. */
  guestSecretHash?: string;
  id: string;
  name: string;
  quantity: number;
  restaurantId: string;
  size: PizzaSize;
  toppings: string[];
  customerEmail?: string;
  /** A signed-in customer's verified account address at placement: where their e-mails go (see recipientOf). */
  accountEmail?: string;
  paymentToken?: string;
  orderStatus: OrderStatus;
  totalCents: number;
  currency: string;
  failureReason?: string;
  createdAt: string;
  updatedAt: string;
  statusHistory: OrderStatusChange[];
  payment?: PaymentRecord;
  /** Bumped on every customer change; the payment is taken only against the version it priced. */
  version: number;
  /** Present while the order waits for something; puts it in the in-flight index (see deadlines.ts). */
  inFlight?: string;
  /** When the deadline reconciler finishes the order if nothing else has. */
  deadlineAt?: string;
  /** The order is finished and its customer is owed one notification. */
  notificationDue?: boolean;
  /** Who is sending the notification right now, and until when the claim holds (see OrderNotifier). */
  notificationClaim?: NotificationClaim;
  /** When the notification was accepted by the topic: it is never sent again. */
  notificationSentAt?: string;
  /** The customer e-mails of this order's events, by status-history index (see CustomerEmailSender). */
  customerEmails?: Record<string, CustomerEmailDelivery>;
}

/** One customer e-mail's delivery: who claimed the send until when, and when it was sent (or the provider accepted it). */
export interface CustomerEmailDelivery {
  holder?: string;
  expiresAt?: string;
  sentAt?: string;
  /** When the mail provider reported it accepted the message (SES's Send event), recorded by its listener. */
  acceptedAt?: string;
}

export interface NotificationClaim {
  holder: string;
  expiresAt: string;
}

/** The key that identifies an order everywhere: table, queue message, workflow input. */
export interface OrderKey {
  orderId: string;
}

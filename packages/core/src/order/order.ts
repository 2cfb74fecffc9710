import type { PizzaSize } from "../menu/menu";
import type { PricedLine } from "../menu/pricing";
import type { DeliveryAddress, Fulfilment, OrderStatus } from "./rules";

/** Who made a status change besides people: the payment workflow, the deadline reconciler, the customer. */
export const ChangedBy = { System: "system", Reconciler: "reconciler", Customer: "customer" } as const;

export interface OrderStatusChange {
  status: OrderStatus;
  at: string;
  /** A ChangedBy value or a staff member's user id; absent on entries written before it was recorded. */
  by?: string;
  reason?: string;
}

/** The refund of a paid order the shop cancelled: recorded once (the simulated provider's reference). */
export interface RefundRecord {
  amountCents: number;
  reference: string;
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
  /** The first line's pizza (the original tutorial's one-pizza view of the order). */
  name: string;
  /** Pizzas in all lines together. */
  quantity: number;
  restaurantId: string;
  /** The first line's size and toppings. */
  size: PizzaSize;
  toppings: string[];
  /** What was ordered, priced by the server. Absent only on orders stored before carts existed (see orderView). */
  lines?: PricedLine[];
  fulfilment?: Fulfilment;
  deliveryAddress?: DeliveryAddress;
  subtotalCents?: number;
  deliveryFeeCents?: number;
  /** "#042": the restaurant's number for the order on its local day. */
  orderNumber?: string;
  /** When the customer should have it (pickup: ready; delivery: at the door); re-quoted at each kitchen stage. */
  eta?: string;
  /** Set while the order is on its restaurant's kitchen screen (the kitchen index; see tableDesign.ts). */
  kitchenRestaurantId?: string;
  refund?: RefundRecord;
  customerEmail?: string;
  paymentToken?: string;
  orderStatus: OrderStatus;
  totalCents: number;
  currency: string;
  failureReason?: string;
  createdAt: string;
  updatedAt: string;
  statusHistory: OrderStatusChange[];
  payment?: PaymentRecord;
  /** The payment attempt under way (absent: the first); another card after a decline is the next. */
  paymentAttempt?: number;
  /** Earlier attempts' declines, oldest first. */
  declinedPayments?: PaymentRecord[];
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
}

export interface NotificationClaim {
  holder: string;
  expiresAt: string;
}

/** The key that identifies an order everywhere: table, queue message, workflow input. */
export interface OrderKey {
  orderId: string;
}

// One committed change of an order, as the change source (DynamoDB Streams in the cloud, the local
// change feed) hands it to its listeners. Plain data: every listener (the AppSync publisher, later
// the event bus) takes the same object.
import type { PizzaSize } from "../menu/menu";
import type { Order } from "../order/order";
import type { OrderStatus } from "../order/rules";

export interface OrderChange {
  orderId: string;
  /** The owning account; undefined for a guest order. */
  customerId?: string;
  restaurantId: string;
  orderStatus: OrderStatus;
  /** Grows with every committed change of this order. */
  sequence: number;
  /** Unique per change (e.g. the stream record's sequence number): lets consumers drop a redelivery. */
  changeId: string;
  /** When the change was committed. */
  at: string;
  failureReason?: string;
  name: string;
  quantity: number;
  size: PizzaSize;
  toppings: readonly string[];
  totalCents: number;
  currency: string;
  /** SHA-256 (base64url) of a guest order's secret, as stored; undefined once an account owns the order. */
  guestSecretHash?: string;
}

/** Anything that reacts to committed order changes; the change source calls each listener once per change, in order per order. */
export interface OrderChangeListener {
  onOrderChange(change: OrderChange): Promise<void>;
}

/**
 * The position of the order's latest change: every status change adds to its history and every
 * customer change bumps its version, so the sum grows with each committed change.
 */
export function changeSequenceOf(order: Pick<Order, "statusHistory" | "version">): number {
  return order.statusHistory.length + order.version;
}

/** The change an order as written represents (what a stream's new image gives). */
export function orderChangeOf(order: Order & { guestSecretHash?: string }, changeId: string): OrderChange {
  return {
    orderId: order.id,
    customerId: order.customerId,
    restaurantId: order.restaurantId,
    orderStatus: order.orderStatus,
    sequence: changeSequenceOf(order),
    changeId,
    at: order.updatedAt,
    failureReason: order.failureReason,
    name: order.name,
    quantity: order.quantity,
    size: order.size,
    toppings: order.toppings,
    totalCents: order.totalCents,
    currency: order.currency,
    guestSecretHash: order.guestSecretHash,
  };
}

// What a screen receives for one order change: the schema's OrderUpdate. The guest tracking key is
// the stored hash of the guest secret, published only while no account owns the order (see
// mayWatchOrderUpdates in access/orderAccess.ts for why a guest proves the order with it).
import type { OrderChange } from "./orderChange";

export interface OrderUpdate {
  orderId: string;
  customerId: string | null;
  restaurantId: string;
  orderStatus: string;
  /** The status-history index of this change: grows with each change of the order (a screen ignores an older one). */
  sequence: number;
  changeId: string;
  at: string;
  failureReason: string | null;
  name: string;
  quantity: number;
  size: string;
  toppings: string[];
  totalCents: number;
  currency: string;
  guestTrackingKey: string | null;
}

export function orderUpdateOf(change: OrderChange): OrderUpdate {
  const { order } = change;
  return {
    orderId: change.orderId,
    customerId: change.customerId ?? null,
    restaurantId: change.restaurantId,
    orderStatus: change.status,
    sequence: change.sequence,
    changeId: change.changeId,
    at: change.entry.at,
    failureReason: order.failureReason ?? null,
    name: order.name,
    quantity: order.quantity,
    size: order.size,
    toppings: [...order.toppings],
    totalCents: order.totalCents,
    currency: order.currency,
    guestTrackingKey: change.guestSecretHash ?? null,
  };
}

/**
 * The publish mutation. Its selection set is what AppSync hands subscribers and filters on, so it
 * names every OrderUpdate field, the filtered ones (orderId, customerId, restaurantId,
 * guestTrackingKey) included.
 */
export const PUBLISH_ORDER_UPDATE_MUTATION = `mutation PublishOrderUpdate($update: OrderUpdateInput!) {
  publishOrderUpdate(update: $update) {
    orderId customerId restaurantId orderStatus sequence changeId at failureReason
    name quantity size toppings totalCents currency guestTrackingKey
  }
}`;

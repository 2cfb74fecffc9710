// What a screen receives for one order change: the schema's OrderUpdate. The guest tracking key is
// the stored hash of the guest secret, published only while no account owns the order (see
// access/orderUpdateWatch.ts for why a guest proves the order with it).
import type { OrderChange } from "./orderChange";

export interface OrderUpdate {
  orderId: string;
  customerId: string | null;
  restaurantId: string;
  orderStatus: string;
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
  return {
    orderId: change.orderId,
    customerId: change.customerId ?? null,
    restaurantId: change.restaurantId,
    orderStatus: change.orderStatus,
    sequence: change.sequence,
    changeId: change.changeId,
    at: change.at,
    failureReason: change.failureReason ?? null,
    name: change.name,
    quantity: change.quantity,
    size: change.size,
    toppings: [...change.toppings],
    totalCents: change.totalCents,
    currency: change.currency,
    guestTrackingKey: change.customerId === undefined ? (change.guestSecretHash ?? null) : null,
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

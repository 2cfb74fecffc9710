// The ETA: when the customer should have the order, from the kitchen's real queue and capacity —
// quoted at checkout, stored on the order and re-quoted at every kitchen stage. Never a timer that
// advances by itself: it moves only when the kitchen does.
import { Fulfilment, OrderStatus } from "../order/rules";
import type { KitchenCapacity } from "./restaurantSettings";

export interface EtaRequest {
  capacity: KitchenCapacity;
  fulfilment: Fulfilment;
  /** The order's stage; anything before the kitchen (checkout, payment) is quoted as RECEIVED. */
  stage: OrderStatus;
  /** Pizzas in this order. */
  pizzas: number;
  /** Pizzas paid and not yet ready that were ordered before this one (the queue ahead). */
  pizzasAhead: number;
  now: Date;
}

const MINUTE = 60_000;

/**
 * Minutes until the customer has it. Waiting for the kitchen: the order's pizzas go in after the
 * ones ahead, `pizzasPerSlot` per slot, so it waits for the slots before its last pizza's, then
 * takes the make time. Being prepared: the make time; in the oven: the bake (half of it); ready:
 * now. A delivery adds the drive, except once on its way (then the drive is what is left).
 */
export function etaMinutes(request: Omit<EtaRequest, "now">): number | undefined {
  const { capacity, fulfilment, stage, pizzas, pizzasAhead } = request;
  const drive = fulfilment === Fulfilment.Delivery ? capacity.deliveryMinutes : 0;
  switch (stage) {
    case OrderStatus.Queued:
    case OrderStatus.PendingPayment:
    case OrderStatus.Received: {
      const slotsBefore = Math.ceil((pizzasAhead + pizzas) / capacity.pizzasPerSlot) - 1;
      return slotsBefore * capacity.slotMinutes + capacity.makeMinutes + drive;
    }
    case OrderStatus.Preparing: {
      const extraSlots = Math.ceil(pizzas / capacity.pizzasPerSlot) - 1;
      return extraSlots * capacity.slotMinutes + capacity.makeMinutes + drive;
    }
    case OrderStatus.Baking:
      return Math.ceil(capacity.makeMinutes / 2) + drive;
    case OrderStatus.Ready:
      return drive;
    case OrderStatus.OutForDelivery:
      return capacity.deliveryMinutes;
    default:
      // Ended (or cancelled): nothing to wait for.
      return undefined;
  }
}

/** The ETA as a time, or undefined once the order has nothing left to wait for. */
export function quoteEta(request: EtaRequest): string | undefined {
  const minutes = etaMinutes(request);
  return minutes === undefined ? undefined : new Date(request.now.getTime() + minutes * MINUTE).toISOString();
}

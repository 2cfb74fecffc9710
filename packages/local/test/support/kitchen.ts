// The cook's side of a local test: moves a paid order through its kitchen as the restaurant's
// staff would on the kitchen display — one advanceOrder call per stage through the local API.
import { type Fulfilment, nextKitchenStage, type OrderStatus } from "@pizza-orders/core/order/rules";
import { expect } from "vitest";
import type { SignedInCustomer } from "./customers";
import { graphql } from "./graphqlClient";

const ADVANCE_ORDER = "mutation ($id: String!, $to: OrderStatus!) { advanceOrder(id: $id, to: $to) { orderStatus fulfilment } }";

interface KitchenPosition {
  orderStatus: OrderStatus;
  fulfilment: Fulfilment;
}

/** Advances a paid order (RECEIVED or a later kitchen stage) stage by stage, as `cook`, until it is COMPLETED. */
export async function completeInKitchen(graphqlUrl: string, cook: SignedInCustomer, orderId: string, from: KitchenPosition): Promise<void> {
  for (let at = from, to = nextKitchenStage(at.fulfilment, at.orderStatus); to; to = nextKitchenStage(at.fulfilment, at.orderStatus)) {
    const moved = await graphql<{ advanceOrder: KitchenPosition }>(graphqlUrl, ADVANCE_ORDER, { id: orderId, to }, { token: cook.idToken });
    expect(moved.body.errors, `advanceOrder ${orderId} → ${to}`).toBeUndefined();
    at = moved.body.data!.advanceOrder;
  }
}

// The kitchen display's operations: here, in the staff code, so the customer pages never load them.
import { graphql } from "../gql";

export const KitchenOrderFieldsFragment = graphql(`
  fragment KitchenOrderFields on Order {
    id
    orderNumber
    restaurantId
    orderStatus
    fulfilment
    createdAt
    updatedAt
    eta
    failureReason
    lines {
      pizza
      size
      toppings
      quantity
    }
    deliveryAddress {
      street
      city
      postalCode
      instructions
    }
    statusHistory {
      status
      at
      by
      reason
    }
  }
`);

export const KitchenOrdersQuery = graphql(`
  query KitchenOrders($restaurantId: String!) {
    kitchenOrders(restaurantId: $restaurantId) {
      ...KitchenOrderFields
    }
  }
`);

export const KitchenRestaurantFieldsFragment = graphql(`
  fragment KitchenRestaurantFields on Restaurant {
    id
    name
    acceptingOrders
    openNow
    closedReason
    pizzasInQueue
    pickupEtaMinutes
    deliveryEtaMinutes
    capacity {
      makeMinutes
      pizzasPerSlot
      slotMinutes
      maxPizzasInQueue
      deliveryMinutes
    }
  }
`);

export const KitchenRestaurantQuery = graphql(`
  query KitchenRestaurant($id: String!) {
    restaurant(id: $id) {
      ...KitchenRestaurantFields
    }
  }
`);

export const AdvanceOrderMutation = graphql(`
  mutation AdvanceOrder($id: String!, $to: OrderStatus!) {
    advanceOrder(id: $id, to: $to) {
      ...KitchenOrderFields
    }
  }
`);

export const CancelOrderByShopMutation = graphql(`
  mutation CancelOrderByShop($id: String!, $reason: String!) {
    cancelOrderByShop(id: $id, reason: $reason) {
      ...KitchenOrderFields
    }
  }
`);

export const UpdateRestaurantSettingsMutation = graphql(`
  mutation UpdateRestaurantSettings($input: RestaurantSettingsInput!) {
    updateRestaurantSettings(input: $input) {
      ...KitchenRestaurantFields
    }
  }
`);

export const RestaurantOrderUpdatesSubscription = graphql(`
  subscription OnRestaurantOrderUpdates($restaurantId: String!) {
    onRestaurantOrderUpdates(restaurantId: $restaurantId) {
      ...OrderUpdateFields
    }
  }
`);

// Every GraphQL operation the app sends. Types come from GraphQL Code Generator (src/gql, generated
// from graphql/schema.graphql), so a schema change that breaks an operation breaks the build.
import { graphql } from "../gql";

export const OrderFieldsFragment = graphql(`
  fragment OrderFields on Order {
    id
    name
    quantity
    restaurantId
    size
    toppings
    customerEmail
    orderStatus
    totalCents
    total
    currency
    failureReason
    createdAt
    updatedAt
    statusHistory {
      status
      at
    }
  }
`);

export const MenuQuery = graphql(`
  query Menu {
    menu {
      currency
      pizzas {
        name
        description
        basePriceCents
      }
      sizes {
        size
        label
        pricePercent
      }
      toppings {
        name
        priceCents
      }
      restaurants {
        id
        name
      }
      limits {
        minQuantity
        maxQuantity
        maxToppings
      }
    }
  }
`);

export const TrackOrderQuery = graphql(`
  query TrackOrder($id: ID!) {
    order(id: $id) {
      ...OrderFields
    }
  }
`);

export const MyOrdersQuery = graphql(`
  query MyOrders($limit: Int, $nextToken: String) {
    orders(limit: $limit, nextToken: $nextToken) {
      items {
        ...OrderFields
      }
      nextToken
    }
  }
`);

export const PlaceOrderMutation = graphql(`
  mutation PlaceOrder($input: OrderInput!) {
    postOrder(input: $input) {
      ...OrderFields
    }
  }
`);

export const UpdateOrderMutation = graphql(`
  mutation UpdateOrder($input: UpdateOrderInput!) {
    updateOrder(input: $input) {
      ...OrderFields
    }
  }
`);

export const DeleteOrderMutation = graphql(`
  mutation DeleteOrder($id: ID!) {
    deleteOrder(id: $id) {
      ...OrderFields
    }
  }
`);

export const OrderUpdatesSubscription = graphql(`
  subscription OnOrderUpdate($orderId: String!, $guestTrackingKey: String) {
    onOrderUpdate(orderId: $orderId, guestTrackingKey: $guestTrackingKey) {
      orderId
      orderStatus
      sequence
      at
      failureReason
    }
  }
`);

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
  query TrackOrder($id: String!, $guestSecret: String) {
    order(id: $id, guestSecret: $guestSecret) {
      ...OrderFields
    }
  }
`);

/** The order's receipt link (presigned, short-lived): null until the receipt is written, and for anyone who may not have it. */
export const OrderReceiptQuery = graphql(`
  query OrderReceipt($id: String!, $guestSecret: String) {
    order(id: $id, guestSecret: $guestSecret) {
      id
      receiptUrl
    }
  }
`);

export const MyOrdersQuery = graphql(`
  query MyOrders($limit: Int, $nextToken: String) {
    myOrders(limit: $limit, nextToken: $nextToken) {
      items {
        ...OrderFields
      }
      nextToken
    }
  }
`);

export const MeQuery = graphql(`
  query Me {
    me {
      customerId
      email
      staffOf
    }
  }
`);

export const PlaceOrderMutation = graphql(`
  mutation PlaceOrder($input: OrderInput!) {
    postOrder(input: $input) {
      ...OrderFields
      guestSecret
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

export const CancelOrderMutation = graphql(`
  mutation CancelOrder($id: String!, $guestSecret: String) {
    cancelOrder(id: $id, guestSecret: $guestSecret) {
      ...OrderFields
    }
  }
`);

/** Removes a finished order from the signed-in customer's history (the shop keeps its record). */
export const DeleteOrderMutation = graphql(`
  mutation DeleteOrder($id: String!) {
    deleteOrder(id: $id)
  }
`);

export const ClaimGuestOrdersMutation = graphql(`
  mutation ClaimGuestOrders($claims: [GuestOrderClaim!]!) {
    claimGuestOrders(claims: $claims) {
      id
      claimed
      reason
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

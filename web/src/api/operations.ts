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
      by
      reason
    }
    orderNumber
    fulfilment
    eta
    subtotalCents
    deliveryFeeCents
    lines {
      pizza
      size
      toppings
      quantity
      unitPriceCents
      lineTotalCents
    }
    deliveryAddress {
      street
      city
      postalCode
      instructions
    }
    refund {
      amountCents
      reference
      at
    }
  }
`);

/** A restaurant's state as a customer sees it at checkout: open or why not, and the ETA quoted now. */
export const RestaurantAtCheckoutQuery = graphql(`
  query RestaurantAtCheckout($id: String!) {
    restaurant(id: $id) {
      id
      openNow
      closedReason
      pickupEtaMinutes
      deliveryEtaMinutes
    }
  }
`);

/** "Order again": a new order with the same lines, re-priced. */
export const OrderAgainMutation = graphql(`
  mutation OrderAgain($id: String!, $guestSecret: String, $paymentToken: String, $clientToken: String) {
    orderAgain(id: $id, guestSecret: $guestSecret, paymentToken: $paymentToken, clientToken: $clientToken) {
      ...OrderFields
      guestSecret
    }
  }
`);

/** "Try another card": the same declined order, paid again with another token. */
export const RetryPaymentMutation = graphql(`
  mutation RetryPayment($id: String!, $paymentToken: String!, $guestSecret: String) {
    retryPayment(id: $id, paymentToken: $paymentToken, guestSecret: $guestSecret) {
      ...OrderFields
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

/** What every live update carries (the order, customer and restaurant subscriptions alike). */
export const OrderUpdateFieldsFragment = graphql(`
  fragment OrderUpdateFields on OrderUpdate {
    orderId
    orderStatus
    sequence
    at
    failureReason
    eta
    changedBy
  }
`);

export const OrderUpdatesSubscription = graphql(`
  subscription OnOrderUpdate($orderId: String!, $guestTrackingKey: String) {
    onOrderUpdate(orderId: $orderId, guestTrackingKey: $guestTrackingKey) {
      ...OrderUpdateFields
    }
  }
`);

/** Every change of the signed-in customer's orders ("My orders"). */
export const CustomerOrderUpdatesSubscription = graphql(`
  subscription OnCustomerOrderUpdates($customerId: String!) {
    onCustomerOrderUpdates(customerId: $customerId) {
      ...OrderUpdateFields
    }
  }
`);

export const PickupBoardQuery = graphql(`
  query PickupBoard($restaurantId: String!) {
    pickupBoard(restaurantId: $restaurantId) {
      restaurantId
      preparing
      ready
    }
  }
`);

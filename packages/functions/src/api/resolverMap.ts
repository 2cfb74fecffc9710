// Which handler resolves which GraphQL field. The AppSync stack wires these as Lambda resolvers
// (behind graphql/lambdaResolver.js, see resolverError.ts) and the local AppSync stand-in invokes
// the same handlers the same way, so the two cannot drift. One function per field.
export const API_RESOLVERS = [
  { typeName: "Query", fieldName: "menu", handler: "api/menu" },
  { typeName: "Query", fieldName: "order", handler: "api/order" },
  { typeName: "Query", fieldName: "orders", handler: "api/orders" },
  { typeName: "Query", fieldName: "myOrders", handler: "api/myOrders" },
  { typeName: "Query", fieldName: "me", handler: "api/me" },
  { typeName: "Query", fieldName: "restaurant", handler: "api/restaurant" },
  { typeName: "Query", fieldName: "kitchenOrders", handler: "api/kitchenOrders" },
  { typeName: "Query", fieldName: "pickupBoard", handler: "api/pickupBoard" },
  { typeName: "Mutation", fieldName: "postOrder", handler: "api/postOrder" },
  { typeName: "Mutation", fieldName: "updateOrder", handler: "api/updateOrder" },
  { typeName: "Mutation", fieldName: "cancelOrder", handler: "api/cancelOrder" },
  { typeName: "Mutation", fieldName: "deleteOrder", handler: "api/deleteOrder" },
  { typeName: "Mutation", fieldName: "claimGuestOrders", handler: "api/claimGuestOrders" },
  { typeName: "Mutation", fieldName: "advanceOrder", handler: "api/advanceOrder" },
  { typeName: "Mutation", fieldName: "cancelOrderByShop", handler: "api/cancelOrderByShop" },
  { typeName: "Mutation", fieldName: "updateRestaurantSettings", handler: "api/updateRestaurantSettings" },
  { typeName: "Mutation", fieldName: "orderAgain", handler: "api/orderAgain" },
  { typeName: "Mutation", fieldName: "retryPayment", handler: "api/retryPayment" },
  // Run when a subscription starts (authorisation); publishOrderUpdate has no function (NONE data source).
  { typeName: "Subscription", fieldName: "onOrderUpdate", handler: "api/onOrderUpdate" },
  { typeName: "Subscription", fieldName: "onCustomerOrderUpdates", handler: "api/onCustomerOrderUpdates" },
  { typeName: "Subscription", fieldName: "onRestaurantOrderUpdates", handler: "api/onRestaurantOrderUpdates" },
] as const;

export type ApiResolver = (typeof API_RESOLVERS)[number];

// Which handler resolves which GraphQL field. The AppSync stack wires these as Lambda resolvers
// (behind graphql/lambdaResolver.js, see resolverError.ts) and the local AppSync stand-in invokes
// the same handlers the same way, so the two cannot drift. One function per field.
export const API_RESOLVERS = [
  { typeName: "Query", fieldName: "menu", handler: "api/menu" },
  { typeName: "Query", fieldName: "order", handler: "api/order" },
  { typeName: "Query", fieldName: "orders", handler: "api/orders" },
  { typeName: "Query", fieldName: "myOrders", handler: "api/myOrders" },
  { typeName: "Query", fieldName: "me", handler: "api/me" },
  { typeName: "Mutation", fieldName: "postOrder", handler: "api/postOrder" },
  { typeName: "Mutation", fieldName: "updateOrder", handler: "api/updateOrder" },
  { typeName: "Mutation", fieldName: "cancelOrder", handler: "api/cancelOrder" },
  { typeName: "Mutation", fieldName: "deleteOrder", handler: "api/deleteOrder" },
  { typeName: "Mutation", fieldName: "claimGuestOrders", handler: "api/claimGuestOrders" },
] as const;

export type ApiResolver = (typeof API_RESOLVERS)[number];

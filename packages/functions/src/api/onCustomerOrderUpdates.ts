// Subscription.onCustomerOrderUpdates: its own function (so only the order channel may read the table), the shared subscribe-time check.
export { handler } from "./orderUpdateSubscription";

export * from "./errors";
export * from "./order/rules";
export type { Order, OrderKey, PaymentRecord, OrderStatusChange } from "./order/order";

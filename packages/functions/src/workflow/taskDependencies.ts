import { orderNotifierFromEnv, orderRepositoryFromEnv, paymentOptionsFromEnv } from "@pizza-orders/core/aws/orderServices";

/** The order repository every task uses, created once per function instance. */
export const orders = orderRepositoryFromEnv();

export const notifyingDependencies = () => ({ orders, notifier: orderNotifierFromEnv(orders) });

export const paymentDependencies = () => ({ orders, payment: paymentOptionsFromEnv() });

// One order's DynamoDB work, run through the core's own use cases (the code the handlers call):
// placeOrder, then the three workflow tasks of a paid order. Queue and topic calls answer
// locally, so what is timed and counted is the DynamoDB work alone.
import { OrderNotifier } from "@pizza-orders/core/notification/orderNotifier";
import { OrderQueue } from "@pizza-orders/core/order/orderQueue";
import { OrderRepository } from "@pizza-orders/core/order/orderRepository";
import { placeOrder } from "@pizza-orders/core/order/placeOrder";
import { OrderStatus } from "@pizza-orders/core/order/rules";
import { completeOrder, initializeOrder, processPayment } from "@pizza-orders/core/workflow/orderTasks";
import { BENCH_CUSTOMER, BENCH_ORDER_INPUT } from "../benchOrder";
import { answeringSnsClient, answeringSqsClient, type CommandCounter, countingDynamoClient } from "./countingClients";

/** The handler each step stands for (packages/functions/src/<handler>.ts). */
export const ORDER_STEPS = [
  { step: "placeOrder", handler: "api/postOrder" },
  { step: "initializeOrder", handler: "workflow/initializeOrder" },
  { step: "processPayment", handler: "workflow/processPayment" },
  { step: "completeOrder", handler: "workflow/completeOrder" },
] as const;
export type OrderStep = (typeof ORDER_STEPS)[number]["step"];

export interface OrderDynamoWork {
  /** Runs one order from placement to the end of its payment path (paid: RECEIVED, handed to its kitchen) and returns its table key; `onStep` hears how long each step took. */
  runOne(onStep?: (step: OrderStep, ms: number) => void): Promise<{ orderId: string }>;
}

async function timed<T>(step: OrderStep, onStep: ((step: OrderStep, ms: number) => void) | undefined, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await work();
  onStep?.(step, performance.now() - started);
  return result;
}

export function orderDynamoWork(endpoint: string, tableName: string, counter?: CommandCounter): OrderDynamoWork {
  const { documentClient } = countingDynamoClient(endpoint, counter);
  const orders = new OrderRepository(documentClient, tableName);
  const queue = new OrderQueue(answeringSqsClient(counter), "https://sqs.us-east-1.amazonaws.com/000000000000/bench");
  const notifier = new OrderNotifier(answeringSnsClient(counter), "arn:aws:sns:us-east-1:000000000000:bench", orders);
  return {
    async runOne(onStep) {
      const { order } = await timed("placeOrder", onStep, () => placeOrder({ orders, queue }, BENCH_CUSTOMER, BENCH_ORDER_INPUT));
      let state = await timed("initializeOrder", onStep, () => initializeOrder({ orders }, { orderId: order.id }));
      state = await timed("processPayment", onStep, () => processPayment({ orders, payment: { successRate: 1 } }, state));
      state = await timed("completeOrder", onStep, () => completeOrder({ orders, notifier }, state));
      if (state.orderStatus !== OrderStatus.Received) throw new Error(`bench order ended ${state.orderStatus}`);
      return { orderId: order.id };
    },
  };
}

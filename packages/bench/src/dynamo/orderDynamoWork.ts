// One order's DynamoDB work, run through the core's own use cases (the code the handlers call):
// placeOrder, the three workflow tasks of a paid order, then its kitchen stages as the
// restaurant's staff moves it on (advanceOrder per stage, pickup). Queue and topic calls answer
// locally, so what is timed and counted is the DynamoDB work alone.

import type { StaffCaller } from "@pizza-orders/core/access/caller";
import { advanceOrder } from "@pizza-orders/core/kitchen/kitchenStages";
import { OrderNotifier } from "@pizza-orders/core/notification/orderNotifier";
import { OrderQueue } from "@pizza-orders/core/order/orderQueue";
import { OrderRepository } from "@pizza-orders/core/order/orderRepository";
import { placeOrder } from "@pizza-orders/core/order/placeOrder";
import { Fulfilment, nextKitchenStage, OrderStatus } from "@pizza-orders/core/order/rules";
import { completeOrder, initializeOrder, processPayment } from "@pizza-orders/core/workflow/orderTasks";
import { BENCH_CUSTOMER, BENCH_ORDER_INPUT } from "../benchOrder";
import { answeringSnsClient, answeringSqsClient, type CommandCounter, countingDynamoClient } from "./countingClients";

/** The handler each step stands for (packages/functions/src/<handler>.ts). */
export const ORDER_STEPS = [
  { step: "placeOrder", handler: "api/postOrder" },
  { step: "initializeOrder", handler: "workflow/initializeOrder" },
  { step: "processPayment", handler: "workflow/processPayment" },
  { step: "completeOrder", handler: "workflow/completeOrder" },
  // Once per kitchen stage after RECEIVED (the staff's kitchen display; not the payment path).
  { step: "advanceOrder", handler: "api/advanceOrder" },
] as const;
export type OrderStep = (typeof ORDER_STEPS)[number]["step"];
/** The steps of the payment path (postOrder and the workflow), which the pipeline runs. */
export const PAYMENT_PATH_STEPS: readonly OrderStep[] = ["placeOrder", "initializeOrder", "processPayment", "completeOrder"];

/** The bench restaurant's cook (a staff member of the order's restaurant). */
const BENCH_COOK: StaffCaller = { kind: "staff", customerId: "bench-cook", restaurantIds: [BENCH_ORDER_INPUT.restaurantId] };

export interface OrderDynamoWork {
  /**
   * Runs one order from placement through its payment path (paid: RECEIVED, handed to its kitchen)
   * and its kitchen to COMPLETED, and returns its table key; `onStep` hears how long each step took.
   * The kitchen is part of the run because a kitchen that is never cooked fills: admission reads
   * the kitchen's queue (a growing Query) and refuses orders once it is full (kitchenCook.ts).
   */
  runOne(onStep?: (step: OrderStep, ms: number) => void, onHandedToKitchen?: (key: { orderId: string }) => Promise<void>): Promise<{ orderId: string }>;
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
    async runOne(onStep, onHandedToKitchen) {
      const { order } = await timed("placeOrder", onStep, () => placeOrder({ orders, queue }, BENCH_CUSTOMER, BENCH_ORDER_INPUT));
      let state = await timed("initializeOrder", onStep, () => initializeOrder({ orders }, { orderId: order.id }));
      state = await timed("processPayment", onStep, () => processPayment({ orders, payment: { successRate: 1 } }, state));
      state = await timed("completeOrder", onStep, () => completeOrder({ orders, notifier }, state));
      if (state.orderStatus !== OrderStatus.Received) throw new Error(`bench order's payment path ended ${state.orderStatus}`);
      await onHandedToKitchen?.({ orderId: order.id });
      const fulfilment = order.fulfilment ?? Fulfilment.Pickup;
      let status: OrderStatus = state.orderStatus;
      for (let to = nextKitchenStage(fulfilment, status); to; to = nextKitchenStage(fulfilment, status)) {
        const stage = to;
        status = (await timed("advanceOrder", onStep, () => advanceOrder({ orders }, BENCH_COOK, { id: order.id, to: stage }))).orderStatus;
      }
      if (status !== OrderStatus.Completed) throw new Error(`bench order's kitchen ended ${status}`);
      return { orderId: order.id };
    },
  };
}

// One order's DynamoDB work, run through the core's own use cases (the code the handlers call):
// placeOrder, then the three workflow tasks of a paid order. Queue and topic calls answer
// locally, so what is timed and counted is the DynamoDB work alone.
import { OrderNotifier } from "@pizza-orders/core/notification/orderNotifier";
import { OrderQueue } from "@pizza-orders/core/order/orderQueue";
import { OrderRepository } from "@pizza-orders/core/order/orderRepository";
import { placeOrder } from "@pizza-orders/core/order/placeOrder";
import { completeOrder, initializeOrder, processPayment } from "@pizza-orders/core/workflow/orderTasks";
import { BENCH_CUSTOMER_ID, BENCH_ORDER_INPUT } from "../benchOrder";
import { answeringSnsClient, answeringSqsClient, type CommandCounter, countingDynamoClient } from "./countingClients";

export interface OrderDynamoWork {
  /** Runs one order from placement to COMPLETED; resolves with its final status. */
  runOne(): Promise<string>;
  repository: OrderRepository;
}

export function orderDynamoWork(endpoint: string, tableName: string, counter?: CommandCounter): OrderDynamoWork {
  const { documentClient } = countingDynamoClient(endpoint, counter);
  const orders = new OrderRepository(documentClient, tableName);
  const queue = new OrderQueue(answeringSqsClient(counter), "https://sqs.us-east-1.amazonaws.com/000000000000/bench");
  const notifier = new OrderNotifier(answeringSnsClient(counter), "arn:aws:sns:us-east-1:000000000000:bench", orders);
  return {
    repository: orders,
    async runOne() {
      const order = await placeOrder({ orders, queue }, BENCH_CUSTOMER_ID, BENCH_ORDER_INPUT);
      let state = await initializeOrder({ orders }, { customerId: order.customerId, orderId: order.id });
      state = await processPayment({ orders, payment: { successRate: 1 } }, state);
      state = await completeOrder({ orders, notifier }, state);
      if (state.orderStatus !== "COMPLETED") throw new Error(`bench order ended ${state.orderStatus}`);
      return state.orderStatus;
    },
  };
}

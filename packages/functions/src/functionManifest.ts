// Every Lambda function the app deploys, one entry each: its handler, what triggers it, its
// timeout and exactly what it may touch. The stacks deploy each entry from here (function, trigger
// wiring, IAM statements, environment), the local shop runs the same entries the same way, and the
// bench measures their bundles — so adding a function is adding an entry (a new kind of trigger
// also needs its wiring in a stack and in packages/local once).
//
// Kept free of runtime imports: the queue consumer's bundle reads its trigger's maxReceiveCount.
import type { OrderWorkflowTask } from "@pizza-orders/core/workflow/orderWorkflowDefinition";

/** A GraphQL field resolved by the function (behind graphql/lambdaResolver.js); a Subscription field's runs when a subscription starts. */
export interface GraphqlFieldTrigger {
  kind: "graphqlField";
  typeName: "Query" | "Mutation" | "Subscription";
  fieldName: string;
}

/** The orders queue's event source mapping (partial batch failures reported). */
export interface OrdersQueueTrigger {
  kind: "ordersQueue";
  /** Records per invocation. */
  batchSize: number;
  /** Receives before a message moves to the dead-letter queue. The queue's visibility timeout is 6 × the function's timeout (AWS guidance). */
  maxReceiveCount: number;
}

/** A Task state of the order workflow (its FunctionName is this function's ARN). */
export interface WorkflowTaskTrigger {
  kind: "workflowTask";
  task: OrderWorkflowTask;
}

/** The orders table's DynamoDB stream (NEW_AND_OLD_IMAGES), failed batches described in an SQS dead-letter queue. */
export interface OrdersTableStreamTrigger {
  kind: "ordersTableStream";
  batchSize: number;
  /** Retries of a failing batch before it goes to the on-failure destination (bisected halves retry on their own). */
  retryAttempts: number;
  /** Older records are not delivered but sent to the on-failure destination (the stream keeps 24 h). */
  maxRecordAgeSeconds: number;
  /** Split a failing batch in two and retry the halves, so one bad record cannot hold up its neighbours for long. */
  bisectBatchOnError: boolean;
  /** Where the mapping starts reading when it is created. */
  startingPosition: "TRIM_HORIZON" | "LATEST";
}

/** A fixed rate: EventBridge Scheduler in the cloud, a timer in the local shop. */
export interface ScheduleTrigger {
  kind: "schedule";
  rateMinutes: number;
}

export type FunctionTrigger = GraphqlFieldTrigger | OrdersQueueTrigger | WorkflowTaskTrigger | OrdersTableStreamTrigger | ScheduleTrigger;

export type OrdersTableItemAction = "dynamodb:GetItem" | "dynamodb:PutItem" | "dynamodb:UpdateItem" | "dynamodb:DeleteItem";

/**
 * Exactly the calls the handler makes, per resource. The stacks grant these actions on that
 * resource alone and give the function the variables that name it (the table: ORDERS_TABLE_NAME
 * and ORDER_DEADLINE_SECONDS; the queue: ORDERS_QUEUE_URL; the workflow: ORDER_WORKFLOW_ARN; the
 * topic: ORDER_NOTIFICATIONS_TOPIC_ARN; the API: ORDERS_API_URL). What a trigger needs (reading a
 * queue or a stream, being invoked) comes with the trigger.
 */
export interface FunctionAccess {
  /** Item actions on the orders table, by key. */
  ordersTable?: readonly OrdersTableItemAction[];
  /** Queries on the orders table's indexes, by index name (packages/core/src/order/tableDesign.ts). */
  ordersTableIndexes?: {
    readonly byCustomer?: readonly ["dynamodb:Query"];
    readonly inFlightByDeadline?: readonly ["dynamodb:Query"];
    readonly kitchenByRestaurant?: readonly ["dynamodb:Query"];
  };
  ordersQueue?: readonly ["sqs:SendMessage"];
  orderWorkflow?: readonly ["states:StartExecution"];
  orderNotifications?: readonly ["sns:Publish"];
  /** The IAM-only publishOrderUpdate mutation, and nothing else on the API. */
  orderUpdates?: readonly ["appsync:GraphQL"];
}

/** Deploy-time settings a function reads besides the resources it reaches (stacks/stageConfig.ts). */
export type FunctionSetting = "PAYMENT_SUCCESS_RATE";

export interface AppFunction {
  /** Unique; the local shop's function name (AWS_LAMBDA_FUNCTION_NAME there). */
  name: string;
  /** Module under packages/functions/src exporting `handler` (see handlerPath). */
  handler: string;
  trigger: FunctionTrigger;
  timeoutSeconds: number;
  access: FunctionAccess;
  settings?: readonly FunctionSetting[];
}

/** Lambda timeouts in seconds. AppSync gives up on a resolver after 30 s anyway. */
const API_RESOLVER_TIMEOUT_SECONDS = 10;
const WORKFLOW_TASK_TIMEOUT_SECONDS = 10;

const READ: FunctionAccess = { ordersTable: ["dynamodb:GetItem"] };
/** A conditional change of one order, after reading it. */
const READ_AND_UPDATE: FunctionAccess = { ordersTable: ["dynamodb:GetItem", "dynamodb:UpdateItem"] };
const CUSTOMER_HISTORY: FunctionAccess = { ordersTableIndexes: { byCustomer: ["dynamodb:Query"] } };
/** A restaurant's orders in its kitchen: its screens, the capacity check and the ETA's queue. */
const KITCHEN_QUEUE = { kitchenByRestaurant: ["dynamodb:Query"] } as const;
/** Placing an order: GetItem reads a retried checkout attempt; PutItem the order; UpdateItem the day's order-number counter; DeleteItem undoes the order write when the enqueue fails. */
const PLACE_ORDER: FunctionAccess = {
  ordersTable: ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:DeleteItem", "dynamodb:UpdateItem"],
  ordersTableIndexes: KITCHEN_QUEUE,
  ordersQueue: ["sqs:SendMessage"],
};

const resolver = (typeName: GraphqlFieldTrigger["typeName"], fieldName: string, access: FunctionAccess = {}): AppFunction => ({
  name: `${typeName}-${fieldName}`,
  handler: `api/${fieldName}`,
  trigger: { kind: "graphqlField", typeName, fieldName },
  timeoutSeconds: API_RESOLVER_TIMEOUT_SECONDS,
  access,
});

const workflowTask = (task: OrderWorkflowTask, handler: string, access: FunctionAccess, settings?: readonly FunctionSetting[]): AppFunction => ({
  name: task,
  handler,
  trigger: { kind: "workflowTask", task },
  timeoutSeconds: WORKFLOW_TASK_TIMEOUT_SECONDS,
  access,
  ...(settings ? { settings } : {}),
});

export const APP_FUNCTIONS: readonly AppFunction[] = [
  // The API: one function per field. No customer-facing function may delete an order.
  resolver("Query", "menu"),
  resolver("Query", "order", READ),
  resolver("Query", "orders", CUSTOMER_HISTORY),
  resolver("Query", "myOrders", CUSTOMER_HISTORY),
  resolver("Query", "me"),
  // GetItem: a call with a client token reads its checkout attempt and the order it placed (a retry).
  // DeleteItem undoes the order write when the enqueue fails (conditional on QUEUED), so no order is stranded.
  // UpdateItem: the restaurant's order-number counter; the kitchen index: closed/full and the ETA.
  resolver("Mutation", "postOrder", PLACE_ORDER),
  resolver("Mutation", "updateOrder", READ_AND_UPDATE),
  resolver("Mutation", "cancelOrder", READ_AND_UPDATE),
  resolver("Mutation", "deleteOrder", READ_AND_UPDATE),
  resolver("Mutation", "claimGuestOrders", READ_AND_UPDATE),
  // The kitchen (issue 10): a restaurant's settings are an item read by key; its orders a Query on the kitchen index.
  resolver("Query", "restaurant", { ...READ, ordersTableIndexes: KITCHEN_QUEUE }),
  resolver("Query", "kitchenOrders", { ordersTableIndexes: KITCHEN_QUEUE }),
  resolver("Query", "pickupBoard", { ordersTableIndexes: KITCHEN_QUEUE }),
  resolver("Mutation", "advanceOrder", READ_AND_UPDATE),
  resolver("Mutation", "cancelOrderByShop", READ_AND_UPDATE),
  resolver("Mutation", "updateRestaurantSettings", { ...READ_AND_UPDATE, ordersTableIndexes: KITCHEN_QUEUE }),
  resolver("Mutation", "orderAgain", PLACE_ORDER),
  resolver("Mutation", "retryPayment", { ...READ_AND_UPDATE, ordersQueue: ["sqs:SendMessage"] }),
  // Run when a subscription starts, to authorise it: the order channel reads the watched order.
  // (publishOrderUpdate has no function: a NONE data source, see api/noneResolvers.ts.)
  resolver("Subscription", "onOrderUpdate", READ),
  resolver("Subscription", "onCustomerOrderUpdates"),
  resolver("Subscription", "onRestaurantOrderUpdates"),

  {
    name: "StartOrderWorkflow",
    handler: "queue/startOrderWorkflow",
    trigger: { kind: "ordersQueue", batchSize: 5, maxReceiveCount: 4 },
    timeoutSeconds: 30,
    access: { orderWorkflow: ["states:StartExecution"] },
  },

  workflowTask("InitializeOrder", "workflow/initializeOrder", READ_AND_UPDATE),
  workflowTask("ProcessPayment", "workflow/processPayment", READ_AND_UPDATE, ["PAYMENT_SUCCESS_RATE"]),
  // The finishing steps hand a paid order to its kitchen, quoting its ETA from the kitchen index.
  workflowTask("CompleteOrder", "workflow/completeOrder", { ...READ_AND_UPDATE, ordersTableIndexes: KITCHEN_QUEUE, orderNotifications: ["sns:Publish"] }),
  workflowTask("CancelFailedOrder", "workflow/cancelFailedOrder", { ...READ_AND_UPDATE, ordersTableIndexes: KITCHEN_QUEUE, orderNotifications: ["sns:Publish"] }),

  {
    name: "OrderChanges",
    handler: "stream/orderChanges",
    trigger: {
      kind: "ordersTableStream",
      batchSize: 25,
      retryAttempts: 5,
      maxRecordAgeSeconds: 6 * 60 * 60,
      bisectBatchOnError: true,
      startingPosition: "TRIM_HORIZON",
    },
    timeoutSeconds: 30,
    access: { orderUpdates: ["appsync:GraphQL"] },
  },

  {
    name: "ReconcileOrders",
    handler: "schedule/reconcileOrders",
    // Every minute; the deadlines it enforces are 20 minutes (core deadlines.ts).
    trigger: { kind: "schedule", rateMinutes: 1 },
    // Below the notification claim's 60 s lease (OrderNotifier), so a live reconciler never loses a claim.
    timeoutSeconds: 30,
    // The kitchen index: a paid order it hands to the kitchen gets its ETA from the queue.
    access: { ...READ_AND_UPDATE, ordersTableIndexes: { inFlightByDeadline: ["dynamodb:Query"], ...KITCHEN_QUEUE }, orderNotifications: ["sns:Publish"] },
  },
];

export type TriggerKind = FunctionTrigger["kind"];
export type AppFunctionTriggeredBy<Kind extends TriggerKind> = AppFunction & { trigger: Extract<FunctionTrigger, { kind: Kind }> };

/** The functions with this kind of trigger, in manifest order. */
export function functionsTriggeredBy<Kind extends TriggerKind>(kind: Kind): AppFunctionTriggeredBy<Kind>[] {
  return APP_FUNCTIONS.filter((fn): fn is AppFunctionTriggeredBy<Kind> => fn.trigger.kind === kind);
}

/** The one function with this kind of trigger (the queue consumer, the stream consumer, the reconciler). */
export function theFunctionTriggeredBy<Kind extends TriggerKind>(kind: Kind): AppFunctionTriggeredBy<Kind> {
  const [only, ...more] = functionsTriggeredBy(kind);
  if (!only || more.length > 0) throw new Error(`Expected exactly one function triggered by ${kind}, found ${more.length + (only ? 1 : 0)}`);
  return only;
}

/** The function resolving a GraphQL field. */
export function resolverOf(typeName: GraphqlFieldTrigger["typeName"], fieldName: string): AppFunctionTriggeredBy<"graphqlField"> {
  const found = functionsTriggeredBy("graphqlField").find((fn) => fn.trigger.typeName === typeName && fn.trigger.fieldName === fieldName);
  if (!found) throw new Error(`No function resolves ${typeName}.${fieldName}`);
  return found;
}

/** The function running a Task state of the order workflow. */
export function workflowTaskFunction(task: OrderWorkflowTask): AppFunctionTriggeredBy<"workflowTask"> {
  const found = functionsTriggeredBy("workflowTask").find((fn) => fn.trigger.task === task);
  if (!found) throw new Error(`No function runs the workflow task ${task}`);
  return found;
}

/** Path of a handler module relative to the repository root, as SST's `handler` option wants it. */
export function handlerPath(handler: string): string {
  return `packages/functions/src/${handler}.handler`;
}

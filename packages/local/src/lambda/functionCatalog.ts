// Every function of the app, built from the same maps the stack wires (resolverMap, taskMap),
// so the local shop runs exactly the handlers the cloud runs.
import { API_RESOLVERS } from "@pizza-orders/functions/api/resolverMap";
import { ORDER_QUEUE_CONSUMER_HANDLER, WORKFLOW_TASK_HANDLERS } from "@pizza-orders/functions/workflow/taskMap";
import type { OrderWorkflowTask } from "@pizza-orders/core/workflow/orderWorkflowDefinition";
import { FUNCTION_TIMEOUT_SECONDS } from "@pizza-orders/functions/functionSettings";
import { ORDERS_QUEUE_SETTINGS } from "@pizza-orders/functions/queue/ordersQueueSettings";
import { ORDER_CHANGES_HANDLER, ORDER_CHANGES_STREAM_SETTINGS } from "@pizza-orders/functions/stream/orderChangesSettings";
import { type LambdaHandler, LocalFunction } from "./localFunction";

/** Loads `packages/functions/src/<handlerModule>.ts` through the package's exports map. */
function loadFunctionModule(handlerModule: string): () => Promise<{ handler: LambdaHandler }> {
  return () => import(`@pizza-orders/functions/${handlerModule}`) as Promise<{ handler: LambdaHandler }>;
}

export interface FunctionCatalog {
  /** "Query.order" → function */
  resolvers: Map<string, LocalFunction>;
  /** Workflow task state name → function (the state's FunctionName is this function's ARN). */
  workflowTasks: Map<OrderWorkflowTask, LocalFunction>;
  queueConsumer: LocalFunction;
  /** The orders table's stream consumer. */
  orderChangesConsumer: LocalFunction;
  byNameOrArn(nameOrArn: string): LocalFunction | undefined;
}

export function resolverKey(typeName: string, fieldName: string): string {
  return `${typeName}.${fieldName}`;
}

export function createFunctionCatalog(): FunctionCatalog {
  const resolvers = new Map(
    API_RESOLVERS.map((resolver) => [
      resolverKey(resolver.typeName, resolver.fieldName),
      new LocalFunction({ name: `${resolver.typeName}-${resolver.fieldName}`, load: loadFunctionModule(resolver.handler), timeoutSeconds: FUNCTION_TIMEOUT_SECONDS.apiResolver }),
    ]),
  );
  const workflowTasks = new Map(
    (Object.entries(WORKFLOW_TASK_HANDLERS) as Array<[OrderWorkflowTask, string]>).map(([task, handlerModule]) => [
      task,
      new LocalFunction({ name: task, load: loadFunctionModule(handlerModule), timeoutSeconds: FUNCTION_TIMEOUT_SECONDS.workflowTask }),
    ]),
  );
  const queueConsumer = new LocalFunction({ name: "StartOrderWorkflow", load: loadFunctionModule(ORDER_QUEUE_CONSUMER_HANDLER), timeoutSeconds: ORDERS_QUEUE_SETTINGS.consumerTimeoutSeconds });
  const orderChangesConsumer = new LocalFunction({ name: "OrderChanges", load: loadFunctionModule(ORDER_CHANGES_HANDLER), timeoutSeconds: ORDER_CHANGES_STREAM_SETTINGS.consumerTimeoutSeconds });
  const all = [...resolvers.values(), ...workflowTasks.values(), queueConsumer, orderChangesConsumer];
  return {
    resolvers,
    workflowTasks,
    queueConsumer,
    orderChangesConsumer,
    byNameOrArn: (nameOrArn) => all.find((fn) => fn.name === nameOrArn || fn.arn === nameOrArn || nameOrArn.startsWith(`${fn.arn}:`)),
  };
}

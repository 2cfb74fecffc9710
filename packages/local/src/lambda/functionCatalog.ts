// Every function of the app, built from the same maps the stack wires (resolverMap, taskMap),
// so the local shop runs exactly the handlers the cloud runs: each bundled as SST bundles it and
// run on Lambda-like instances (worker threads, one event at a time each).
import { join } from "node:path";
import type { OrderWorkflowTask } from "@pizza-orders/core/workflow/orderWorkflowDefinition";
import { API_RESOLVERS } from "@pizza-orders/functions/api/resolverMap";
import { ORDER_EVENT_TARGETS } from "@pizza-orders/functions/events/eventTargets";
import { FUNCTION_TIMEOUT_SECONDS } from "@pizza-orders/functions/functionSettings";
import { ORDERS_QUEUE_SETTINGS } from "@pizza-orders/functions/queue/ordersQueueSettings";
import { ORDER_CHANGES_HANDLER, ORDER_CHANGES_STREAM_SETTINGS } from "@pizza-orders/functions/stream/orderChangesSettings";
import { ORDER_QUEUE_CONSUMER_HANDLER, RECONCILER_HANDLER, WORKFLOW_TASK_HANDLERS } from "@pizza-orders/functions/workflow/taskMap";
import { REPOSITORY_ROOT } from "../localShopSettings";
import { buildFunctionBundles } from "./functionBundles";
import { WorkerInstance } from "./functionInstance";
import { FUNCTION_MEMORY_MB } from "./invocationContext";
import { LocalFunction } from "./localFunction";

export interface FunctionCatalog {
  /** "Query.order" → function */
  resolvers: Map<string, LocalFunction>;
  /** Workflow task state name → function (the state's FunctionName is this function's ARN). */
  workflowTasks: Map<OrderWorkflowTask, LocalFunction>;
  queueConsumer: LocalFunction;
  /** The orders table's stream consumer. */
  orderChangesConsumer: LocalFunction;
  /** The deadline reconciler, run by the local schedule. */
  reconciler: LocalFunction;
  /** Each order events bus rule's target, by rule name. */
  eventTargets: Map<string, LocalFunction>;
  byNameOrArn(nameOrArn: string): LocalFunction | undefined;
  /** Stops every instance of every function. */
  shutdown(): Promise<void>;
}

export interface FunctionCatalogOptions {
  /** Where the bundles are written (rebuilt at every start). */
  buildDir: string;
  /** The environment every function gets (the stack sets the same variables). */
  environment: Record<string, string>;
  /** Instances per function at most (a reserved concurrency). */
  maxInstances: number;
  /** A line a function logged (its CloudWatch log stream, locally). */
  onLog: (functionName: string, line: string) => void;
}

export function resolverKey(typeName: string, fieldName: string): string {
  return `${typeName}.${fieldName}`;
}

interface FunctionSpec {
  name: string;
  handlerModule: string;
  timeoutSeconds: number;
}

export async function createFunctionCatalog(options: FunctionCatalogOptions): Promise<FunctionCatalog> {
  const resolverSpecs = API_RESOLVERS.map((resolver) => ({
    key: resolverKey(resolver.typeName, resolver.fieldName),
    spec: { name: `${resolver.typeName}-${resolver.fieldName}`, handlerModule: resolver.handler, timeoutSeconds: FUNCTION_TIMEOUT_SECONDS.apiResolver },
  }));
  const taskSpecs = (Object.entries(WORKFLOW_TASK_HANDLERS) as Array<[OrderWorkflowTask, string]>).map(([task, handlerModule]) => ({
    task,
    spec: { name: task, handlerModule, timeoutSeconds: FUNCTION_TIMEOUT_SECONDS.workflowTask },
  }));
  const consumerSpec: FunctionSpec = {
    name: "StartOrderWorkflow",
    handlerModule: ORDER_QUEUE_CONSUMER_HANDLER,
    timeoutSeconds: ORDERS_QUEUE_SETTINGS.consumerTimeoutSeconds,
  };
  const orderChangesSpec: FunctionSpec = {
    name: "OrderChanges",
    handlerModule: ORDER_CHANGES_HANDLER,
    timeoutSeconds: ORDER_CHANGES_STREAM_SETTINGS.consumerTimeoutSeconds,
  };
  const reconcilerSpec: FunctionSpec = { name: "ReconcileOrders", handlerModule: RECONCILER_HANDLER, timeoutSeconds: FUNCTION_TIMEOUT_SECONDS.reconciler };
  const eventTargetSpecs = ORDER_EVENT_TARGETS.map((target) => ({
    rule: target.rule.name,
    spec: { name: `${target.rule.name}Target`, handlerModule: target.handler, timeoutSeconds: target.timeoutSeconds },
  }));
  const specs = [
    ...resolverSpecs.map(({ spec }) => spec),
    ...taskSpecs.map(({ spec }) => spec),
    consumerSpec,
    orderChangesSpec,
    reconcilerSpec,
    ...eventTargetSpecs.map(({ spec }) => spec),
  ];

  const modules = [...new Set(specs.map((spec) => spec.handlerModule))];
  const bundles = await buildFunctionBundles(
    Object.fromEntries(modules.map((module) => [module, join(REPOSITORY_ROOT, "packages/functions/src", `${module}.ts`)])),
    options.buildDir,
  );
  const functionFor = (spec: FunctionSpec) =>
    new LocalFunction({
      name: spec.name,
      timeoutSeconds: spec.timeoutSeconds,
      maxInstances: options.maxInstances,
      newInstance: () =>
        WorkerInstance.start({
          runtimeUrl: bundles.runtimeUrl,
          handlerUrl: bundles.handlerUrls.get(spec.handlerModule)!,
          environment: {
            ...options.environment,
            // What the Lambda runtime sets that handlers and Powertools read.
            AWS_LAMBDA_FUNCTION_NAME: spec.name,
            AWS_LAMBDA_FUNCTION_VERSION: "$LATEST",
            AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(FUNCTION_MEMORY_MB),
            AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${spec.name}`,
          },
          onLog: (line) => options.onLog(spec.name, line),
        }),
    });

  const resolvers = new Map(resolverSpecs.map(({ key, spec }) => [key, functionFor(spec)]));
  const workflowTasks = new Map(taskSpecs.map(({ task, spec }) => [task, functionFor(spec)]));
  const queueConsumer = functionFor(consumerSpec);
  const orderChangesConsumer = functionFor(orderChangesSpec);
  const reconciler = functionFor(reconcilerSpec);
  const eventTargets = new Map(eventTargetSpecs.map(({ rule, spec }) => [rule, functionFor(spec)]));
  const all = [...resolvers.values(), ...workflowTasks.values(), queueConsumer, orderChangesConsumer, reconciler, ...eventTargets.values()];
  return {
    resolvers,
    workflowTasks,
    queueConsumer,
    orderChangesConsumer,
    reconciler,
    eventTargets,
    byNameOrArn: (nameOrArn) => all.find((fn) => fn.name === nameOrArn || fn.arn === nameOrArn || nameOrArn.startsWith(`${fn.arn}:`)),
    shutdown: async () => {
      await Promise.all(all.map((fn) => fn.shutdown()));
    },
  };
}

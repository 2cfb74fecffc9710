// Every function of the app, from the function manifest the stacks deploy, so the local shop runs
// exactly the handlers the cloud runs, with their timeouts and triggers: each bundled as SST
// bundles it and run on Lambda-like instances (worker threads, one event at a time each).
import { join } from "node:path";
import type { OrderWorkflowTask } from "@pizza-orders/core/workflow/orderWorkflowDefinition";
import { APP_FUNCTIONS, type AppFunction, functionsTriggeredBy, theFunctionTriggeredBy } from "@pizza-orders/functions/functionManifest";
import { REPOSITORY_ROOT } from "../localShopSettings";
import { buildFunctionBundles, type HandlerBundler } from "./functionBundles";
import { WorkerInstance } from "./functionInstance";
import { FUNCTION_MEMORY_MB } from "./invocationContext";
import { LocalFunction } from "./localFunction";

export interface FunctionCatalog {
  /** "Query.order" → function */
  resolvers: Map<string, LocalFunction>;
  /** Workflow task state name → function (the state's FunctionName is this function's ARN). */
  workflowTasks: Map<OrderWorkflowTask, LocalFunction>;
  queueConsumer: LocalFunction;
  /** The consumer of the queue subscribed to the notifications topic. */
  notificationAcceptanceRecorder: LocalFunction;
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
  /** Bundles the handlers instead of the shared build (the instance runtime is still built here). */
  bundleHandlers?: HandlerBundler;
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

export async function createFunctionCatalog(options: FunctionCatalogOptions): Promise<FunctionCatalog> {
  const modules = [...new Set(APP_FUNCTIONS.map((entry) => entry.handler))];
  const sources = Object.fromEntries(modules.map((module) => [module, join(REPOSITORY_ROOT, "packages/functions/src", `${module}.ts`)]));
  const bundles = options.bundleHandlers
    ? { runtimeUrl: (await buildFunctionBundles({}, options.buildDir)).runtimeUrl, handlerUrls: await options.bundleHandlers(sources) }
    : await buildFunctionBundles(sources, options.buildDir);
  const functionFor = (entry: AppFunction) =>
    new LocalFunction({
      name: entry.name,
      timeoutSeconds: entry.timeoutSeconds,
      maxInstances: options.maxInstances,
      newInstance: () =>
        WorkerInstance.start({
          runtimeUrl: bundles.runtimeUrl,
          handlerUrl: bundles.handlerUrls.get(entry.handler)!,
          environment: {
            ...options.environment,
            // What the Lambda runtime sets that handlers and Powertools read.
            AWS_LAMBDA_FUNCTION_NAME: entry.name,
            AWS_LAMBDA_FUNCTION_VERSION: "$LATEST",
            AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(FUNCTION_MEMORY_MB),
            AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${entry.name}`,
          },
          onLog: (line) => options.onLog(entry.name, line),
        }),
    });

  const functions = new Map(APP_FUNCTIONS.map((entry) => [entry, functionFor(entry)]));
  const resolvers = new Map(
    functionsTriggeredBy("graphqlField").map((entry) => [resolverKey(entry.trigger.typeName, entry.trigger.fieldName), functions.get(entry)!]),
  );
  const workflowTasks = new Map(functionsTriggeredBy("workflowTask").map((entry) => [entry.trigger.task, functions.get(entry)!]));
  const queueConsumer = functions.get(theFunctionTriggeredBy("ordersQueue"))!;
  const notificationAcceptanceRecorder = functions.get(theFunctionTriggeredBy("orderNotificationsQueue"))!;
  const orderChangesConsumer = functions.get(theFunctionTriggeredBy("ordersTableStream"))!;
  const reconciler = functions.get(theFunctionTriggeredBy("schedule"))!;
  // The order events bus's targets (the default bus's, SES's, have no local stand-in: see the e-mail sender).
  const eventTargets = new Map(
    functionsTriggeredBy("eventRule")
      .filter((entry) => entry.trigger.bus === "orderEvents")
      .map((entry) => [entry.trigger.rule, functions.get(entry)!]),
  );
  const all = [...functions.values()];
  return {
    resolvers,
    workflowTasks,
    queueConsumer,
    notificationAcceptanceRecorder,
    orderChangesConsumer,
    reconciler,
    eventTargets,
    byNameOrArn: (nameOrArn) => all.find((fn) => fn.name === nameOrArn || fn.arn === nameOrArn || nameOrArn.startsWith(`${fn.arn}:`)),
    shutdown: async () => {
      await Promise.all(all.map((fn) => fn.shutdown()));
    },
  };
}

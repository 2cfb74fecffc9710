// The order workflow's ASL definition is a JSON file (order-workflow.asl.json) with ${...}
// placeholders. The stack hands it to Step Functions with definitionSubstitutions; the local
// runtime substitutes local ARNs and executes the same text.
// Read as text rather than imported: SST v2 bundles with esbuild 0.18, which cannot parse JSON
// import attributes, and the deployed definition must be the file's exact content anyway.
import { readFileSync } from "node:fs";

export const ORDER_WORKFLOW_TASKS = ["InitializeOrder", "ProcessPayment", "CompleteOrder", "CancelFailedOrder"] as const;
export type OrderWorkflowTask = (typeof ORDER_WORKFLOW_TASKS)[number];

export type OrderWorkflowSubstitutions = Record<`${OrderWorkflowTask}FunctionArn`, string>;

/** The substitutions for a deployment: each task's function ARN (the tasks alone touch the table). */
export function orderWorkflowSubstitutions(functionArnOf: (task: OrderWorkflowTask) => string): OrderWorkflowSubstitutions {
  return Object.fromEntries(ORDER_WORKFLOW_TASKS.map((task) => [`${task}FunctionArn`, functionArnOf(task)])) as OrderWorkflowSubstitutions;
}

export const ORDER_WORKFLOW_ASL_PATH = new URL("./order-workflow.asl.json", import.meta.url);

export function orderWorkflowDefinitionText(): string {
  return readFileSync(ORDER_WORKFLOW_ASL_PATH, "utf8");
}

/** The definition with every ${Name} replaced; fails if a placeholder has no value. */
export function renderOrderWorkflowDefinition(substitutions: OrderWorkflowSubstitutions): string {
  const values = substitutions as unknown as Record<string, string>;
  return orderWorkflowDefinitionText().replace(/\$\{(\w+)\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`No substitution for \${${name}} in the order workflow`);
    return value;
  });
}

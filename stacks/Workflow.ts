// The order workflow: one Lambda per Task state (its function manifest entry) and a Standard state
// machine deployed from the ASL file in the core, the same text the local runtime executes.
import { readFileSync } from "node:fs";
import path from "node:path";
import { Function as SstFunction, use, type StackContext } from "sst/constructs";
import { useProject } from "sst/project.js";
import { DefinitionBody, LogLevel, StateMachine, StateMachineType } from "aws-cdk-lib/aws-stepfunctions";
import { ORDER_WORKFLOW_TASKS, orderWorkflowSubstitutions, type OrderWorkflowTask } from "../packages/core/src/workflow/orderWorkflowDefinition";
import { workflowTaskFunction } from "../packages/functions/src/functionManifest";
import { appFunctionProps } from "./appFunctionProps";
import { Notifications } from "./Notifications";
import { Storage } from "./Storage";
import { allow } from "./permissions";
import { stageLogGroup } from "./logGroups";
import { stageConfig } from "./stageConfig";
import { suppressLambdaBaselineFindings, suppressStateMachineBaselineFindings } from "./nagSuppressions";

// The core's orderWorkflowDefinitionText() finds the file relative to its own module URL, which
// `sst build`/`sst deploy` break: SST bundles sst.config.ts and everything it imports into one
// file at the project root, so import.meta.url names that bundle. The stacks therefore locate the
// file from the project root. The stack tests compare the deployed definition with the core's
// text, so this path cannot silently point elsewhere.
const ORDER_WORKFLOW_ASL_FILE = "packages/core/src/workflow/order-workflow.asl.json";

export function Workflow({ stack, app }: StackContext) {
  const config = stageConfig(stack.stage);
  const { ordersTable } = use(Storage);
  const { orderNotifications } = use(Notifications);

  const taskFunction = (task: OrderWorkflowTask): SstFunction => {
    const fn = new SstFunction(
      stack,
      `${task}Function`,
      appFunctionProps(workflowTaskFunction(task), { stack, config, logGroupId: `${task}FunctionLogs`, resources: { ordersTable, orderNotifications } }),
    );
    suppressLambdaBaselineFindings(fn);
    return fn;
  };

  const taskFunctions = new Map(ORDER_WORKFLOW_TASKS.map((task) => [task, taskFunction(task)]));
  const definitionSubstitutions = orderWorkflowSubstitutions((task) => taskFunctions.get(task)!.functionArn);

  // fromString rather than fromFile: fromFile uploads the file as an S3 asset, which hides the
  // definition from the synthesized template (and from the stack tests that check it).
  const definitionText = readFileSync(path.join(useProject().paths.root, ORDER_WORKFLOW_ASL_FILE), "utf8");

  const orderWorkflow = new StateMachine(stack, "OrderWorkflow", {
    stateMachineType: StateMachineType.STANDARD,
    definitionBody: DefinitionBody.fromString(definitionText),
    definitionSubstitutions: { ...definitionSubstitutions },
    tracingEnabled: true,
    logs: {
      // /aws/vendedlogs/ keeps Step Functions from growing the account's log resource policy.
      destination: stageLogGroup(stack, "OrderWorkflowLogs", config, `/aws/vendedlogs/states/${app.logicalPrefixedName("OrderWorkflow")}`),
      level: LogLevel.ALL,
      includeExecutionData: true,
    },
  });
  // The definition is a string, so CDK cannot infer what it calls: grant exactly that.
  orderWorkflow.addToRolePolicy(allow(["lambda:InvokeFunction"], [...taskFunctions.values()].map((fn) => fn.functionArn)));
  suppressStateMachineBaselineFindings(orderWorkflow);

  stack.addOutputs({ OrderWorkflowArn: orderWorkflow.stateMachineArn });
  return { orderWorkflow };
}

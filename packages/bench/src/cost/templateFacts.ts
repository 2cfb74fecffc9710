// What the synthesized CloudFormation templates (offline `sst build`: stacks/synth.ts) say about
// the deployed app's cost drivers: function memory and architecture, the workflow definition and
// type and logging, the queue consumer's batch size, AppSync's X-Ray tracing.
import { execFile } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { handlerPath } from "@pizza-orders/functions/functionManifest";
import { APP_HANDLERS, ORDER_QUEUE_CONSUMER_HANDLER } from "../functions/appHandlers";
import { NotMeasurable } from "../section";

const run = promisify(execFile);
export const REPOSITORY_ROOT = fileURLToPath(new URL("../../../../", import.meta.url));

export interface FunctionFacts {
  handler: string;
  memoryMb: number;
  architecture: "x86_64" | "arm64";
}

export interface TemplateFacts {
  functions: FunctionFacts[];
  stateMachine: { type: string; definition: AslDefinition; logLevel?: string; includeExecutionData: boolean };
  queueBatchSize: number;
  appsyncXray: boolean;
}

export interface AslState {
  Type: string;
  Next?: string;
  End?: boolean;
  Default?: string;
  Choices?: Array<Record<string, unknown> & { Next: string }>;
  Resource?: string;
}
export interface AslDefinition {
  StartAt: string;
  States: Record<string, AslState>;
}

type Resource = { Type: string; Properties?: Record<string, unknown> };

export async function synthesizeTemplates(stage: string): Promise<{ synthMs: number }> {
  if (!existsSync(path.join(REPOSITORY_ROOT, "stacks/synth.ts"))) throw new NotMeasurable("stacks/synth.ts is missing (no offline synth)");
  const started = performance.now();
  try {
    await run("pnpm", ["tsx", "stacks/synth.ts", "--stage", stage], {
      cwd: REPOSITORY_ROOT,
      env: { ...process.env, NODE_ENV: "test" },
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch (error) {
    const { stderr, stdout } = error as { stderr?: string; stdout?: string };
    throw new Error(`offline synth failed: ${(stderr || stdout || String(error)).slice(-1500)}`);
  }
  return { synthMs: performance.now() - started };
}

/** CloudFormation's Fn::Join of strings and tokens, with tokens shown as placeholders. */
function flatten(value: unknown): string {
  if (typeof value === "string") return value;
  if (value && typeof value === "object") {
    const join = (value as { "Fn::Join"?: [string, unknown[]] })["Fn::Join"];
    if (join) return join[1].map(flatten).join(join[0]);
    return `"TOKEN"`;
  }
  return String(value);
}

export function readTemplateFacts(stage: string): TemplateFacts {
  const templateDir = path.join(REPOSITORY_ROOT, ".build", `synth-${stage}`);
  if (!existsSync(templateDir)) throw new NotMeasurable(`${templateDir} does not exist`);
  const templates: Array<Record<string, Resource>> = readdirSync(templateDir)
    .filter((file) => file.endsWith(".template.json"))
    .map((file) => (JSON.parse(readFileSync(path.join(templateDir, file), "utf8")) as { Resources?: Record<string, Resource> }).Resources ?? {});
  const resources = templates.flatMap((template) => Object.values(template));
  const ofType = (type: string) => resources.filter((resource) => resource.Type === type).map((resource) => resource.Properties ?? {});

  const functions = ofType("AWS::Lambda::Function").flatMap((props): FunctionFacts[] => {
    const handler = APP_HANDLERS.find((candidate) => handlerPath(candidate) === props.Handler);
    if (!handler) return []; // SST's own helper functions
    const architecture = ((props.Architectures as string[] | undefined)?.[0] ?? "x86_64") as FunctionFacts["architecture"];
    return [{ handler, memoryMb: Number(props.MemorySize ?? 128), architecture }];
  });
  if (functions.length === 0) throw new NotMeasurable("the templates define no app function");

  const machines = ofType("AWS::StepFunctions::StateMachine");
  if (machines.length !== 1) throw new NotMeasurable(`expected one state machine, found ${machines.length}`);
  const machine = machines[0]!;
  const definition = JSON.parse(flatten(machine.DefinitionString)) as AslDefinition;
  const logging = machine.LoggingConfiguration as { Level?: string; IncludeExecutionData?: boolean } | undefined;

  const apis = ofType("AWS::AppSync::GraphQLApi");
  return {
    functions,
    stateMachine: {
      type: String(machine.StateMachineType ?? "STANDARD"),
      definition,
      logLevel: logging?.Level,
      includeExecutionData: logging?.IncludeExecutionData === true,
    },
    queueBatchSize: ordersQueueBatchSize(templates),
    appsyncXray: apis[0]?.XrayEnabled === true,
  };
}

/**
 * The batch size of the orders queue consumer's event source mapping (the app has others: the
 * order-changes stream's), found by the function it invokes. SQS's default is 10.
 */
function ordersQueueBatchSize(templates: Array<Record<string, Resource>>): number {
  for (const template of templates) {
    const consumerId = Object.entries(template).find(
      ([, resource]) => resource.Type === "AWS::Lambda::Function" && resource.Properties?.Handler === handlerPath(ORDER_QUEUE_CONSUMER_HANDLER),
    )?.[0];
    if (!consumerId) continue;
    const mapping = Object.values(template).find(
      (resource) =>
        resource.Type === "AWS::Lambda::EventSourceMapping" && JSON.stringify(resource.Properties?.FunctionName) === JSON.stringify({ Ref: consumerId }),
    );
    if (!mapping) throw new NotMeasurable(`no event source mapping invokes ${ORDER_QUEUE_CONSUMER_HANDLER}`);
    return Number(mapping.Properties?.BatchSize ?? 10);
  }
  throw new NotMeasurable(`the templates define no ${ORDER_QUEUE_CONSUMER_HANDLER} function`);
}

function valueAt(data: unknown, jsonPath: string): unknown {
  return jsonPath
    .replace(/^\$\.?/, "")
    .split(".")
    .filter(Boolean)
    .reduce<unknown>((current, key) => (current && typeof current === "object" ? (current as Record<string, unknown>)[key] : undefined), data);
}

/** The Choice rule kinds this app's definition uses; anything else is reported, not guessed. */
function matches(rule: Record<string, unknown>, data: unknown): boolean {
  const value = valueAt(data, String(rule.Variable));
  if ("StringEquals" in rule) return value === rule.StringEquals;
  if ("BooleanEquals" in rule) return value === rule.BooleanEquals;
  if ("StringMatches" in rule) return value === rule.StringMatches;
  if ("IsPresent" in rule) return (value !== undefined) === rule.IsPresent;
  throw new Error(`Choice rule not understood by the cost model: ${JSON.stringify(rule)}`);
}

/** States entered from StartAt to the end when the Choice states see `data` (no retries, no catches). */
export function statesOnPath(definition: AslDefinition, data: unknown): string[] {
  const path: string[] = [];
  let name: string | undefined = definition.StartAt;
  while (name) {
    if (path.length > 100) throw new Error("the workflow path does not end");
    const state: AslState | undefined = definition.States[name];
    if (!state) throw new Error(`state ${name} is not defined`);
    path.push(name);
    if (state.Type === "Choice") name = state.Choices?.find((rule) => matches(rule, data))?.Next ?? state.Default;
    else if (state.End || state.Type === "Succeed" || state.Type === "Fail") name = undefined;
    else name = state.Next;
  }
  return path;
}

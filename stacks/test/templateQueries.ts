// Small queries over synthesized templates that the assertions library has no helper for:
// following cross-stack references and collecting the IAM statements a function's role gets.
import type { Template } from "aws-cdk-lib/assertions";
import { PIZZA_ORDERS_STACKS } from "../index";
import type { PizzaOrdersStack, SynthesizedApp } from "./synthesizedApp";

export interface CfnResource {
  Type: string;
  Properties?: Record<string, any>;
  DeletionPolicy?: string;
  UpdateReplacePolicy?: string;
}

/** A value as written in the stack that defines it (cross-stack imports followed). */
export interface Located {
  stack: string;
  value: unknown;
}

export interface Statement {
  effect: string;
  actions: string[];
  resources: Located[];
}

export function resourcesOfType(template: Template, type: string): [string, CfnResource][] {
  return Object.entries(template.findResources(type)) as [string, CfnResource][];
}

export function resource(template: Template, logicalId: string): CfnResource {
  const found = template.toJSON().Resources[logicalId];
  if (!found) throw new Error(`No resource ${logicalId}`);
  return found;
}

/** Follows Fn::ImportValue to the output that exports it, so references compare across stacks. */
export function locate(app: SynthesizedApp, stack: PizzaOrdersStack, value: unknown): Located {
  const importName = (value as { "Fn::ImportValue"?: unknown } | null)?.["Fn::ImportValue"];
  if (typeof importName !== "string") return { stack: app.stackName(stack), value };
  for (const exporter of PIZZA_ORDERS_STACKS) {
    const outputs: Record<string, { Value: unknown; Export?: { Name: string } }> = app.template(exporter).toJSON().Outputs ?? {};
    const output = Object.values(outputs).find((candidate) => candidate.Export?.Name === importName);
    if (output) return locate(app, exporter, output.Value);
  }
  throw new Error(`No stack exports ${importName}`);
}

export const getAtt = (logicalId: string, attribute: string) => ({ "Fn::GetAtt": [logicalId, attribute] });
export const ref = (logicalId: string) => ({ Ref: logicalId });

/** Every statement of every policy attached to the function's role. */
export function functionRoleStatements(app: SynthesizedApp, stack: PizzaOrdersStack, functionId: string): Statement[] {
  const template = app.template(stack);
  const roleArn = resource(template, functionId).Properties!.Role;
  const roleId: string = roleArn["Fn::GetAtt"][0];
  return roleStatements(app, stack, roleId);
}

export function roleStatements(app: SynthesizedApp, stack: PizzaOrdersStack, roleId: string): Statement[] {
  const template = app.template(stack);
  const attached = resourcesOfType(template, "AWS::IAM::Policy").filter(([, policy]) =>
    (policy.Properties!.Roles as unknown[]).some((role) => JSON.stringify(role) === JSON.stringify(ref(roleId))),
  );
  return attached.flatMap(([, policy]) =>
    (policy.Properties!.PolicyDocument.Statement as any[]).map((statement) => ({
      effect: statement.Effect,
      actions: [statement.Action].flat(),
      resources: [statement.Resource].flat().map((value: unknown) => locate(app, stack, value)),
    })),
  );
}

/** "action on resource" pairs, sorted, so two grants compare regardless of statement grouping. */
export function grants(statements: Statement[]): string[] {
  return statements
    .flatMap((statement) =>
      statement.actions.flatMap((action) =>
        statement.resources.map((located) => `${statement.effect} ${action} on ${located.value === "*" ? "*" : JSON.stringify(located)}`),
      ),
    )
    .sort();
}

export function grant(actions: string[], resources: Located[]): string[] {
  return grants([{ effect: "Allow", actions, resources }]);
}

/** The function (logical id) whose bundled handler is `packages/functions/src/<handler>.handler`. */
export function functionIdByHandler(template: Template, handler: string): string {
  const matches = resourcesOfType(template, "AWS::Lambda::Function").filter(([, fn]) => fn.Properties!.Handler === `packages/functions/src/${handler}.handler`);
  if (matches.length !== 1) throw new Error(`Expected one function for ${handler}, found ${matches.length}`);
  return matches[0]![0];
}

/** Functions built from this repository's handlers (not SST's or CDK's own helpers). */
export function appFunctions(template: Template): [string, CfnResource][] {
  return resourcesOfType(template, "AWS::Lambda::Function").filter(([, fn]) => String(fn.Properties!.Handler).startsWith("packages/functions/src/"));
}

// Synthesizes the app once for a stage and keeps every stack's template and cdk-nag findings.
// Stacks are found by name (SST names each stack "<stage>-<app>-<function name>"): the synthesized
// app runs SST's bundle of sst.config.ts, whose stack functions are other objects than the ones
// imported here.
import { Template } from "aws-cdk-lib/assertions";
import { vi } from "vitest";
import { PIZZA_ORDERS_STACKS } from "../index";
import { OFFLINE_ACCOUNT_ID, synthesizeOffline } from "../offlineSynth";

export type PizzaOrdersStack = (typeof PIZZA_ORDERS_STACKS)[number];

export interface NagFinding {
  stack: string;
  path: string;
  message: string;
}

export interface SynthesizedApp {
  stage: string;
  template(stack: PizzaOrdersStack): Template;
  /** The template as written to the cloud assembly (what cfn-lint reads). */
  templateFile(stack: PizzaOrdersStack): string;
  stackName(stack: PizzaOrdersStack): string;
  nagErrors: NagFinding[];
  nagWarnings: NagFinding[];
}

/** Deploy-time environment (e.g. ORDER_NOTIFICATION_EMAIL) for this synthesis only. */
export type DeployEnvironment = Record<string, string | undefined>;

/**
 * The deploy-time variables stageConfig, sst.config.ts and SST read: these values unless a test sets them,
 * whatever the shell has (the region defaults to us-east-1).
 */
const DEPLOY_ENVIRONMENT_DEFAULTS: DeployEnvironment = {
  ORDER_NOTIFICATION_EMAIL: undefined,
  ALARM_EMAIL: undefined,
  CUSTOMER_EMAIL_FROM: undefined,
  PAYMENT_SUCCESS_RATE: undefined,
  AWS_REGION: undefined,
  AWS_DEFAULT_REGION: undefined,
  // A real-looking account (SST's offline default is "my-account"), so ARNs built from it look
  // like the ones CloudFormation will see and cfn-lint checks them as such.
  CDK_DEFAULT_ACCOUNT: OFFLINE_ACCOUNT_ID,
};

export interface TestSynthOptions {
  deployEnv?: DeployEnvironment;
  /** `sst dev` synthesizes Live Lambda stubs, which cdk-nag is not run on. */
  mode?: "deploy" | "dev";
  /** cdk-nag over the app (deploy mode only); a file that asserts no nag findings leaves it on. */
  nagChecks?: boolean;
}

export async function synthesizeForTest(stage: string, { deployEnv = {}, mode = "deploy", nagChecks = true }: TestSynthOptions = {}): Promise<SynthesizedApp> {
  for (const [name, value] of Object.entries({ ...DEPLOY_ENVIRONMENT_DEFAULTS, ...deployEnv })) vi.stubEnv(name, value);
  try {
    const app = await synthesizeOffline({ stage, mode, nagChecks: nagChecks && mode === "deploy" });
    // One synthesis: assertions' fromStack helpers re-synthesize, and SST's unique-id check
    // refuses to run twice over the same app.
    const assembly = app.synth();
    const templates = new Map<PizzaOrdersStack, Template>();
    const stackNames = new Map<PizzaOrdersStack, string>();
    const templateFiles = new Map<PizzaOrdersStack, string>();
    const nagErrors: NagFinding[] = [];
    const nagWarnings: NagFinding[] = [];
    for (const stackFn of PIZZA_ORDERS_STACKS) {
      const artifact = assembly.getStackByName(app.logicalPrefixedName(stackFn.name));
      templates.set(stackFn, Template.fromJSON(artifact.template));
      stackNames.set(stackFn, artifact.stackName);
      templateFiles.set(stackFn, artifact.templateFullPath);
      for (const message of artifact.messages) {
        const text = String(message.entry.data);
        if (!text.startsWith("AwsSolutions-")) continue;
        const finding = { stack: artifact.stackName, path: message.id, message: text };
        if (message.level === "error") nagErrors.push(finding);
        else if (message.level === "warning") nagWarnings.push(finding);
      }
    }
    return {
      stage,
      template: (stackFn) => templates.get(stackFn)!,
      templateFile: (stackFn) => templateFiles.get(stackFn)!,
      stackName: (stackFn) => stackNames.get(stackFn)!,
      nagErrors,
      nagWarnings,
    };
  } finally {
    vi.unstubAllEnvs();
  }
}

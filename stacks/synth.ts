// Offline stand-in for `sst build` (which needs AWS credentials): writes every stack's template
// and assets to .build/synth-<stage>/.
//   NODE_ENV=test pnpm tsx stacks/synth.ts --stage prod [--mode dev]
// then, for example: cfn-lint .build/synth-prod/*.template.json
import path from "node:path";
import { parseArgs } from "node:util";
import { OFFLINE_ACCOUNT_ID, PROJECT_ROOT, synthesizeOffline } from "./offlineSynth";

const { values } = parseArgs({
  options: { stage: { type: "string", default: "dev" }, mode: { type: "string", default: "deploy" } },
});
const stage = values.stage!;
const mode = values.mode;
if (mode !== "deploy" && mode !== "dev") throw new Error(`--mode must be deploy or dev, got ${mode}`);
const outdir = path.join(PROJECT_ROOT, ".build", mode === "dev" ? `synth-${stage}-dev-mode` : `synth-${stage}`);

// A real-looking account unless one is given, so the templates can be linted as deployed.
process.env.CDK_DEFAULT_ACCOUNT ??= OFFLINE_ACCOUNT_ID;
const app = await synthesizeOffline({ stage, mode, outdir });
const assembly = app.synth();
for (const stack of assembly.stacks) console.log(`${stack.stackName}: ${path.relative(PROJECT_ROOT, stack.templateFullPath)}`);

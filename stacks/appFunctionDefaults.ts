// What every function of the app runs on (SST's default function props, set in index.ts). Its own
// module, free of construct imports, because the bundle smoke test and the bench build each function
// with SST's own builder from these same props (packages/local/src/lambda/sstDeployBundler.ts).
import type { FunctionProps } from "sst/constructs";

// Node.js 20 reached end of life in April 2026 and Lambda is retiring nodejs20.x. 24 is the
// current LTS and the newest Node runtime Lambda offers (cdk-nag's AwsSolutions-L1 asks for it);
// the handlers are bundled by esbuild and use nothing newer than Node 20, so they also run
// unchanged in the local mode on Node 20.
export const APP_FUNCTION_DEFAULTS = {
  runtime: "nodejs24.x",
  architecture: "arm_64",
  tracing: "active",
  environment: { NODE_OPTIONS: "--enable-source-maps" },
} as const satisfies FunctionProps;

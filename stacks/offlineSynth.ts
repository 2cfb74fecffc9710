// Synthesizes the whole app without AWS, the way SST v2's testing docs describe: with
// NODE_ENV=test SST skips its bootstrap look-ups, and App.finish() still bundles every function
// (esbuild) and builds the site. Used by the stack tests and by synth.ts (an offline `sst build`).
import { fileURLToPath } from "node:url";
import { type AppProps, Aspects } from "aws-cdk-lib";
import { AwsSolutionsChecks } from "cdk-nag";
import type { SSTConfig } from "sst";
import { App } from "sst/constructs";
import { initProject, useProject } from "sst/project.js";
import { load as loadSstConfig } from "sst/stacks/build.js";

export const PROJECT_ROOT = fileURLToPath(new URL("..", import.meta.url));

/** The account offline syntheses deploy "to" (AWS's documentation example account). */
export const OFFLINE_ACCOUNT_ID = "123456789012";

export interface OfflineSynthOptions {
  stage: string;
  /** "deploy" is `sst deploy`/`sst build`; "dev" is `sst dev` (Live Lambda stubs, no site). */
  mode?: "deploy" | "dev";
  /** Where the cloud assembly goes; a temporary folder when omitted. */
  outdir?: string;
  /** Run cdk-nag's AwsSolutions rules; findings become error/warning annotations. */
  nagChecks?: boolean;
}

export async function synthesizeOffline({ stage, mode = "deploy", outdir, nagChecks = false }: OfflineSynthOptions): Promise<App> {
  if (process.env.NODE_ENV !== "test") {
    throw new Error("Set NODE_ENV=test: it makes SST skip the AWS look-ups an offline synth cannot do.");
  }
  // SST resolves handler and site paths from the working directory, as `sst build` does.
  process.chdir(PROJECT_ROOT);
  await initProject({ stage });
  const { config, paths } = useProject();
  // The stacks as `sst build` runs them: sst.config.ts bundled by SST's own esbuild, so whatever
  // breaks only in that bundle (syntax esbuild 0.18 cannot parse, import.meta.url paths, which
  // then name the bundle at the project root) breaks here too.
  const [, sstConfig] = (await loadSstConfig(paths.config)) as readonly [unknown, SSTConfig];
  const cdkProps: AppProps = outdir ? { outdir } : {};
  const app = new App({ mode, stage, name: config.name, region: config.region }, cdkProps);
  await sstConfig.stacks(app);
  if (nagChecks) Aspects.of(app).add(new AwsSolutionsChecks({ verbose: true }));
  await app.finish();
  return app;
}

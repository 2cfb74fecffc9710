// Builds each handler with SST 2.49.8's own builder, as `sst deploy` builds a Function: its Node
// handler (node_modules/sst/runtime/handlers/node.js) in "deploy" mode, one bundle per function,
// with the function props given (the app's are stacks/appFunctionDefaults.ts) — so the esbuild
// options, banner, externals and the `npm install` of forced externals are SST's, not a copy.
// Each function gets its own folder, as the asset Lambda receives; under the system's temporary
// directory there is no node_modules beside or above it, so a bundle that still needs a package at
// run time fails to import there as it would in Lambda. Used by the bundle smoke test and the
// bench; the local shop's everyday build (functionBundles.ts) copies SST's options instead, to
// build all functions in one pass.
import { existsSync, mkdirSync } from "node:fs";
import { join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import type { FunctionProps } from "sst/constructs";
import { initProject } from "sst/project.js";
import { useNodeHandler } from "sst/runtime/handlers/node.js";
import { REPOSITORY_ROOT } from "../localShopSettings";
import type { HandlerBundler } from "./functionBundles";

/** SST builds at most this many functions at once (its builder's semaphore). */
const PARALLEL_BUILDS = 4;

export type SstFunctionProps = Pick<FunctionProps, "runtime" | "architecture" | "nodejs">;

/** The file Lambda's Node runtime loads for a handler string ("dir/file.handler" → dir/file.js, .mjs or .cjs). */
function handlerFile(codeDir: string, handler: string): string {
  const base = join(codeDir, handler.slice(0, handler.lastIndexOf(".")));
  const file = [".js", ".mjs", ".cjs"].map((extension) => base + extension).find((candidate) => existsSync(candidate));
  if (!file) throw new Error(`No module for handler ${handler} in ${codeDir}`);
  return file;
}

/** Entries are name → TypeScript file exporting `handler`, under the repository; each bundle lands in `outDir/<name>/`. */
export function sstDeployBundler(outDir: string, functionProps: SstFunctionProps): HandlerBundler {
  return async (entries) => {
    // SST resolves handler paths from the working directory, as `sst deploy` run at the root does.
    const workingDirectory = process.cwd();
    process.chdir(REPOSITORY_ROOT);
    try {
      return await buildAll(entries, outDir, functionProps);
    } finally {
      process.chdir(workingDirectory);
    }
  };
}

async function buildAll(entries: Record<string, string>, outDir: string, functionProps: SstFunctionProps): Promise<Map<string, string>> {
  await initProject({ root: REPOSITORY_ROOT, stage: "bundle-build" });
  const node = useNodeHandler();
  const names = Object.keys(entries);
  const urls = new Map<string, string>();
  const buildOne = async (name: string) => {
    const out = join(outDir, name.replace(/[^A-Za-z0-9]+/g, "-"));
    mkdirSync(out, { recursive: true });
    // The handler as a stack names it: the file relative to the root, with the export's name.
    const handler = `${relative(REPOSITORY_ROOT, entries[name]!).replace(/\.ts$/, "")}.handler`;
    const built = await node.build({ functionID: name, out, mode: "deploy", props: { ...functionProps, handler } } as Parameters<typeof node.build>[0]);
    if (built.type === "error") throw new Error(`SST could not build ${name}:\n${built.errors.join("\n")}`);
    urls.set(name, pathToFileURL(handlerFile(out, built.handler)).href);
  };
  let next = 0;
  const worker = async () => {
    while (next < names.length) await buildOne(names[next++]!);
  };
  await Promise.all(Array.from({ length: PARALLEL_BUILDS }, worker));
  return urls;
}

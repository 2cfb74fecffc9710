// Builds each handler with SST 2.49.8's own builder, as `sst deploy` builds a Function: its Node
// handler (node_modules/sst/runtime/handlers/node.js) in "deploy" mode, one bundle per function,
// with the props every function of the app gets (stacks/appFunctionDefaults.ts) — so its esbuild
// options, banner, externals and the `npm install` of forced externals are SST's, not a copy.
// Each function gets its own folder, as the asset Lambda receives: no node_modules beside or above
// it (the folder is under the system's temporary directory), so a bundle that still needs a
// package at run time fails to import here as it would in Lambda.
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { handlerPath } from "@pizza-orders/functions/functionManifest";
import type { FunctionProps } from "sst/constructs";
import { initProject } from "sst/project.js";
import { useNodeHandler } from "sst/runtime/handlers/node.js";
import type { HandlerBundler } from "../../src/lambda/functionBundles";
import { REPOSITORY_ROOT } from "../../src/localShopSettings";

/** SST builds at most this many functions at once (its own builder's semaphore for `sst dev`); `sst deploy` builds as constructs are created. */
const PARALLEL_BUILDS = 4;

/** The file Lambda's Node runtime loads for a handler string ("dir/file.handler" → dir/file.js, .mjs or .cjs). */
function handlerFile(codeDir: string, handler: string): string {
  const base = join(codeDir, handler.slice(0, handler.lastIndexOf(".")));
  const file = [".js", ".mjs", ".cjs"].map((extension) => base + extension).find((candidate) => existsSync(candidate));
  if (!file) throw new Error(`No module for handler ${handler} in ${codeDir}`);
  return file;
}

export function sstDeployBundler(outDir: string, functionProps: Pick<FunctionProps, "runtime" | "architecture">): HandlerBundler {
  return async (entries) => {
    // SST resolves handler paths from the working directory, as `sst deploy` run at the root does.
    process.chdir(REPOSITORY_ROOT);
    await initProject({ root: REPOSITORY_ROOT, stage: "bundle-smoke" });
    const node = useNodeHandler();
    const modules = Object.keys(entries);
    const urls = new Map<string, string>();
    const buildOne = async (module: string) => {
      const out = join(outDir, module.replaceAll("/", "-"));
      mkdirSync(out, { recursive: true });
      const built = await node.build({
        functionID: module,
        out,
        mode: "deploy",
        props: { ...functionProps, handler: handlerPath(module) },
      } as Parameters<typeof node.build>[0]);
      if (built.type === "error") throw new Error(`SST could not build ${module}:\n${built.errors.join("\n")}`);
      urls.set(module, pathToFileURL(handlerFile(out, built.handler)).href);
    };
    let next = 0;
    const worker = async () => {
      while (next < modules.length) await buildOne(modules[next++]!);
    };
    await Promise.all(Array.from({ length: PARALLEL_BUILDS }, worker));
    return urls;
  };
}

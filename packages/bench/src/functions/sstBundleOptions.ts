// esbuild options as SST 2.49.8 builds a Node function for deploy (node_modules/sst/runtime/
// handlers/node.js, mode "deploy", default `nodejs` props): ESM, target esnext, everything bundled
// (no @aws-sdk external for ESM: SST only externalizes "aws-sdk" for CJS on nodejs16.x), names
// kept, linked source map written next to the bundle, minify only when `nodejs.minify` is set.
import type { BuildOptions } from "esbuild";
// The same banner the local runtime bundles its functions with.
import { SST_ESM_BANNER } from "@pizza-orders/local/lambda/functionBundles";

export function sstDeployBuildOptions(entry: string, outfile: string, minify: boolean): BuildOptions {
  return {
    entryPoints: [entry],
    platform: "node",
    external: ["sharp", "pg-native"],
    keepNames: true,
    bundle: true,
    logLevel: "silent",
    metafile: true,
    format: "esm",
    target: "esnext",
    mainFields: ["module", "main"],
    banner: { js: SST_ESM_BANNER },
    outfile,
    sourcemap: true,
    minify,
  };
}

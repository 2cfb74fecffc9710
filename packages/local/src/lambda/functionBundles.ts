// Builds the functions as SST builds them for Lambda (esbuild 0.18.13 — SST 2.49.8's — ESM,
// everything bundled, the same require/__dirname banner, names kept, source maps) so an instance
// runs a bundle, as a Lambda does, and needs no TypeScript loader. One build for all functions
// with shared chunks (SST builds each function alone): one build takes about a second where
// twelve take several, and sharing files shares no state — every instance loads its own copy.
import { rmSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";

const SST_ESM_BANNER = [
  `import { createRequire as topLevelCreateRequire } from 'module';`,
  `const require = topLevelCreateRequire(import.meta.url);`,
  `import { fileURLToPath as topLevelFileUrlToPath, URL as topLevelURL } from "url"`,
  `const __dirname = topLevelFileUrlToPath(new topLevelURL(".", import.meta.url))`,
  "",
].join("\n");

const RUNTIME_ENTRY = "__instance-runtime";

export interface FunctionBundles {
  /** The worker entry every instance starts with. */
  runtimeUrl: URL;
  /** Bundle URL per entry name. */
  handlerUrls: Map<string, string>;
}

/** Bundles each entry (name → TypeScript file) plus the instance runtime into `outDir` (emptied first). */
export async function buildFunctionBundles(entries: Record<string, string>, outDir: string): Promise<FunctionBundles> {
  rmSync(outDir, { recursive: true, force: true });
  await build({
    entryPoints: { ...entries, [RUNTIME_ENTRY]: new URL("./instanceRuntime.ts", import.meta.url).pathname },
    outdir: outDir,
    outExtension: { ".js": ".mjs" },
    splitting: true,
    platform: "node",
    format: "esm",
    target: "esnext",
    bundle: true,
    keepNames: true,
    mainFields: ["module", "main"],
    external: ["sharp", "pg-native"],
    banner: { js: SST_ESM_BANNER },
    sourcemap: true,
    logLevel: "silent",
  });
  const url = (name: string) => pathToFileURL(join(outDir, `${name}.mjs`));
  return { runtimeUrl: url(RUNTIME_ENTRY), handlerUrls: new Map(Object.keys(entries).map((name) => [name, url(name).href])) };
}

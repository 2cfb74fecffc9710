// Builds the functions as SST builds them for Lambda (esbuild 0.18.13 — SST 2.49.8's — ESM,
// everything bundled, the same require/__dirname banner, names kept, source maps) so an instance
// runs a bundle, as a Lambda does, and needs no TypeScript loader. One build for all functions
// with shared chunks (SST builds each function alone): one build takes about a second where
// twelve take several, and sharing files shares no state — every instance loads its own copy.
// A build is reused while none of its input files (sources and node_modules alike, as esbuild's
// metafile lists them) has changed, so a restart does not pay for it again.
import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { build, version as esbuildVersion } from "esbuild";

/** The banner SST 2.49.8 puts on an ESM function bundle (node_modules/sst/runtime/handlers/node.js). */
export const SST_ESM_BANNER = [
  `import { createRequire as topLevelCreateRequire } from 'module';`,
  `const require = topLevelCreateRequire(import.meta.url);`,
  `import { fileURLToPath as topLevelFileUrlToPath, URL as topLevelURL } from "url"`,
  `const __dirname = topLevelFileUrlToPath(new topLevelURL(".", import.meta.url))`,
  "",
].join("\n");

const RUNTIME_ENTRY = "__instance-runtime";

/**
 * Bundles handler modules some other way (name → TypeScript file in, name → bundle URL out): the
 * bundle smoke test passes SST's own deploy build, one bundle per function.
 */
export type HandlerBundler = (entries: Record<string, string>) => Promise<Map<string, string>>;

export interface FunctionBundles {
  /** The worker entry every instance starts with. */
  runtimeUrl: URL;
  /** Bundle URL per entry name. */
  handlerUrls: Map<string, string>;
}

const MANIFEST_FILE = "build-manifest.json";

interface BuildManifest {
  key: string;
  /** Input file → "mtimeMs:size" when built. */
  inputs: Record<string, string>;
}

/** Bundles each entry (name → TypeScript file) plus the instance runtime into `outDir`, unless an unchanged build is there. */
export async function buildFunctionBundles(entries: Record<string, string>, outDir: string): Promise<FunctionBundles> {
  const entryPoints = { ...entries, [RUNTIME_ENTRY]: new URL("./instanceRuntime.ts", import.meta.url).pathname };
  const key = JSON.stringify({ esbuildVersion, entryPoints });
  if (!isUpToDate(outDir, key)) await rebuild(entryPoints, outDir, key);
  const url = (name: string) => pathToFileURL(join(outDir, `${name}.mjs`));
  return { runtimeUrl: url(RUNTIME_ENTRY), handlerUrls: new Map(Object.keys(entries).map((name) => [name, url(name).href])) };
}

function fileStamp(path: string): string | undefined {
  try {
    const stats = statSync(path);
    return `${stats.mtimeMs}:${stats.size}`;
  } catch {
    return undefined;
  }
}

function isUpToDate(outDir: string, key: string): boolean {
  const manifestPath = join(outDir, MANIFEST_FILE);
  if (!existsSync(manifestPath)) return false;
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as BuildManifest;
  return manifest.key === key && Object.entries(manifest.inputs).every(([path, stamp]) => fileStamp(path) === stamp);
}

async function rebuild(entryPoints: Record<string, string>, outDir: string, key: string): Promise<void> {
  rmSync(outDir, { recursive: true, force: true });
  const { metafile } = await build({
    entryPoints,
    metafile: true,
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
  // Metafile input paths are relative to esbuild's working directory (the process's).
  const inputs: Record<string, string> = {};
  for (const input of Object.keys(metafile!.inputs)) {
    // Inputs that are not files (esbuild's "(disabled):…" stand-ins) have no stamp.
    const stamp = fileStamp(resolve(input));
    if (stamp) inputs[resolve(input)] = stamp;
  }
  // Written last: a build cut short leaves no manifest and is redone.
  writeFileSync(join(outDir, MANIFEST_FILE), JSON.stringify({ key, inputs } satisfies BuildManifest));
}

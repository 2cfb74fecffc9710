// The web app's production build (`vite build`, what the StaticSite deploys), made once for all the
// tests that need it — the initial-bundle test and every browser test file — instead of once per
// file. The build carries no configuration: index.html keeps its %VITE_…% placeholders, and each
// served copy fills them in, as SST's StaticSite does at deploy (config.ts reads them from there).
//
// Kept under node_modules/.cache keyed by a hash of everything the build reads, so parallel test
// files and later runs reuse it; a lock directory makes concurrent callers wait for one build.
import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { basename, join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export const WEB_DIR = fileURLToPath(new URL("../../", import.meta.url));
const REPOSITORY_ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const CACHE_DIR = join(REPOSITORY_ROOT, "node_modules/.cache/pizza-orders-web-build");
/** What the build reads besides node_modules: the app, the core it imports and the schema its types come from. */
const BUILD_INPUTS = ["web/src", "web/build", "web/index.html", "web/public", "web/vite.config.ts", "web/codegen.ts", "web/package.json", "packages/core/src", "graphql"];
const SKIPPED = new Set(["node_modules", "dist", "gql", ".vite"]);
const STALE_LOCK_MS = 5 * 60_000;

/** The part of Vite's API used here (Vite is the web package's dependency, not the root's). */
export interface ViteApi {
  build(config: Record<string, unknown>): Promise<unknown>;
  preview(config: Record<string, unknown>): Promise<{ resolvedUrls: { local: string[] } | null; close(): Promise<void> }>;
}

export async function loadVite(): Promise<ViteApi> {
  const requireFromWeb = createRequire(join(WEB_DIR, "package.json"));
  return (await import(pathToFileURL(requireFromWeb.resolve("vite")).href)) as ViteApi;
}

function hashInputs(): string {
  const hash = createHash("sha256");
  const visit = (path: string) => {
    if (!existsSync(path)) return;
    if (statSync(path).isDirectory()) {
      for (const entry of readdirSync(path).sort()) if (!SKIPPED.has(entry)) visit(join(path, entry));
      return;
    }
    hash.update(relative(REPOSITORY_ROOT, path)).update("\0").update(readFileSync(path)).update("\0");
  };
  for (const input of BUILD_INPUTS) visit(join(REPOSITORY_ROOT, input));
  return hash.digest("hex").slice(0, 16);
}

async function buildInto(outDir: string): Promise<void> {
  const vite = await loadVite();
  // Vitest sets NODE_ENV=test, which would make Vite bundle React's development build; and no
  // VITE_* value may leak in from the shell: the copies are configured through index.html only.
  const cleared = ["NODE_ENV", ...Object.keys(process.env).filter((name) => name.startsWith("VITE_"))];
  const previous = Object.fromEntries(cleared.map((name) => [name, process.env[name]]));
  for (const name of cleared) delete process.env[name];
  process.env.NODE_ENV = "production";
  try {
    await vite.build({ root: WEB_DIR, configFile: join(WEB_DIR, "vite.config.ts"), mode: "production", logLevel: "warn", build: { outDir, emptyOutDir: true, manifest: true } });
  } finally {
    for (const [name, value] of Object.entries(previous)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The folder of the production build of the current sources (built on first use). Read-only: copy it to change it. */
export async function productionWebBuild(): Promise<string> {
  const buildDir = join(CACHE_DIR, hashInputs());
  const lockDir = `${buildDir}.lock`;
  mkdirSync(CACHE_DIR, { recursive: true });
  for (;;) {
    if (existsSync(join(buildDir, "index.html"))) return buildDir;
    try {
      mkdirSync(lockDir);
    } catch {
      // Another test file is building it; a lock left by a killed run is taken over.
      if (Date.now() - statSync(lockDir, { throwIfNoEntry: false })!.mtimeMs > STALE_LOCK_MS) rmSync(lockDir, { recursive: true, force: true });
      await sleep(200);
      continue;
    }
    try {
      if (existsSync(join(buildDir, "index.html"))) return buildDir;
      const staging = mkdtempSync(join(CACHE_DIR, "staging-"));
      await buildInto(staging);
      // Older builds are of sources that no longer exist.
      const kept = new Set([basename(lockDir), basename(staging)]);
      for (const entry of readdirSync(CACHE_DIR)) if (!kept.has(entry)) rmSync(join(CACHE_DIR, entry), { recursive: true, force: true });
      renameSync(staging, buildDir);
      return buildDir;
    } finally {
      rmSync(lockDir, { recursive: true, force: true });
    }
  }
}

const escapeAttribute = (value: string) => value.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/**
 * A copy of the production build configured with these shop-config values (VITE_GRAPHQL_URL, …):
 * the placeholders of index.html filled in, the unset ones left as they are (the app treats those as
 * absent). The caller removes the folder.
 */
export async function configuredWebBuild(values: Record<string, string | undefined>): Promise<string> {
  const source = await productionWebBuild();
  const outDir = mkdtempSync(join(tmpdir(), "pizza-web-"));
  cpSync(source, outDir, { recursive: true });
  const indexFile = join(outDir, "index.html");
  let html = readFileSync(indexFile, "utf8");
  for (const [name, value] of Object.entries(values)) if (value !== undefined) html = html.replaceAll(`%${name}%`, escapeAttribute(value));
  writeFileSync(indexFile, html);
  return outDir;
}

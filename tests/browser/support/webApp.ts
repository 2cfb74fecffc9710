// The web app as a visitor gets it: the production build (`vite build`, the same command the
// StaticSite runs) configured with the test shop's GraphQL URL and API key, served by `vite preview`.
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import type { AddressInfo } from "node:net";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export const WEB_DIR = fileURLToPath(new URL("../../../web/", import.meta.url));

/** The part of Vite's API used here (Vite is the web package's dependency, not the root's). */
interface ViteApi {
  build(config: Record<string, unknown>): Promise<unknown>;
  preview(config: Record<string, unknown>): Promise<{
    resolvedUrls: { local: string[] } | null;
    close(): Promise<void>;
  }>;
}

async function loadVite(): Promise<ViteApi> {
  const requireFromWeb = createRequire(join(WEB_DIR, "package.json"));
  return (await import(pathToFileURL(requireFromWeb.resolve("vite")).href)) as ViteApi;
}

export interface ServedWebApp {
  url: string;
  close(): Promise<void>;
}

/** A free loopback port, so the shop can be told the web app's origin before the web app is served. */
export async function freeLoopbackPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export interface WebAppSettings {
  graphqlUrl: string;
  apiKey: string;
  /** The user pool (customer accounts); without it the app is guest-only. */
  cognito?: { userPoolId: string; clientId: string; endpoint?: string };
  /** Local mode's developer page (confirmation codes), shown in the developer banner. */
  localDevUrl?: string;
}

export async function buildAndServeWebApp(api: WebAppSettings, port = 0): Promise<ServedWebApp> {
  const vite = await loadVite();
  const outDir = mkdtempSync(join(tmpdir(), "pizza-web-"));
  // Vite reads VITE_* variables from the environment at build time, as in the StaticSite build.
  const buildEnv: Record<string, string | undefined> = {
    VITE_GRAPHQL_URL: api.graphqlUrl,
    VITE_GRAPHQL_API_KEY: api.apiKey,
    VITE_COGNITO_USER_POOL_ID: api.cognito?.userPoolId,
    VITE_COGNITO_CLIENT_ID: api.cognito?.clientId,
    VITE_COGNITO_ENDPOINT: api.cognito?.endpoint,
    VITE_LOCAL_DEV_URL: api.localDevUrl,
    // The browser tests run against the local shop (its outbox next to /graphql).
    VITE_SHOP_MODE: "local",
    // Vitest sets NODE_ENV=test, which would make Vite bundle React's development build.
    NODE_ENV: "production",
  };
  const previous = Object.fromEntries(Object.keys(buildEnv).map((name) => [name, process.env[name]]));
  for (const [name, value] of Object.entries(buildEnv)) restoreEnv(name, value);
  try {
    await vite.build({ root: WEB_DIR, configFile: join(WEB_DIR, "vite.config.ts"), mode: "production", logLevel: "warn", build: { outDir, emptyOutDir: true } });
  } finally {
    for (const [name, value] of Object.entries(previous)) restoreEnv(name, value);
  }
  const server = await vite.preview({
    root: WEB_DIR,
    configFile: join(WEB_DIR, "vite.config.ts"),
    logLevel: "warn",
    build: { outDir },
    preview: { host: "127.0.0.1", port, strictPort: port !== 0, open: false },
  });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error("vite preview did not report its URL");
  return {
    url: url.replace(/\/$/, ""),
    close: async () => {
      await server.close();
      rmSync(outDir, { recursive: true, force: true });
    },
  };
}

function restoreEnv(name: string, value: string | undefined): void {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
}

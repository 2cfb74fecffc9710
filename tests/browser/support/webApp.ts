// The web app as a visitor gets it: the production build (`vite build`, the same command the
// StaticSite runs, made once per test run) configured with the test shop's GraphQL URL and API key
// the way the StaticSite configures it at deploy, served by `vite preview`.
import { rmSync } from "node:fs";
import { createServer } from "node:net";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { configuredWebBuild, loadVite, WEB_DIR } from "../../../web/test/support/productionBuild";

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
  const outDir = await configuredWebBuild({
    VITE_GRAPHQL_URL: api.graphqlUrl,
    VITE_GRAPHQL_API_KEY: api.apiKey,
    VITE_COGNITO_USER_POOL_ID: api.cognito?.userPoolId,
    VITE_COGNITO_CLIENT_ID: api.cognito?.clientId,
    VITE_COGNITO_ENDPOINT: api.cognito?.endpoint,
    VITE_LOCAL_DEV_URL: api.localDevUrl,
    // The browser tests run against the local shop (its outbox next to /graphql).
    VITE_SHOP_MODE: "local",
  });
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

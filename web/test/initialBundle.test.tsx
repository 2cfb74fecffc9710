// @vitest-environment node
// The order page's initial JavaScript must not carry the auth library or the pages loaded on
// demand. Builds the app with Vite's manifest and follows the entry's static imports — what a
// browser downloads before the first render. (`pnpm bench` reports the size in KiB.)
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "vite";
import { PIZZAS } from "@pizza-orders/core/menu/menu";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
}
type Manifest = Record<string, ManifestChunk>;

const WEB_DIR = fileURLToPath(new URL("..", import.meta.url));
let outDir: string;
let manifest: Manifest;

beforeAll(async () => {
  outDir = mkdtempSync(join(tmpdir(), "pizza-web-manifest-"));
  const env = { VITE_GRAPHQL_URL: "http://shop.test/graphql", VITE_GRAPHQL_API_KEY: "k", VITE_COGNITO_USER_POOL_ID: "local_pool", VITE_COGNITO_CLIENT_ID: "client" };
  const previous = Object.fromEntries(Object.keys(env).map((name) => [name, process.env[name]]));
  Object.assign(process.env, env);
  try {
    await build({
      root: WEB_DIR,
      configFile: join(WEB_DIR, "vite.config.ts"),
      mode: "production",
      logLevel: "error",
      build: { outDir, emptyOutDir: true, manifest: true, minify: false, sourcemap: false },
    });
  } finally {
    for (const [name, value] of Object.entries(previous)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
  manifest = JSON.parse(readFileSync(join(outDir, ".vite/manifest.json"), "utf8")) as Manifest;
}, 180_000);

afterAll(() => {
  if (outDir) rmSync(outDir, { recursive: true, force: true });
});

/** The chunks the entry loads statically, and the source modules bundled into them. */
function initialChunks(): { keys: Set<string>; code: string } {
  const entry = Object.entries(manifest).find(([, chunk]) => chunk.isEntry)!;
  const keys = new Set<string>();
  const visit = (key: string) => {
    if (keys.has(key)) return;
    keys.add(key);
    for (const next of manifest[key].imports ?? []) visit(next);
  };
  visit(entry[0]);
  const code = [...keys].map((key) => readFileSync(join(outDir, manifest[key].file), "utf8")).join("\n");
  return { keys, code };
}

describe("the order page's initial JavaScript", () => {
  it("does not include Amplify: it is a chunk loaded on demand", () => {
    const { keys, code } = initialChunks();
    const amplifyChunk = Object.entries(manifest).find(([key]) => key.endsWith("src/auth/amplifyAuth.ts"));
    expect(amplifyChunk, "amplifyAuth.ts is its own dynamically imported chunk").toBeDefined();
    expect(keys.has(amplifyChunk![0])).toBe(false);
    // Amplify's own code (its user agent and Cognito client) is nowhere in the initial chunks.
    expect(code).not.toMatch(/aws-amplify|AWSCognitoIdentityProviderService|USER_PASSWORD_AUTH/);
  });

  it("does not include the pages loaded on demand", () => {
    const { keys } = initialChunks();
    const lazyPages = ["MyOrdersPage", "NotificationsPage", "TrackOrderPage", "SignInPage", "SignUpPage", "ConfirmSignUpPage", "ForgotPasswordPage", "AccountPage"];
    for (const page of lazyPages) {
      const key = Object.keys(manifest).find((candidate) => candidate.endsWith(`/${page}.tsx`));
      expect(key, `${page} is a chunk of its own`).toBeDefined();
      expect(keys.has(key!), `${page} is not loaded initially`).toBe(false);
    }
  });
});

describe("the built index.html", () => {
  const html = () => readFileSync(join(outDir, "index.html"), "utf8");

  it("holds the order page prerendered with the bundled menu, before any script runs", () => {
    const root = /<div id="root">([\s\S]*)<\/div>\s*<\/body>/.exec(html())?.[1] ?? "";
    expect(root).toContain('data-testid="menu-preview"');
    expect(root).toContain("Loading the menu…");
    for (const pizza of PIZZAS) expect(root).toContain(`value="${pizza.name}"`);
  });

  it("inlines the stylesheet, so the prerendered menu is painted without waiting for another file", () => {
    expect(html()).not.toMatch(/<link rel="stylesheet"/);
    expect(html()).toMatch(/<style>[\s\S]*\.order-form/);
  });
});

// @vitest-environment node
// The order page's initial JavaScript must not carry the auth library or the pages loaded on
// demand. Builds the app with Vite's manifest and follows the entry's static imports — what a
// browser downloads before the first render. (`pnpm bench` reports the size in KiB.)
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build, type Rollup } from "vite";
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
/** What Rollup wrote: each chunk with the source modules bundled into it. */
let chunks: Rollup.OutputChunk[];

beforeAll(async () => {
  outDir = mkdtempSync(join(tmpdir(), "pizza-web-manifest-"));
  const env = { VITE_GRAPHQL_URL: "http://shop.test/graphql", VITE_GRAPHQL_API_KEY: "k", VITE_COGNITO_USER_POOL_ID: "local_pool", VITE_COGNITO_CLIENT_ID: "client" };
  const previous = Object.fromEntries(Object.keys(env).map((name) => [name, process.env[name]]));
  Object.assign(process.env, env);
  let output: Awaited<ReturnType<typeof build>> | undefined;
  try {
    output = await build({
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
  chunks = (Array.isArray(output) ? output : [output!]).flatMap((result) =>
    "output" in result ? result.output.filter((item): item is Rollup.OutputChunk => item.type === "chunk") : [],
  );
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

describe("staff and customer bundles", () => {
  const STAFF_CODE = /[\\/]web[\\/]src[\\/]staff[\\/]/;
  /** A chunk and every chunk it imports statically: what a browser downloads to run it. */
  const withStaticImports = (start: Rollup.OutputChunk): Rollup.OutputChunk[] => {
    const seen = new Map<string, Rollup.OutputChunk>();
    const visit = (chunk: Rollup.OutputChunk) => {
      if (seen.has(chunk.fileName)) return;
      seen.set(chunk.fileName, chunk);
      for (const file of chunk.imports) visit(chunks.find((candidate) => candidate.fileName === file)!);
    };
    visit(start);
    return [...seen.values()];
  };
  const staffModulesIn = (loaded: Rollup.OutputChunk[]) => loaded.flatMap((chunk) => Object.keys(chunk.modules).filter((id) => STAFF_CODE.test(id)));

  it("keeps the kitchen display in its own lazily loaded chunk", () => {
    const kitchen = chunks.find((chunk) => chunk.facadeModuleId?.endsWith("/src/staff/KitchenPage.tsx"));
    expect(kitchen, "KitchenPage is a chunk of its own").toBeDefined();
    expect(kitchen!.isDynamicEntry).toBe(true);
    expect(staffModulesIn([kitchen!]).length).toBeGreaterThan(1);
  });

  it("loads no staff module on the order page or any customer page", () => {
    const entry = chunks.find((chunk) => chunk.isEntry)!;
    expect(staffModulesIn(withStaticImports(entry))).toEqual([]);
    const customerPages = chunks.filter((chunk) => chunk.isDynamicEntry && /[\\/]src[\\/]pages[\\/]/.test(chunk.facadeModuleId ?? ""));
    expect(customerPages.map((chunk) => chunk.name).sort()).toEqual(expect.arrayContaining(["MyOrdersPage", "TrackOrderPage"]));
    for (const page of customerPages) expect(staffModulesIn(withStaticImports(page)), page.name).toEqual([]);
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

// @vitest-environment node
// The order page's initial JavaScript must not carry the auth library or the pages loaded on
// demand. Follows the entry's static imports in the production build's Vite manifest (the build
// the browser tests serve too) — what a browser downloads before the first render. (`pnpm bench`
// reports the size in KiB.)
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { PIZZAS } from "@pizza-orders/core/menu/menu";
import { beforeAll, describe, expect, it } from "vitest";
import { productionWebBuild } from "./support/productionBuild";

interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
}
type Manifest = Record<string, ManifestChunk>;

let outDir: string;
let manifest: Manifest;

beforeAll(async () => {
  outDir = await productionWebBuild();
  manifest = JSON.parse(readFileSync(join(outDir, ".vite/manifest.json"), "utf8")) as Manifest;
}, 180_000);

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
  const STAFF_CODE = /(^|[\\/])src[\\/]staff[\\/]/;
  /** A chunk and every chunk it imports statically: what a browser downloads to run it. */
  const withStaticImports = (start: string): string[] => {
    const seen = new Set<string>();
    const visit = (key: string) => {
      if (seen.has(key)) return;
      seen.add(key);
      for (const next of manifest[key].imports ?? []) visit(next);
    };
    visit(start);
    return [...seen];
  };
  /** The source modules bundled into these chunks that are staff code (from each chunk's source map). */
  const staffModulesIn = (keys: string[]) =>
    keys.flatMap((key) => (JSON.parse(readFileSync(join(outDir, `${manifest[key].file}.map`), "utf8")) as { sources: string[] }).sources.filter((source) => STAFF_CODE.test(source)));

  it("keeps the kitchen display in its own lazily loaded chunk", () => {
    const kitchen = Object.keys(manifest).find((key) => key.endsWith("src/staff/KitchenPage.tsx"));
    expect(kitchen, "KitchenPage is a chunk of its own").toBeDefined();
    expect(manifest[kitchen!].isDynamicEntry).toBe(true);
    expect(staffModulesIn([kitchen!]).length).toBeGreaterThan(1);
  });

  it("loads no staff module on the order page or any customer page", () => {
    const entry = Object.keys(manifest).find((key) => manifest[key].isEntry)!;
    expect(staffModulesIn(withStaticImports(entry))).toEqual([]);
    const customerPages = Object.keys(manifest).filter((key) => manifest[key].isDynamicEntry && /(^|\/)src\/pages\//.test(key));
    expect(customerPages).toEqual(expect.arrayContaining(["src/pages/MyOrdersPage.tsx", "src/pages/TrackOrderPage.tsx"]));
    for (const page of customerPages) expect(staffModulesIn(withStaticImports(page)), page).toEqual([]);
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

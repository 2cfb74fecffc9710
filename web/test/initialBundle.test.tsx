// @vitest-environment node
// The order page's initial JavaScript must not carry the auth library or the pages loaded on
// demand. Follows the entry's static imports in the production build's Vite manifest (the build
// the browser tests serve too) — what a browser downloads before the first render. (`pnpm bench`
// reports the size in KiB.)
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { productionWebBuild } from "./support/productionBuild";

interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
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

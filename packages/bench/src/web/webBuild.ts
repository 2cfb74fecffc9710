// The web app's production build, made with the app's own `vite build` into a folder of the
// bench's, pointed at the local shop's API (Vite reads VITE_* at build time).
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { NotMeasurable } from "../section";

const run = promisify(execFile);
const WEB_DIR = fileURLToPath(new URL("../../../../web/", import.meta.url));

export async function buildWebApp(outDir: string, api: { graphqlUrl: string; apiKey: string }): Promise<{ buildMs: number }> {
  if (!existsSync(`${WEB_DIR}package.json`) || !existsSync(`${WEB_DIR}index.html`)) throw new NotMeasurable("web/ has no Vite app (package.json + index.html)");
  const started = performance.now();
  try {
    await run("pnpm", ["exec", "vite", "build", "--outDir", outDir, "--emptyOutDir"], {
      cwd: WEB_DIR,
      env: { ...process.env, VITE_GRAPHQL_URL: api.graphqlUrl, VITE_GRAPHQL_API_KEY: api.apiKey, VITE_SHOP_MODE: "local" },
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch (error) {
    const { stderr, stdout } = error as { stderr?: string; stdout?: string };
    throw new Error(`vite build failed: ${(stderr || stdout || String(error)).slice(-1500)}`);
  }
  return { buildMs: performance.now() - started };
}

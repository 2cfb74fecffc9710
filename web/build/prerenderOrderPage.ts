// Prerenders the order page into the built index.html (src/prerender.tsx), so a visitor on a slow
// connection sees the menu when the HTML arrives rather than after the scripts and the menu query
// (measured by `pnpm bench`, "Slow 3G"). Runs the app's own components through Vite's SSR loader —
// the same code and the same bundled menu the browser renders — rather than a second hand-written
// copy of the page. The stylesheet (a few KiB) is inlined too: a linked one blocks the first paint
// for another round trip, and the prerendered menu would be in the page but not on screen.
// Build only; `vite` (dev) serves the empty root as before.
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import type { Plugin, Rollup } from "vite";

const run = promisify(execFile);

const ROOT_ELEMENT = '<div id="root"></div>';

export function prerenderOrderPage(webRoot: string): Plugin {
  return {
    name: "pizza-orders:prerender-order-page",
    apply: "build",
    transformIndexHtml: {
      // After Vite has put the script and stylesheet tags in.
      order: "post",
      handler: async (html, { bundle }) => inlineStylesheets(await prerender(html, webRoot), bundle),
    },
  };
}

/** Replaces each <link rel="stylesheet"> of this build with a <style> holding the file. */
function inlineStylesheets(html: string, bundle: Rollup.OutputBundle | undefined): string {
  if (!bundle) return html;
  return html.replace(/<link rel="stylesheet"[^>]*href="\/([^"]+\.css)"[^>]*>/g, (tag, file: string) => {
    const asset = bundle[file] as Rollup.OutputAsset | undefined;
    return asset?.type === "asset" ? `<style>${String(asset.source)}</style>` : tag;
  });
}

async function prerender(html: string, webRoot: string): Promise<string> {
  if (!html.includes(ROOT_ELEMENT)) throw new Error(`index.html has no ${ROOT_ELEMENT} to prerender into`);
  const worker = fileURLToPath(new URL("./prerenderWorker.mjs", import.meta.url));
  const { stdout } = await run(process.execPath, [worker, webRoot], { env: { ...process.env, NODE_ENV: "production" }, maxBuffer: 16 * 1024 * 1024 });
  return html.replace(ROOT_ELEMENT, `<div id="root">${stdout}</div>`);
}

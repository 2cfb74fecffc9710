import { babelOptimizerPlugin } from "@graphql-codegen/client-preset";
import react from "@vitejs/plugin-react";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";
import graphqlCodegen from "vite-plugin-graphql-codegen";
import { prerenderOrderPage } from "./build/prerenderOrderPage";
import codegenConfig, { generatedDir } from "./codegen";

type ModuleInfoOf = (id: string) => { isEntry: boolean; importers: readonly string[] } | null;

/** Whether a chain of static imports leads from an entry to this module (walks its importers). */
function isStaticallyImportedFromEntry(id: string, getModuleInfo: ModuleInfoOf): boolean {
  const seen = new Set([id]);
  const queue = [id];
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    const info = getModuleInfo(next);
    if (!info) continue;
    if (info.isEntry) return true;
    for (const importer of info.importers) {
      if (!seen.has(importer)) {
        seen.add(importer);
        queue.push(importer);
      }
    }
  }
  return false;
}

// Typed operations (src/gql, git-ignored) are generated whenever Vite starts or builds, so a fresh
// clone builds with `pnpm --filter @pizza-orders/web build` and no separate step.
export default defineConfig({
  plugins: [
    graphqlCodegen({ config: codegenConfig, throwOnStart: true, matchOnSchemas: true }),
    // The client preset's optimiser turns each graphql(`…`) call into an import of its generated
    // document, so the bundle carries no second copy of every operation's text (the lookup map
    // in src/gql/gql.ts) — that keeps the first page's JavaScript small.
    react({ babel: { plugins: [[babelOptimizerPlugin, { artifactDirectory: generatedDir, gqlTagName: "graphql" }]] } }),
    prerenderOrderPage(fileURLToPath(new URL(".", import.meta.url))),
  ],
  build: {
    sourcemap: true,
    rollupOptions: {
      output: {
        // Libraries change far less often than the app: separate chunks stay cached across deploys.
        // Only the libraries the first page needs go into those chunks; a library reached only
        // through a dynamic import (the auth library, loaded when a sign-in page opens or a
        // session exists) is left to Rollup, which puts it in a lazily loaded chunk.
        manualChunks(id, { getModuleInfo }) {
          if (!id.includes("node_modules")) return undefined;
          if (!isStaticallyImportedFromEntry(id, getModuleInfo)) return undefined;
          if (/[\\/]node_modules[\\/](react|react-dom|scheduler)[\\/]/.test(id)) return "react";
          return "vendor";
        },
      },
    },
  },
});

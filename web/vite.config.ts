import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";
import graphqlCodegen from "vite-plugin-graphql-codegen";
import codegenConfig from "./codegen";

// Typed operations (src/gql, git-ignored) are generated whenever Vite starts or builds, so a fresh
// clone builds with `pnpm --filter @pizza-orders/web build` and no separate step.
export default defineConfig({
  plugins: [graphqlCodegen({ config: codegenConfig, throwOnStart: true, matchOnSchemas: true }), react()],
  build: {
    sourcemap: true,
    rollupOptions: {
      output: {
        // Libraries change far less often than the app: separate chunks stay cached across deploys.
        manualChunks(id) {
          if (/[\\/]node_modules[\\/](react|react-dom|scheduler)[\\/]/.test(id)) return "react";
          if (id.includes("node_modules")) return "vendor";
          return undefined;
        },
      },
    },
  },
});

// The app's own Vite config — React, and the codegen plugin that writes the git-ignored src/gql
// before anything imports it — plus the component tests' settings.
import { defineConfig, mergeConfig } from "vitest/config";
import viteConfig from "./vite.config";

export default mergeConfig(
  viteConfig,
  defineConfig({
    test: {
      name: "web",
      environment: "jsdom",
      include: ["test/**/*.test.tsx"],
      setupFiles: ["test/support/setup.ts"],
    },
  }),
);

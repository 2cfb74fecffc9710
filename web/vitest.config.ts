import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";

export default defineConfig({
  plugins: [react()],
  test: {
    name: "web",
    environment: "jsdom",
    include: ["test/**/*.test.tsx"],
    // src/gql is generated and git-ignored: generate it before any test imports it.
    globalSetup: ["test/support/generateGraphqlTypes.ts"],
    setupFiles: ["test/support/setup.ts"],
  },
});

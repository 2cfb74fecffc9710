// Every test of the project runs from `pnpm test` (the README's test command). One project per
// part of the system, so each runs in the environment it needs.
import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Vitest's default is one worker less than the cores: one on a 2-core CI machine, where most of
    // the suite's wall time is end-to-end files waiting on their shop (queues, leases, browsers)
    // rather than using the CPU. Two files at a time overlap those waits.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    reporters: ["default", "./tests/plainSummaryReporter.ts"],
    projects: [
      // Core tests run the use cases against dynalite (some race concurrent writers): 5 s, vitest's
      // default, was too tight for them on a loaded machine. A bound on a hang, never a speed check.
      { test: { name: "core", root: "packages/core", include: ["test/**/*.test.ts"], environment: "node", testTimeout: 30_000 } },
      {
        // The handler tests start a local shop (and wait for a workflow) in their hooks, as the
        // local project does: the same bound on a loaded machine (10 s, vitest's default, was not).
        test: { name: "functions", root: "packages/functions", include: ["test/**/*.test.ts"], environment: "node", testTimeout: 30_000, hookTimeout: 120_000 },
      },
      {
        test: {
          name: "stacks",
          root: "stacks",
          include: ["test/**/*.test.ts"],
          environment: "node",
          // A bound on a hang, never a speed check: two stages synthesized with cdk-nag took over
          // 240 s on a machine loaded by other work.
          testTimeout: 480_000,
          hookTimeout: 480_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: "local",
          root: "packages/local",
          include: ["test/**/*.test.ts"],
          environment: "node",
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      "web",
      {
        test: {
          name: "browser",
          root: "tests/browser",
          include: ["**/*.test.ts"],
          environment: "node",
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});

// Ends every `pnpm test` run with one plain line, "tests: N passed, N failed, N skipped", which
// CI and people can read without knowing vitest's own summary format.
import type { Reporter, RunnerTask, RunnerTestFile } from "vitest";

function count(tasks: readonly RunnerTask[], totals: { passed: number; failed: number; skipped: number }) {
  for (const task of tasks) {
    if (task.type === "suite") count(task.tasks, totals);
    else if (task.result?.state === "pass") totals.passed++;
    else if (task.result?.state === "fail") totals.failed++;
    else totals.skipped++;
  }
  return totals;
}

export default class PlainSummaryReporter implements Reporter {
  onFinished(files: RunnerTestFile[] = []) {
    const totals = count(files, { passed: 0, failed: 0, skipped: 0 });
    // A file that failed to load has no tests to count, but the run failed.
    const brokenFiles = files.filter((file) => file.result?.state === "fail" && file.tasks.length === 0).length;
    console.log(`\ntests: ${totals.passed} passed, ${totals.failed + brokenFiles} failed, ${totals.skipped} skipped`);
  }
}

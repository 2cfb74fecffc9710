// Every figure that has a natural limit, as "how many times away from it" (1 = at the limit),
// largest first: where the next improvement is.
import { appBundles, baselineBundle, EMPTY_HANDLER, SDK_ONLY_HANDLER } from "./functions/bundleBaselines";
import { bestMenuRate } from "./pipeline/apiLimit";
import { bestBurst } from "./pipeline/pipelineRuns";
import { n1, plural } from "./report/format";
import type { BenchResults, Gap } from "./results";
import { dataOf } from "./section";

/** Issue 11's target: a committed change on a subscriber's screen within 100 ms (p95) locally at 50 orders/s. */
export const LIVE_STATUS_TARGET_P95_MS = 100;

export function findGaps(results: BenchResults): Gap[] {
  const gaps: Gap[] = [];
  const { dynamoLimit, apiLimit, pipeline, statusDelivery, web, functions } = results.sections;
  const limit = dataOf(dynamoLimit);
  const api = dataOf(apiLimit);
  const pipe = dataOf(pipeline);
  if (pipe) {
    const best = bestBurst(pipe.runs);
    if (best && limit) {
      gaps.push({
        topic: "pipeline",
        figure: `Pipeline throughput (${best.label}) vs the embedded DynamoDB's rate for the same ${limit.writesPerOrder} writes + ${plural(limit.readsPerOrder, "read")} per order`,
        measured: `${n1(best.ordersPerSecond)} orders/s`,
        limit: `${n1(limit.ordersPerSecondFromRawRates)} orders/s`,
        factor: limit.ordersPerSecondFromRawRates / best.ordersPerSecond,
      });
    }
    const menu = api && bestMenuRate(api);
    if (best && menu) {
      gaps.push({
        topic: "pipeline",
        figure: `Pipeline throughput (${best.label}) vs the API's bare request rate (1 request per order)`,
        measured: `${n1(best.ordersPerSecond)} orders/s`,
        limit: `${n1(menu.perSecond)} requests/s`,
        factor: menu.perSecond / best.ordersPerSecond,
      });
    }
    for (const run of pipe.runs.filter((candidate) => candidate.offeredPerSecond !== undefined)) {
      gaps.push({
        topic: "pipeline",
        figure: `Steady load kept up with (${run.label})`,
        measured: `${n1(run.ordersPerSecond)} orders/s`,
        limit: `${run.offeredPerSecond} orders/s offered`,
        factor: run.offeredPerSecond! / run.ordersPerSecond,
      });
    }
  }
  const status = dataOf(statusDelivery);
  if (status) {
    const idle = status.scenarios[0]!;
    gaps.push({
      topic: "tracker",
      figure: `Tracker shows the outcome (${idle.scenario}, backoff schedule) vs when the pipeline reached it`,
      measured: `${Math.round(idle.backoff.shownAfterMsP50)} ms after placement (p50)`,
      limit: `${Math.round(idle.backoff.terminalAfterMsP50)} ms (terminal write, p50)`,
      factor: idle.backoff.shownAfterMsP50 / idle.backoff.terminalAfterMsP50,
    });
    gaps.push({
      topic: "tracker",
      figure: `Tracker status requests per order (${idle.scenario})`,
      measured: `${idle.backoff.requestsMean.toFixed(2)} requests (mean)`,
      limit: "1 request (the one that sees the outcome)",
      factor: idle.backoff.requestsMean,
    });
  }
  const bundles = dataOf(functions);
  if (bundles) {
    const deployed = appBundles(bundles);
    const worst = [...deployed].sort((a, b) => b.importRatioToEmpty - a.importRatioToEmpty)[0];
    const empty = baselineBundle(bundles, EMPTY_HANDLER);
    const sdkOnly = baselineBundle(bundles, SDK_ONLY_HANDLER);
    if (worst && sdkOnly) {
      gaps.push({
        topic: "functions",
        figure: `Function import time (slowest: ${worst.handler}) vs a bundle holding only the DynamoDB document client`,
        measured: `${n1(worst.importMsWithSourceMaps)} ms`,
        limit: `${n1(sdkOnly.importMsWithSourceMaps)} ms`,
        factor: worst.importMsWithSourceMaps / sdkOnly.importMsWithSourceMaps,
      });
    }
    if (deployed.length > 0) {
      const on = deployed.reduce((total, bundle) => total + bundle.importMsWithSourceMaps, 0);
      const off = deployed.reduce((total, bundle) => total + bundle.importMsWithoutSourceMaps, 0);
      gaps.push({
        topic: "functions",
        figure: "Function import time with `--enable-source-maps` (the stacks' NODE_OPTIONS) vs without, summed over the handlers",
        measured: `${n1(on)} ms`,
        limit: `${n1(off)} ms`,
        factor: on / off,
      });
    }
    if (worst && empty) {
      gaps.push({
        topic: "functions",
        figure: `Function import time (slowest: ${worst.handler}) vs an empty handler`,
        measured: `${n1(worst.importMsWithSourceMaps)} ms`,
        limit: `${n1(empty.importMsWithSourceMaps)} ms`,
        factor: worst.importRatioToEmpty,
      });
    }
  }
  const site = dataOf(web);
  if (site) {
    gaps.push({
      topic: "web",
      figure: "Web: first rendered menu vs a static page with the same element",
      measured: `${Math.round(site.timeToMenu.app.firstMenuMs)} ms`,
      limit: `${Math.round(site.timeToMenu.emptyPage.firstMenuMs)} ms`,
      factor: site.timeToMenu.ratio,
    });
    const { slow3g } = site.timeToMenu;
    gaps.push({
      topic: "web",
      figure: 'Web on "Slow 3G": menu on screen vs the 3 s target',
      measured: `${Math.round(slow3g.app.menuShownMs)} ms`,
      limit: `${Math.round(slow3g.targetMs)} ms`,
      factor: slow3g.app.menuShownMs / slow3g.targetMs,
    });
  }
  // Live status has a target rather than a natural limit: it is a gap only while the target is missed.
  const steadyLive = results.sections.liveStatus && dataOf(results.sections.liveStatus)?.runs.at(-1);
  if (steadyLive && steadyLive.shownAfterCommitMs.p95 > LIVE_STATUS_TARGET_P95_MS) {
    gaps.push({
      topic: "tracker",
      figure: `Live status shown after commit (${steadyLive.scenario}, p95) vs the local target`,
      measured: `${Math.round(steadyLive.shownAfterCommitMs.p95)} ms`,
      limit: `${LIVE_STATUS_TARGET_P95_MS} ms`,
      factor: steadyLive.shownAfterCommitMs.p95 / LIVE_STATUS_TARGET_P95_MS,
    });
  }
  return gaps.sort((a, b) => b.factor - a.factor);
}

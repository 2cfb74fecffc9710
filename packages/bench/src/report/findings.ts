// "Use the figures": what the largest gaps are made of and what would close them, written from
// this run's numbers (the wording is fixed, every number is read from the results).
import { MENU_HANDLER } from "../functions/appHandlers";
import { appBundles, baselineBundle, EMPTY_HANDLER, SDK_ONLY_HANDLER } from "../functions/bundleBaselines";
import { bestBurst } from "../pipeline/pipelineRuns";
import type { BenchResults, Gap, StatusDeliverySection } from "../results";
import { PREVIOUS_WEB_TRACKER } from "../status/trackerReplay";
import { commandCounts, n0, n1, plural, usd } from "./format";

function betterEverywhere(scenarios: StatusDeliverySection["scenarios"]): boolean {
  return scenarios.every((scenario) => scenario.backoff.requestsMean <= scenario.previous.requestsMean && scenario.backoff.shownAfterMsP50 <= scenario.previous.shownAfterMsP50);
}

type Topic = Gap["topic"] | "cost";

/** Blocks appear in the order of the largest gap they explain; cost, which has no gap, comes last. */
function byGapRank(results: BenchResults, blocks: Array<{ topic: Topic; lines: string[] }>): string[] {
  const rank = (topic: Topic) => {
    const index = results.gaps.findIndex((gap) => gap.topic === topic);
    return index === -1 ? Number.MAX_SAFE_INTEGER : index;
  };
  return [...blocks].sort((a, b) => rank(a.topic) - rank(b.topic)).flatMap((block) => block.lines);
}

export function findings(results: BenchResults): string[] {
  const head: string[] = [];
  const blocks: Array<{ topic: Topic; lines: string[] }> = [];
  let out: string[] = [];
  const block = (topic: Topic) => {
    out = [];
    blocks.push({ topic, lines: out });
  };
  const { functions, statusDelivery, dynamoLimit, pipeline, cost } = results.sections;
  const largest = results.gaps[0];
  if (largest) head.push(`**Largest gap in this run:** ${largest.figure} — ${largest.measured} against ${largest.limit} (${n1(largest.factor)} ×).`, "");

  if (functions.measured) {
    const deployed = appBundles(functions.data);
    const sdkOnly = baselineBundle(functions.data, SDK_ONLY_HANDLER);
    const empty = baselineBundle(functions.data, EMPTY_HANDLER);
    if (sdkOnly && empty && deployed.length) {
      const dataHandlers = deployed.filter((bundle) => bundle.handler !== MENU_HANDLER);
      const ratios = dataHandlers.map((bundle) => bundle.importMsWithSourceMaps / sdkOnly.importMsWithSourceMaps);
      const meanOn = deployed.reduce((sum, bundle) => sum + bundle.importMsWithSourceMaps, 0) / deployed.length;
      const meanOff = deployed.reduce((sum, bundle) => sum + bundle.importMsWithoutSourceMaps, 0) / deployed.length;
      const minified = appBundles(functions.data, "minified");
      const meanMinified = minified.length ? minified.reduce((sum, bundle) => sum + bundle.importMsWithSourceMaps, 0) / minified.length : Number.NaN;
      block("functions");
      out.push(
        "### Functions: what the import time is made of",
        "",
        `- A bundle holding only the DynamoDB document client is ${n0(sdkOnly.bytes)} B and imports in ${n1(sdkOnly.importMsWithSourceMaps)} ms (${n1(sdkOnly.importMsWithSourceMaps / empty.importMsWithSourceMaps)} × the empty handler). The data handlers import in ${n1(Math.min(...ratios))}–${n1(Math.max(...ratios))} × that: the AWS SDK v3 (bundled, as SST does for ESM) is the gap to the empty handler, not the app's code.`,
        `- Minifying (SST's \`nodejs.minify\`) shrinks the bundles but does not make importing faster here: mean ${n1(meanMinified)} ms minified vs ${n1(meanOn)} ms as deployed.`,
        `- What the app itself adds: \`NODE_OPTIONS=--enable-source-maps\` (stacks/index.ts) makes Node read and parse each function's source map when the bundle loads (${n0(Math.min(...dataHandlers.map((bundle) => bundle.sourceMapBytes)) / 1024)}–${n0(Math.max(...dataHandlers.map((bundle) => bundle.sourceMapBytes)) / 1024)} KiB for the data handlers). Mean import ${n1(meanOn)} ms with it, ${n1(meanOff)} ms without (${n1(meanOn - meanOff)} ms per cold start, same run).`,
        `- **Proposed fix (outside the bench, stacks/index.ts):** drop \`NODE_OPTIONS: "--enable-source-maps"\` from \`setDefaultFunctionProps\` (or set it only for non-prod stages). The .map files still ship with each function; logged stack traces then name bundle lines, which stay readable because SST keeps names and does not minify. Before: ${n1(meanOn)} ms mean import; expected after: the "off" column, ${n1(meanOff)} ms.`,
        "",
      );
    }
  }

  if (statusDelivery.measured) {
    const idle = statusDelivery.data.scenarios[0]!;
    const slow = [...statusDelivery.data.scenarios].sort((a, b) => b.backoff.terminalAfterMsP50 - a.backoff.terminalAfterMsP50)[0]!;
    block("tracker");
    out.push(
      "### Status delivery",
      "",
      `- On an idle pipeline the order ends ${n0(idle.backoff.terminalAfterMsP50)} ms after placement (p50); the web app's tracker shows it after ${n0(idle.backoff.shownAfterMsP50)} ms with ${idle.backoff.requestsMean.toFixed(2)} requests per order. Fixed 500 ms polling: ${n0(idle.fixed500.shownAfterMsP50)} ms, ${idle.fixed500.requestsMean.toFixed(2)} requests. Under load (${slow.scenario}, terminal after ${n0(slow.backoff.terminalAfterMsP50)} ms): ${slow.backoff.requestsMean.toFixed(2)} requests, late by ${n0(slow.backoff.lateByMsP50)} ms p50 (fixed 500 ms: ${slow.fixed500.requestsMean.toFixed(2)} requests, ${n0(slow.fixed500.lateByMsP50)} ms).`,
      `- **What changed (closing the largest gap of the first runs):** the tracker used to ask at once when it opened — an answer that always came before the pipeline finished — and then wait ${n0(PREVIOUS_WEB_TRACKER.schedule(0))} ms. It now opens with the order postOrder returned (a \`cache-first\` read of \`Order:<id>\` in web/src/orders/useOrderTracking.ts) and polls first after ${statusDelivery.data.backoffIntervalsMs[0]} ms (web/src/orders/pollingBackoff.ts). Before/after, replayed on this run's timings: idle ${n0(idle.previous.shownAfterMsP50)} → ${n0(idle.backoff.shownAfterMsP50)} ms shown, ${idle.previous.requestsMean.toFixed(2)} → ${idle.backoff.requestsMean.toFixed(2)} requests; ${slow.scenario}: late by ${n0(slow.previous.lateByMsP50)} → ${n0(slow.backoff.lateByMsP50)} ms p50, ${slow.previous.requestsMean.toFixed(2)} → ${slow.backoff.requestsMean.toFixed(2)} requests. ${betterEverywhere(statusDelivery.data.scenarios) ? "In every scenario of this run the new tracker makes no more requests and shows the outcome no later." : "Not every scenario of this run improves on both counts (section 2 has each)."}`,
      "- Polling cannot go below its first interval; a push closes the rest: an AppSync subscription fed by a mutation the backend calls when the order changes (AppSync pushes only what its own mutations return: README, \"How a change reaches a screen\") — one request, outcome shown when it happens. That spans stacks, functions, the local AppSync stand-in (WebSocket) and the web app.",
      "",
    );
  }

  if (results.sections.web.measured) {
    const site = results.sections.web.data;
    const biggest = [...site.initial.assets].sort((a, b) => b.bytes - a.bytes)[0]!;
    block("web");
    out.push(
      "### Web",
      "",
      `- The first menu appears ${n0(site.timeToMenu.app.firstMenuMs)} ms after navigation start: ${n0(site.timeToMenu.app.domContentLoadedMs)} ms until the ${n0(site.initial.js.bytes / 1024)} KiB of initial JS (${n0(site.initial.js.gzipBytes / 1024)} KiB gzip; largest chunk ${biggest.file}, ${n0(biggest.bytes / 1024)} KiB) has run, then the menu query's round trip and render. The static page shows the same element after ${n0(site.timeToMenu.emptyPage.firstMenuMs)} ms.`,
      `- The menu the API serves is the core's static menu (packages/core/src/menu), which the web app already bundles for pricing. **Possible change (web):** render the order form from the bundled menu (or seed Apollo's cache with it) and let the query refresh it, taking the request off the critical path (about ${n0(site.timeToMenu.app.firstMenuMs - site.timeToMenu.app.domContentLoadedMs)} ms here); the JS before it (${n0(site.timeToMenu.app.domContentLoadedMs)} ms) is ${site.timeToMenu.app.domContentLoadedMs > site.timeToMenu.app.firstMenuMs - site.timeToMenu.app.domContentLoadedMs ? "the larger part" : "the smaller part"}.`,
      "",
    );
  }

  if (dynamoLimit.measured && pipeline.measured) {
    const limit = dynamoLimit.data;
    const complete = limit.commandsPerStep.completeOrder ?? {};
    block("pipeline");
    const best = bestBurst(pipeline.data.runs);
    out.push(
      "### Pipeline and DynamoDB",
      "",
      `- Each paid order makes ${limit.writesPerOrder} DynamoDB writes and ${plural(limit.readsPerOrder, "read")}; the notification claim rides on the terminal-status write (completeOrder: ${commandCounts(complete)}). Each remaining write is a status change or the payment record, which the workflow's retries rely on being separate conditional writes.`,
      best
        ? `- The pipeline (${best.label}: ${n1(best.ordersPerSecond)} orders/s) runs at ${n0((best.ordersPerSecond / limit.ordersPerSecondFromRawRates) * 100)} % of what the embedded DynamoDB allows for those commands. The rest is the local stand-ins sharing one Node process with it — the AppSync stand-in, the queue, Step Functions, and an SDK round trip (signing, HTTP, parsing) on both sides of every call — which the cloud does not have; it bounds local mode, not the deployed app.`
        : "",
      "",
    );
  }

  if (cost.measured) {
    const model = cost.data;
    block("cost");
    out.push(
      "### Cost",
      "",
      `- Standard-workflow state transitions are ${n0(model.workflow.shareOfTotal * 100)} % of this app's cost per order (${usd(model.workflow.standardUsd)} of ${usd(model.totals.ours.total)} per million). An Express workflow would run the same definition for about ${usd(model.workflow.expressUsd)} per million, but gives up what the design relies on for exactly-once starts (execution names are not deduplicated for Express) — so it is a trade-off to decide, not a free fix.`,
      `- Against the original design, the difference is tracking: the original can only show a status by listing orders, and its listing Scans the whole table (${usd(model.totals.original.tracking)} per million orders at the same number of status checks, vs ${usd(model.totals.ours.tracking)} here with one GetItem per check).`,
      "",
    );
  }
  return [...head, ...byGapRank(results, blocks)];
}

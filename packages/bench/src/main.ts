// `pnpm bench`: measures the pipeline, the functions and the web app against their limits, all
// in one run, and writes BENCHMARKS.md and bench-results.json at the repository root.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { type RunningChild, startChild } from "./childProcess";
import { buildCostModel, loadOriginalDesign, loadPrices, type MeasuredPerOrder } from "./cost/costModel";
import { REPOSITORY_ROOT, readTemplateFacts, synthesizeTemplates } from "./cost/templateFacts";
import { measureDynamoLimit, otherAwsCalls } from "./dynamo/dynamoLimit";
import { ORDER_STEPS } from "./dynamo/orderDynamoWork";
import { ORDER_QUERY_HANDLER, ORDER_QUEUE_CONSUMER_HANDLER } from "./functions/appHandlers";
import { measureFunctionBundles } from "./functions/functionBundles";
import { findGaps } from "./gaps";
import { describeMachine } from "./machine";
import { measureApiLimit, TRACKER_QUERY_LABEL } from "./pipeline/apiLimit";
import { readExecutionFacts } from "./pipeline/executionFacts";
import { KitchenCook } from "./pipeline/kitchenCook";
import { type PipelineRunResult, runBurst, runSingles, runSteady } from "./pipeline/pipelineRuns";
import { ShopClient, type ShopEndpoints } from "./pipeline/shopClient";
import { renderMarkdown } from "./report/markdown";
import type { BenchResults, PipelineSection, StatusDeliverySection, WebSection } from "./results";
import { dataOf, NotMeasurable, runSection, type SectionResult } from "./section";
import { type ConnectionFigures, type LiveStatusRuns, measureConnections, measureLiveStatus } from "./status/liveStatus";
import { fixedIntervalTracker, loadWebTracker, type OrderToTrack, PREVIOUS_WEB_TRACKER, summarizeTracking } from "./status/trackerReplay";
import { initialAssetsOf } from "./web/initialAssets";
import { serveStatic } from "./web/staticServer";
import { EMPTY_PAGE, EMPTY_PAGE_PATH, measureTimeToMenu } from "./web/timeToMenu";
import { buildWebApp } from "./web/webBuild";

const STAGE = "prod";
const RESULTS_JSON = path.join(REPOSITORY_ROOT, "bench-results.json");
const BENCHMARKS_MD = path.join(REPOSITORY_ROOT, "BENCHMARKS.md");
const quick = process.argv.includes("--quick");
const settings = {
  rateSeconds: quick ? 1 : 3,
  dynamoConcurrencies: [1, 16],
  apiConcurrencies: [1, 16],
  singles: quick ? 5 : 20,
  bursts: quick ? [100] : [100, 1000],
  steadyRates: quick ? [20] : [20, 50, 100],
  steadySeconds: quick ? 3 : 10,
  // A bound on a hang, never a speed check: on a 2-core machine shared with test runs, the local
  // shop after the kitchen and events merges ran a burst of 1000 for more than 3 minutes.
  pipelineTimeoutMs: 600_000,
  warmUpOrders: quick ? 50 : 300,
  browserRuns: quick ? 2 : 5,
  importRuns: quick ? 3 : 7,
  liveCustomers: 10,
  liveSteadyRate: 50,
  subscribers: quick ? 200 : 1000,
  fanOutOrders: quick ? 10 : 50,
};

const started = performance.now();
// The commit the run starts from (other work may land while it runs).
let gitCommit: string | undefined;
try {
  gitCommit = execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: REPOSITORY_ROOT, encoding: "utf8" }).trim();
} catch {
  gitCommit = undefined;
}
const machine = describeMachine();
const previous = existsSync(RESULTS_JSON) ? (JSON.parse(readFileSync(RESULTS_JSON, "utf8")) as BenchResults) : undefined;
const notMeasured = <T>(reason: string): SectionResult<T> => ({ measured: false, durationMs: 0, reason });

const synth = await runSection("Synthesized template (offline sst build)", async () => ({ ...(await synthesizeTemplates(STAGE)), stage: STAGE }));

const dynamoDir = mkdtempSync(path.join(tmpdir(), "pizza-bench-dynalite-"));
const dynamoLimit = await runSection("DynamoDB limit (fresh dynalite, LevelDB on disk like the local shop)", () =>
  measureDynamoLimit({
    storagePath: dynamoDir,
    secondsPerRate: settings.rateSeconds,
    concurrencies: settings.dynamoConcurrencies,
    sequentialOrders: settings.singles,
  }),
);
rmSync(dynamoDir, { recursive: true, force: true });

let shop: RunningChild<ShopEndpoints> | undefined;
let shopProblem = "";
try {
  console.log("\n== starting the local shop (API + pipeline, no web) in its own process");
  shop = await startChild<ShopEndpoints>(fileURLToPath(new URL("./pipeline/shopProcess.ts", import.meta.url)), {
    label: "local shop",
    nodeArgs: ["--expose-gc"],
  });
} catch (error) {
  shopProblem = `the local shop did not start: ${error instanceof Error ? error.message : String(error)}`;
  console.error(shopProblem);
}
const client = shop ? new ShopClient(shop.ready) : undefined;

let apiLimit = notMeasured<Awaited<ReturnType<typeof measureApiLimit>>>(shopProblem);
let pipeline = notMeasured<PipelineSection>(shopProblem);
let statusDelivery = notMeasured<StatusDeliverySection>(shopProblem);
let web = notMeasured<WebSection>(shopProblem);
let liveStatus = notMeasured<LiveStatusRuns>(shopProblem);
let connections = notMeasured<ConnectionFigures>(shopProblem);
/** Every reported run with its per-order timings, the idle one (one order at a time) first. */
const pipelineRuns: PipelineRunResult[] = [];

if (client && shop) {
  try {
    // Paid orders wait in the kitchen until someone cooks them: the bench's cook empties it between
    // runs (why: kitchenCook.ts), so every run starts with the same empty kitchen.
    const cook = await KitchenCook.hire(client, shop.ready);
    const cooked = async <Run>(run: Run): Promise<Run> => {
      const started = performance.now();
      const completed = await cook.clearKitchen();
      console.log(`  (the cook completed ${completed} orders in ${((performance.now() - started) / 1000).toFixed(1)} s; not measured)`);
      return run;
    };
    pipeline = await runSection("Pipeline (local mode)", async () => {
      // Not reported: the first orders after start pay for loading and JIT-compiling the handlers,
      // which the DynamoDB limit (warmed up the same way) does not.
      const warmUp = await cooked(await runBurst(client, settings.warmUpOrders, { concurrency: 25, timeoutMs: settings.pipelineTimeoutMs }));
      console.log(`  warm-up (${warmUp.orders} orders, not reported): ${warmUp.ordersPerSecond.toFixed(1)} orders/s`);
      const singles = await cooked(await runSingles(client, settings.singles, { timeoutMs: settings.pipelineTimeoutMs }));
      pipelineRuns.push(singles);
      for (const count of settings.bursts) {
        const burst = await cooked(await runBurst(client, count, { concurrency: 100, timeoutMs: settings.pipelineTimeoutMs }));
        pipelineRuns.push(burst);
        console.log(`  ${burst.label}: ${burst.ordersPerSecond.toFixed(1)} orders/s, p50 ${burst.latencyMs.p50} ms`);
      }
      for (const rate of settings.steadyRates) {
        const steady = await cooked(await runSteady(client, rate, { seconds: settings.steadySeconds, timeoutMs: settings.pipelineTimeoutMs }));
        pipelineRuns.push(steady);
        console.log(`  ${steady.label}: ${steady.ordersPerSecond.toFixed(1)} orders/s, p50 ${steady.latencyMs.p50} ms, p99 ${steady.latencyMs.p99} ms`);
      }
      const report = await client.pipelineReport();
      const execution = await readExecutionFacts(shop!.ready.endpoints.stepfunctions, singles.timings[0]!.id);
      return {
        warmUpOrders: warmUp.orders,
        runs: pipelineRuns.map(({ timings: _timings, ...summary }) => summary),
        execution,
        averageBatchFill: report.consumer.recordsSucceeded / Math.max(1, report.consumer.batches),
        streamBatchFill: (report.orderChanges.consumer?.recordsDelivered ?? 0) / Math.max(1, report.orderChanges.consumer?.batches ?? 0),
        paymentPathChanges: singles.timings[0]!.statusHistory.length,
      };
    });

    const anyOrder = pipelineRuns[0]?.timings[0];
    apiLimit = anyOrder
      ? await runSection("API bare request rate", () =>
          measureApiLimit(client, {
            concurrencies: settings.apiConcurrencies,
            seconds: settings.rateSeconds,
            orderId: anyOrder.id,
            guestSecret: anyOrder.guestSecret,
          }),
        )
      : notMeasured("no order was placed, so there is no order to query");

    statusDelivery = await runSection("Status delivery (tracker replay)", async () => {
      const { tracker, firstIntervals } = await loadWebTracker();
      const orderQuery = dataOf(apiLimit)?.find((rate) => rate.query === TRACKER_QUERY_LABEL && rate.concurrency === 1);
      if (!orderQuery) throw new NotMeasurable("the order query's latency was not measured");
      const requestMs = orderQuery.latencyMs.p50;
      const scenarios = pipelineRuns.map((run) => {
        const orders: OrderToTrack[] = run.timings.map((timing) => ({
          acceptedAfterMs: timing.acceptedAt - timing.sentAt,
          terminalAfterMs: timing.terminalAt - timing.sentAt,
        }));
        return {
          scenario: run.label,
          backoff: summarizeTracking(orders, tracker, requestMs),
          fixed500: summarizeTracking(orders, fixedIntervalTracker(500), requestMs),
          previous: summarizeTracking(orders, PREVIOUS_WEB_TRACKER, requestMs),
        };
      });
      return { trackerRequestMs: requestMs, backoffIntervalsMs: firstIntervals, previous: PREVIOUS_WEB_TRACKER.description, scenarios };
    });

    liveStatus = await runSection("Live status (AppSync real-time endpoint, the web app's subscription link)", async () => {
      const status = dataOf(statusDelivery);
      if (!status) throw new NotMeasurable("the tracker's request time was not measured (status delivery section)");
      const { tracker } = await loadWebTracker();
      const timeoutMs = settings.pipelineTimeoutMs;
      // Cooked after the section, not after each run: its screens count every message they get.
      return cooked(
        await measureLiveStatus(
          client,
          shop!.ready,
          {
            customers: settings.liveCustomers,
            singles: settings.singles,
            steadyRate: settings.liveSteadyRate,
            steadySeconds: settings.steadySeconds,
            timeoutMs,
            tracker,
            trackerRequestMs: status.trackerRequestMs,
          },
          {
            singles: (placeAs) => runSingles(client, settings.singles, { timeoutMs, placeAs }),
            steady: (placeAs) => runSteady(client, settings.liveSteadyRate, { seconds: settings.steadySeconds, timeoutMs, placeAs }),
          },
        ),
      );
    });

    connections = await runSection(`Connections (${settings.subscribers} subscribers on the local API)`, async () =>
      cooked(
        await measureConnections(
          client,
          shop!.ready,
          { subscribers: settings.subscribers, customers: settings.liveCustomers, orders: settings.fanOutOrders, timeoutMs: settings.pipelineTimeoutMs },
          (count, placeAs) => runBurst(client, count, { concurrency: 10, timeoutMs: settings.pipelineTimeoutMs, placeAs }),
        ),
      ),
    );

    web = await runSection("Web app (production build, headless Chromium)", async () => {
      const outDir = mkdtempSync(path.join(tmpdir(), "pizza-bench-web-"));
      try {
        const { buildMs } = await buildWebApp(outDir, shop!.ready);
        const initial = await initialAssetsOf(outDir);
        const site = await serveStatic(outDir, { [EMPTY_PAGE_PATH]: EMPTY_PAGE });
        try {
          return { buildMs, initial, timeToMenu: await measureTimeToMenu(site.url, settings.browserRuns) };
        } finally {
          await site.close();
        }
      } finally {
        rmSync(outDir, { recursive: true, force: true });
      }
    });
  } finally {
    await shop.stop();
  }
}

const functions = await runSection("Functions (SST deploy bundles, import time in a fresh Node)", () =>
  measureFunctionBundles({ runs: settings.importRuns, variants: ["sst-default", "minified"] }),
);

const cost = await runSection("Cost model (per million orders)", async () => {
  if (!synth.measured) throw new NotMeasurable(`no synthesized template: ${synth.reason}`);
  const limit = dataOf(dynamoLimit);
  const pipe = dataOf(pipeline);
  const status = dataOf(statusDelivery);
  if (!limit) throw new NotMeasurable("the per-order DynamoDB work was not measured");
  if (!pipe) throw new NotMeasurable("the pipeline was not measured (execution history, batch fill)");
  if (!status) throw new NotMeasurable("the tracker replay was not measured");
  const oneCall = limit.getItemMedianMs;
  const idleTracking = status.scenarios[0]!.backoff;
  const measured: MeasuredPerOrder = {
    dynamoCommandsPerOrder: limit.commandsPerOrder,
    orderItemBytes: limit.orderItemBytes,
    // Each handler: its core step against dynalite, plus one request's time for each other AWS call
    // it made (answered locally while the step was timed). The consumer makes one StartExecution,
    // the order query one GetItem.
    handlerMs: {
      ...Object.fromEntries(ORDER_STEPS.map(({ step, handler }) => [handler, limit.stepMedianMs[step] + oneCall * otherAwsCalls(limit.commandsPerStep[step])])),
      [ORDER_QUEUE_CONSUMER_HANDLER]: oneCall,
      [ORDER_QUERY_HANDLER]: oneCall,
    },
    averageBatchFill: pipe.averageBatchFill,
    statesEntered: pipe.execution.statesEntered.length,
    lambdaTasksPerExecution: pipe.execution.lambdaTasksScheduled,
    executionHistoryBytes: pipe.execution.historyBytes,
    executionDurationMs: pipe.execution.durationMs,
    trackerRequestsPerOrder: idleTracking.requestsMean,
    live: liveCostInputs(dataOf(liveStatus)),
    kitchen: {
      stageMoves: limit.kitchenStageMoves,
      commandsPerOrder: limit.kitchenCommandsPerOrder,
      paymentPathCommands: limit.commandsPerOrder,
      changesPerOrder: (pipe.paymentPathChanges ?? 0) + limit.kitchenStageMoves,
      streamBatchFill: pipe.streamBatchFill ?? 1,
      completedItemBytes: limit.completedItemBytes ?? limit.orderItemBytes,
    },
  };
  return buildCostModel(readTemplateFacts(STAGE), measured, loadPrices(), loadOriginalDesign());
});

/** Per-order live status figures for the cost model, from the steady run (the last live run). */
function liveCostInputs(live: LiveStatusRuns | undefined): MeasuredPerOrder["live"] {
  const steady = live?.runs.at(-1);
  if (!steady) return undefined;
  return {
    publishesPerOrder: steady.changes / steady.orders,
    messagesPerOrder: steady.pushed / steady.orders,
    connectionMinutesPerOrder: steady.socketMsPerOrder / 60_000,
    statusRequestsPerOrder: steady.statusRequestsPerOrderWhileLive,
    sameFreshnessIntervalMs: steady.sameFreshnessPolling.intervalMs,
    sameFreshnessPollsPerOrder: steady.sameFreshnessPolling.summary.requestsMean,
  };
}

const results: BenchResults = {
  version: 1,
  machine,
  gitCommit,
  totalSeconds: (performance.now() - started) / 1000,
  sections: { synth, dynamoLimit, apiLimit, pipeline, statusDelivery, liveStatus, connections, web, functions, cost },
  gaps: [],
};
results.gaps = findGaps(results);
writeFileSync(RESULTS_JSON, `${JSON.stringify(results, null, 2)}\n`);
writeFileSync(BENCHMARKS_MD, renderMarkdown(results, previous));
console.log(`\nWrote ${path.relative(process.cwd(), BENCHMARKS_MD)} and ${path.relative(process.cwd(), RESULTS_JSON)} in ${results.totalSeconds.toFixed(0)} s`);
const missing = Object.entries(results.sections).filter(([, section]) => !section.measured);
if (missing.length > 0) console.log(`Not measured: ${missing.map(([name, section]) => `${name} (${section.measured ? "" : section.reason})`).join("; ")}`);
// Every measurement is done and written. Exiting explicitly: the subscription links of the live
// status section (aws-appsync-subscription-link) keep timers after the shop they talked to stopped.
process.exit(0);

// BENCHMARKS.md from one run's results. Every number below comes from `results`; nothing is typed
// in by hand. Sections that were not measured say so, with the reason.
import { BENCH_ORDER_INPUT } from "../benchOrder";
import type { CostLine, CostModel } from "../cost/costModel";
import { appBundles, baselineBundle, SDK_ONLY_HANDLER } from "../functions/bundleBaselines";
import { LIVE_STATUS_TARGET_P95_MS } from "../gaps";
import { bestMenuRate } from "../pipeline/apiLimit";
import type { BenchResults } from "../results";
import type { SectionResult } from "../section";
import { SLOW_3G } from "../web/timeToMenu";
import { findings } from "./findings";
import { commandCounts, kb, n0, n1, n2, pct, plural, table, usd } from "./format";

/** A section under its heading: its lines when it was measured, otherwise why it was not. */
function costTable(lines: CostLine[]): string {
  return table(
    ["Service", "Item", "Per order", "Unit", "USD per million orders", "Basis"],
    lines.map((entry) => [entry.service, entry.item, n2(entry.quantityPerOrder), entry.unit, usd(entry.usdPerMillionOrders), entry.basis]),
  );
}

function section<T>(heading: string, result: SectionResult<T>, render: (data: T) => string[]): string[] {
  return [heading, "", ...(result.measured ? render(result.data) : [`**Not measured:** ${result.reason}`, ""])];
}

function headline(results: BenchResults): Record<string, string> {
  const figures: Record<string, string> = {};
  const { pipeline, apiLimit, dynamoLimit, statusDelivery, functions, web, cost } = results.sections;
  if (dynamoLimit.measured) {
    figures["DynamoDB commands per order"] = commandCounts(dynamoLimit.data.commandsPerOrder);
    figures["DynamoDB ceiling (orders/s)"] = n1(dynamoLimit.data.ordersPerSecondFromRawRates);
  }
  if (apiLimit.measured) figures["API bare rate, best (requests/s)"] = n0(bestMenuRate(apiLimit.data)?.perSecond ?? Number.NaN);
  if (pipeline.measured) {
    for (const run of pipeline.data.runs)
      figures[`${run.label}: orders/s, p50 / p99 ms`] = `${n1(run.ordersPerSecond)}, ${n0(run.latencyMs.p50)} / ${n0(run.latencyMs.p99)}`;
  }
  if (statusDelivery.measured) {
    const idle = statusDelivery.data.scenarios[0]!;
    figures["Tracker (idle): requests (mean), shown after (p50 ms)"] = `${n2(idle.backoff.requestsMean)}, ${n0(idle.backoff.shownAfterMsP50)}`;
  }
  if (functions.measured) {
    const deployed = appBundles(functions.data);
    figures["Functions: largest bundle"] = kb(Math.max(...deployed.map((bundle) => bundle.bytes)));
    figures["Functions: slowest import × empty"] = n1(Math.max(...deployed.map((bundle) => bundle.importRatioToEmpty)));
  }
  if (web.measured) {
    figures["Web: initial JS gzip"] = kb(web.data.initial.js.gzipBytes);
    figures["Web: first menu (ms)"] = n0(web.data.timeToMenu.app.firstMenuMs);
    if (web.data.timeToMenu.slow3g) figures["Web: menu on screen, slow 3G (ms)"] = n0(web.data.timeToMenu.slow3g.app.menuShownMs);
  }
  if (cost.measured) {
    figures["Cost per million orders, with tracking"] = usd(cost.data.totals.ours.total);
    const lifecycle = cost.data.lifecycle;
    if (lifecycle)
      figures["Whole lifecycle per million orders: as built / Serverlesspresso-shaped"] =
        `${usd(lifecycle.columns[1]?.total ?? Number.NaN)} / ${usd(lifecycle.columns[2]?.total ?? Number.NaN)}`;
  }
  const live = results.sections.liveStatus;
  if (live?.measured) {
    for (const run of live.data.runs)
      figures[`Live status (${run.scenario}): shown after commit p50 / p95 ms`] = `${n0(run.shownAfterCommitMs.p50)} / ${n0(run.shownAfterCommitMs.p95)}`;
  }
  const connections = results.sections.connections;
  if (connections?.measured) figures["Heap per open subscription"] = kb(connections.data.heapBytesPerSubscription);
  return figures;
}

const notMeasuredYet: SectionResult<never> = { measured: false, durationMs: 0, reason: "this run's results have no such section" };

function liveStatusSections(results: BenchResults): string[] {
  const { liveStatus = notMeasuredYet, connections = notMeasuredYet } = results.sections;
  return [
    ...section("## 2b. Live status: pushed through the AppSync real-time endpoint", liveStatus, (live) => {
      const steady = live.runs.at(-1)!;
      return [
        `Screens as the web app holds them: ${live.customers} signed-in customers, each with its own socket to the local API's real-time endpoint (\`/graphql/realtime\`, AppSync's protocol) through Apollo and \`aws-appsync-subscription-link\` — the web app's link — subscribed to \`onCustomerOrderUpdates\` ("My orders") before ordering, so every change can arrive by push. Orders are placed round-robin as those customers. **Shown after commit** = arrival at the screen − the change's commit time (\`OrderUpdate.at\`, the time in the order's stored status history). Measured: the pipeline's own changes (everything in the history once the execution ended: QUEUED → PENDING_PAYMENT → the paid status), not kitchen stages. **Polling** = today's tracker (web/src/orders/pollingBackoff.ts) replayed on the same orders (section 2's method), for the same last change. Status requests are counted by the socket's state at send time, with the web app's own rule (\`shouldPoll\`, web/src/live/liveConnection.ts) deciding whether a screen polls.`,
        "",
        table(
          [
            "Run",
            "Orders",
            "Changes pushed / stored",
            "Missing",
            "Duplicates",
            "Every change: shown after commit p50 / p95 / max ms",
            "Last change (paid): push p50 / p95 ms",
            "Polling tracker: late by p50 / p95 ms",
            "Polling ÷ push (p95)",
            "Status requests per order while live / while down",
          ],
          live.runs.map((run) => [
            run.scenario,
            run.orders,
            `${run.pushed} / ${run.changes}`,
            run.missing,
            run.duplicates,
            `${n0(run.shownAfterCommitMs.p50)} / ${n0(run.shownAfterCommitMs.p95)} / ${n0(run.shownAfterCommitMs.max)}`,
            `${n0(run.lastChangeShownAfterMs.p50)} / ${n0(run.lastChangeShownAfterMs.p95)}`,
            `${n0(run.polling.lateByMsP50)} / ${n0(run.polling.lateByMsP95)}`,
            `${n1(run.polling.lateByMsP95 / Math.max(1, run.lastChangeShownAfterMs.p95))} ×`,
            `${n2(run.statusRequestsPerOrderWhileLive)} / ${n2(run.statusRequestsPerOrderWhileDown)}`,
          ]),
        ),
        "",
        `**What this means:** at a steady ${steady.scenario.replace(/^steady /, "")} a screen shows a committed change ${n0(steady.shownAfterCommitMs.p95)} ms after it at p95 (target ≤ ${LIVE_STATUS_TARGET_P95_MS} ms locally: ${steady.shownAfterCommitMs.p95 <= LIVE_STATUS_TARGET_P95_MS ? "met" : "**not met**"}), against ${n0(steady.polling.lateByMsP95)} ms for today's polling tracker on the same orders; while the socket is healthy the screens sent ${n2(steady.statusRequestsPerOrderWhileLive)} status requests per order (target 0: ${steady.statusRequestsPerOrderWhileLive === 0 ? "met" : "**not met**"}). Polling as fresh as the push (p95, replayed on the same orders) would have to ask every ${steady.sameFreshnessPolling.intervalMs} ms${steady.sameFreshnessPolling.reached ? "" : " and still not match it"}: ${n2(steady.sameFreshnessPolling.summary.requestsMean)} requests per order on this pipeline, which ends ${n0(steady.polling.terminalAfterMsP50)} ms after placement (p50) — far more wherever an order takes longer.`,
        "",
      ];
    }),
    ...section("## 2c. Connections: open subscriptions on the local API", connections, (c) => [
      `${c.subscribers} subscriptions, each on its own socket (one screen each, as browsers have), spread over ${c.customers} customers' "My orders", opened 50 at a time (${n0(c.openedPerSecond)} started per second). Memory of the shop's process (its own Node process, measured ${c.afterGc ? "after a full GC" : "without a forced GC"}) before and with them all open; then ${c.orders} orders of those customers, every change fanned out to each of the customer's ${n0(c.subscribers / c.customers)} screens.`,
      "",
      table(
        ["Figure", "Value"],
        [
          ["Heap used: before → all open", `${kb(c.memoryBefore.heapUsed)} → ${kb(c.memoryOpen.heapUsed)}`],
          ["RSS: before → all open", `${kb(c.memoryBefore.rss)} → ${kb(c.memoryOpen.rss)}`],
          ["**Heap per open subscription**", `**${kb(c.heapBytesPerSubscription)}**`],
          ["RSS per open subscription", kb(c.rssBytesPerSubscription)],
          ["Changes committed → messages delivered (expected)", `${c.changes} → ${c.messages} (${c.expectedMessages})`],
          ["**Messages fanned out per second** (first commit → last arrival)", `**${n0(c.messagesPerSecond)}**`],
          [
            "Shown after commit under fan-out, p50 / p95 / max ms",
            `${n0(c.shownAfterCommitMs.p50)} / ${n0(c.shownAfterCommitMs.p95)} / ${n0(c.shownAfterCommitMs.max)}`,
          ],
        ],
      ),
      "",
      `**What this means:** each open screen costs the local API about ${kb(c.heapBytesPerSubscription)} of heap (${kb(c.rssBytesPerSubscription)} RSS), so ${c.subscribers} watchers add ${kb(c.memoryOpen.heapUsed - c.memoryBefore.heapUsed)}; one process pushed ${n0(c.messagesPerSecond)} messages/s to them. In AWS, AppSync holds the sockets and this memory is not the app's.`,
      "",
    ]),
  ];
}

function liveCostLines(model: CostModel): string[] {
  const live = model.liveStatus;
  if (!live) return ["Live status: not priced (the live status section was not measured).", ""];
  return [
    "### Status tracking: push (AppSync real-time) vs polling",
    "",
    `Per order, from the live steady run (section 2b). AppSync list prices: $${n2(model.pushPrices.perMillionQueryOrMutation)} per million query/mutation operations, $${n2(model.pushPrices.perMillionRealtimeUpdates)} per million real-time updates, $${n2(model.pushPrices.perMillionConnectionMinutes)} per million connection-minutes.`,
    "",
    "**Push (replaces the tracking queries)**",
    "",
    costTable(live.push),
    "",
    "**Polling just as fresh (p95), replayed on the same orders**",
    "",
    costTable(live.samePolling),
    "",
    table(
      ["USD per million orders", "Push", "Polling as fresh", "Today's polling tracker"],
      [["Status tracking", `**${usd(live.totals.push)}**`, usd(live.totals.samePolling), usd(live.totals.trackerPolling)]],
    ),
    "",
    `**What this means:** pushing the status costs ${usd(live.totals.push)} per million orders against ${usd(live.totals.samePolling)} for polling that would be as fresh (${n1(live.totals.samePolling / Math.max(1e-9, live.totals.push))} ×) and ${usd(live.totals.trackerPolling)} for today's slower tracker.`,
    "",
  ];
}

function lifecycleCostLines(model: CostModel): string[] {
  const lifecycle = model.lifecycle;
  if (!lifecycle) return [];
  const [today, asBuilt, serverlesspresso] = lifecycle.columns;
  const { orchestration } = lifecycle;
  return [
    "### The order's whole lifecycle (issue 10): today, as built, Serverlesspresso-shaped",
    "",
    `As built: the payment workflow stays a Standard workflow (its exactly-once start — execution name = order id — is what the crash and duplicate guarantees rely on); the kitchen's stages (${lifecycle.kitchenStages.join(" → ")}, pickup, from the core's rules) are guarded conditional writes the staff make through AppSync (\`advanceOrder\`), with no workflow waiting on people; deadlines are enforced by one scheduled reconciler; the status is pushed. Serverlesspresso-shaped: the same lifecycle, with a Standard workflow that also waits on a task token at each kitchen stage.`,
    "",
    "**What the new lifecycle adds to today's lines**",
    "",
    costTable(lifecycle.kitchenLines),
    "",
    "**What waiting in the workflow at each kitchen stage would add (Serverlesspresso's shape)**",
    "",
    costTable(lifecycle.waitLines),
    "",
    table(
      ["USD per million orders", ...lifecycle.columns.map((column) => column.design)],
      [
        ...lifecycle.services.map((service) => [service, ...lifecycle.columns.map((column) => usd(column.byService[service] ?? 0))]),
        ["**Total**", ...lifecycle.columns.map((column) => `**${usd(column.total)}**`)],
      ],
    ),
    "",
    `**Targets.** Orchestration (Step Functions + orders queue + its consumer) at most ${usd(orchestration.targetUsd)} per million orders: **${orchestration.holds ? "met" : "not met"}** — ${usd(orchestration.asBuiltUsd)} as built. A Standard workflow bills every state transition (${usd(orchestration.perTransitionUsd)} per million orders for each state an order enters); even a one-state workflow would bring the orchestration to ${usd(orchestration.standardFloorUsd)}, so no Standard design reaches ${usd(orchestration.targetUsd)}. The same payment workflow as an Express workflow (per request + duration, measured execution ${n0(model.workflow.executionMs)} ms billed in 100 ms steps at 64 MB) would bring it to ${usd(orchestration.expressUsd)}, but Express starts are at-least-once and keep no execution-name idempotency, which the order's exactly-once payment start relies on — so the payment workflow stays Standard and the orchestration costs ${usd(orchestration.asBuiltUsd)}. Whole lifecycle below the Serverlesspresso-shaped figure: **${lifecycle.lifecycleBelowServerlesspresso ? "met" : "not met"}** — ${usd(asBuilt?.total ?? Number.NaN)} against ${usd(serverlesspresso?.total ?? Number.NaN)} (today's payment path and tracking: ${usd(today?.total ?? Number.NaN)}).`,
    "",
  ];
}

export function renderMarkdown(results: BenchResults, previous?: BenchResults): string {
  const { machine } = results;
  const out: string[] = [];
  const { synth, dynamoLimit, apiLimit, pipeline, statusDelivery, web, functions, cost } = results.sections;

  out.push(
    "# Benchmarks",
    "",
    `Generated by \`pnpm bench\` on ${machine.date} (commit ${results.gitCommit ?? "unknown"}) in ${n0(results.totalSeconds)} s. Every figure is from that one run; figures with a natural limit are shown against that limit, measured in the same run. Raw data: [bench-results.json](bench-results.json).`,
    "",
    table(
      ["Machine", ""],
      [
        ["CPU", machine.cpuModel],
        ["Cores", machine.cores],
        ["Memory", `${machine.memoryGiB} GiB`],
        ["OS", machine.platform],
        ["Node.js", machine.nodeVersion],
      ],
    ),
    "",
    "## Largest gaps to a limit",
    "",
    "How many times each figure is away from its limit (1.0 = at the limit), largest first.",
    "",
    results.gaps.length
      ? table(
          ["Figure", "Measured", "Limit", "× away"],
          results.gaps.map((gap) => [gap.figure, gap.measured, gap.limit, n1(gap.factor)]),
        )
      : "No limit could be compared (see the sections below).",
    "",
    "## Findings: what the gaps are made of, and what would close them",
    "",
    ...findings(results),
  );

  if (previous) {
    const before = headline(previous);
    const after = headline(results);
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    out.push(
      "## Compared with the previous run",
      "",
      `Before: the run of ${previous.machine.date} (commit ${previous.gitCommit ?? "unknown"}), read from the bench-results.json this run replaced. After: this run (commit ${results.gitCommit ?? "unknown"}). After a change this is its before/after; with no change in between it shows how much the figures move from run to run on this machine.`,
      "",
      table(
        ["Figure", "Before", "After"],
        keys.map((key) => [key, before[key] ?? "–", after[key] ?? "–"]),
      ),
      "",
    );
  }

  out.push("## 1. Pipeline throughput and latency (local mode)", "");
  out.push(
    `The local shop (dynalite, SQS / Step Functions / SNS emulators, AppSync stand-in; no web) runs in its own process. The bench places paid orders (\`${BENCH_ORDER_INPUT.paymentToken}\`) with \`postOrder\` over GraphQL. Latency is from sending \`postOrder\` to the terminal status the pipeline wrote in the order's status history; orders/s is orders ÷ (last terminal − first placement). While orders are in flight only \`GET /pipeline\` (execution counts) is polled.` +
      (pipeline.measured
        ? ` Before the reported runs, ${pipeline.data.warmUpOrders} orders warm the handlers up (not reported), as the DynamoDB limit is measured warm.`
        : ""),
    "",
  );
  out.push(
    ...section("### Limit 1: the embedded DynamoDB", dynamoLimit, (limit) => [
      `Fresh dynalite, ${limit.storage}, in its own process. Commands per order, counted while the core's own use cases ran one paid order (${Object.keys(limit.stepMedianMs).join(" → ")}): its payment path (what the pipeline runs) ${commandCounts(limit.commandsPerOrder, " × ")} — **${limit.writesPerOrder} writes + ${plural(limit.readsPerOrder, "read")}** against DynamoDB; then its kitchen, ${plural(limit.kitchenStageMoves, "advanceOrder")} as the restaurant's staff moves it to COMPLETED: ${commandCounts(limit.kitchenCommandsPerOrder, " × ")}. Stored item: ${limit.orderItemBytes} B.`,
      "",
      table(
        ["Operation", "In flight", "ops/s", "p50 ms"],
        (["putItem", "updateItem", "getItem"] as const).flatMap((kind) =>
          limit.rates[kind].map((rate) => [kind, rate.concurrency, n0(rate.perSecond), n2(rate.p50Ms)]),
        ),
      ),
      "",
      `Orders/s the raw rates allow for the payment path's commands: **${n1(limit.ordersPerSecondFromRawRates)}**. The order's whole DynamoDB work (payment path and kitchen) run through the core code with ${limit.orderWorkRate.concurrency} orders in flight (no queue, workflow or API): ${n1(limit.orderWorkRate.perSecond)} orders/s.`,
      "",
      table(
        ["Step (handler)", "Median ms per call, one at a time", "Commands per call"],
        Object.entries(limit.stepMedianMs).map(([step, ms]) => [
          step,
          n2(ms),
          commandCounts(limit.commandsPerStep[step as keyof typeof limit.commandsPerStep] ?? {}),
        ]),
      ),
      "",
    ]),
    ...section("### Limit 2: the API's bare request rate", apiLimit, (rates) => [
      table(
        ["Query", "In flight", "requests/s", "p50 ms", "p99 ms", "errors"],
        rates.map((rate) => [`\`${rate.query}\``, rate.concurrency, n0(rate.perSecond), n2(rate.latencyMs.p50), n2(rate.latencyMs.p99), rate.errors]),
      ),
      "",
    ]),
    ...section("### Runs", pipeline, (data) => {
      const ceiling = dynamoLimit.measured ? dynamoLimit.data.ordersPerSecondFromRawRates : Number.NaN;
      const apiRate = (apiLimit.measured && bestMenuRate(apiLimit.data)?.perSecond) || Number.NaN;
      return [
        table(
          [
            "Run",
            "Orders",
            "Orders/s end to end",
            "Accepted/s",
            "p50 ms",
            "p95 ms",
            "p99 ms",
            "Drain after last placement",
            "of DynamoDB limit",
            "of API rate",
            "Outcomes",
          ],
          data.runs.map((run) => [
            run.label,
            run.orders + (run.failedPlacements ? ` (+${run.failedPlacements} refused)` : ""),
            n1(run.ordersPerSecond),
            n1(run.acceptedPerSecond),
            n0(run.latencyMs.p50),
            n0(run.latencyMs.p95),
            n0(run.latencyMs.p99),
            `${n0(run.drainAfterLastPlacementMs)} ms`,
            run.label.includes("single") ? "–" : pct(run.ordersPerSecond / ceiling),
            run.label.includes("single") ? "–" : pct(run.ordersPerSecond / apiRate),
            Object.entries(run.terminalStatuses)
              .map(([status, count]) => `${status} ${count}`)
              .join(", "),
          ]),
        ),
        "",
        `One paid order's execution (local Step Functions history): ${data.execution.statesEntered.length} states entered (${data.execution.statesEntered.join(" → ")}), ${data.execution.lambdaTasksScheduled} Lambda tasks, ${data.execution.events} history events (${n0(data.execution.historyBytes)} B). Queue consumer: ${n2(data.averageBatchFill)} orders per invocation on average over the run.`,
        "",
      ];
    }),
  );

  out.push(
    ...section("## 2. Status delivery: the web app's tracker", statusDelivery, (status) => [
      `The tracker's own schedule, imported from \`web/src/orders/pollingBackoff.ts\` (waits after each answer: ${status.backoffIntervalsMs.join(", ")} ms …), replayed against each order's real timings from section 1: the tracker opens with the order \`postOrder\` returned and sends its first request one interval later; each request takes the measured median of the tracker's \`order(id)\` query (${n2(status.trackerRequestMs)} ms) and sees the terminal status if the server reads after the terminal write. Compared with naive polling every 500 ms (first request at once), and with the tracker before this benchmark's change (${status.previous}) replayed on the same timings.`,
      "",
      table(
        [
          "Orders from",
          "Terminal after (p50)",
          "Web app's backoff: requests p50 / p95 / mean",
          "late by p50 / p95",
          "Fixed 500 ms: requests p50 / p95 / mean",
          "late by p50 / p95",
          "Before the change: requests p50 / p95 / mean",
          "late by p50 / p95",
        ],
        status.scenarios.map((scenario) => [
          scenario.scenario,
          `${n0(scenario.backoff.terminalAfterMsP50)} ms`,
          ...[scenario.backoff, scenario.fixed500, scenario.previous].flatMap((summary) => [
            `${summary.requestsP50} / ${summary.requestsP95} / ${n2(summary.requestsMean)}`,
            `${n0(summary.lateByMsP50)} / ${n0(summary.lateByMsP95)} ms`,
          ]),
        ]),
      ),
      "",
    ]),
    ...liveStatusSections(results),
    ...section("## 3. Functions: bundle size and import time", functions, (bundles) => {
      const rows = bundles.filter((bundle) => bundle.variant === "sst-default");
      const minified = new Map(bundles.filter((bundle) => bundle.variant === "minified").map((bundle) => [bundle.handler, bundle]));
      const sdkOnly = baselineBundle(bundles, SDK_ONLY_HANDLER);
      return [
        "Each handler bundled by SST 2.49.8's own builder in deploy mode, with the app's function props (`node_modules/sst/runtime/handlers/node.js`, called by `packages/local/src/lambda/sstDeployBundler.ts`: ESM, platform node, target esnext, bundle, keepNames, linked source map, `@aws-sdk/*` bundled — SST externalizes only `aws-sdk` v2 for CJS on nodejs16.x — and no minify unless `nodejs.minify` is set; the stacks do not set it). Import time: a fresh `node` process imports the bundle and measures `await import()` with `performance.now()`; median of the runs, with `--enable-source-maps` as the stacks set in `NODE_OPTIONS`, and without. Two baselines are bundled and imported the same way: an empty handler, and a handler that only creates the DynamoDB document client every data handler needs. Runs go round-robin over all bundles so a noisy moment hits them alike.",
        "",
        table(
          [
            "Handler",
            "Bytes",
            "Gzip",
            "Source map",
            "Import ms (source maps on)",
            "Import ms (off)",
            "× empty",
            "× DynamoDB client only",
            "Minified bytes",
            "Minified import ms (on)",
          ],
          rows.map((bundle) => {
            const small = minified.get(bundle.handler);
            return [
              bundle.handler,
              n0(bundle.bytes),
              n0(bundle.gzipBytes),
              n0(bundle.sourceMapBytes),
              n1(bundle.importMsWithSourceMaps),
              n1(bundle.importMsWithoutSourceMaps),
              n1(bundle.importRatioToEmpty),
              sdkOnly ? n2(bundle.importMsWithSourceMaps / sdkOnly.importMsWithSourceMaps) : "–",
              small ? n0(small.bytes) : "–",
              small ? n1(small.importMsWithSourceMaps) : "–",
            ];
          }),
        ),
        "",
      ];
    }),
    ...section("## 4. Web app", web, (site) => [
      `Production build (\`vite build\`, ${n1(site.buildMs / 1000)} s) pointed at the local shop; initial assets are what the built index.html loads (module script, modulepreload, stylesheet).`,
      "",
      table(
        ["Asset", "Kind", "Bytes", "Gzip"],
        [
          ...site.initial.assets.map((asset) => [asset.file, asset.kind, n0(asset.bytes), n0(asset.gzipBytes)]),
          ["**Initial JS**", "js", `**${n0(site.initial.js.bytes)}**`, `**${n0(site.initial.js.gzipBytes)}**`],
          ["**Initial CSS**", "css", `**${n0(site.initial.css.bytes)}**`, `**${n0(site.initial.css.gzipBytes)}**`],
        ],
      ),
      "",
      `Headless Chromium (/usr/bin/chromium), a fresh profile per load, static server on loopback, API = the local shop. Median of ${site.timeToMenu.app.runs} loads, ms from navigation start:`,
      "",
      table(
        ["Page", "First menu element", "First contentful paint", "DOMContentLoaded"],
        [
          ["The app (`/`)", n0(site.timeToMenu.app.firstMenuMs), n0(site.timeToMenu.app.firstContentfulPaintMs), n0(site.timeToMenu.app.domContentLoadedMs)],
          [
            "Static page with the same element (limit)",
            n0(site.timeToMenu.emptyPage.firstMenuMs),
            n0(site.timeToMenu.emptyPage.firstContentfulPaintMs),
            n0(site.timeToMenu.emptyPage.domContentLoadedMs),
          ],
        ],
      ),
      "",
      `First menu: **${n1(site.timeToMenu.ratio)} ×** the static page.`,
      "",
      `On Chrome's "Slow 3G" profile (DevTools protocol: ${n0(SLOW_3G.latencyMs)} ms added per request, ${n0((SLOW_3G.downloadBytesPerSecond * 8) / 1000)} kbit/s; the page and the API alike; the static server compresses as CloudFront does), median of ${site.timeToMenu.slow3g.app.runs} loads:`,
      "",
      table(
        ["Page", "First menu element", "First contentful paint", "Menu on screen", "DOMContentLoaded (scripts run: usable)"],
        [
          [
            "The app (`/`)",
            n0(site.timeToMenu.slow3g.app.firstMenuMs),
            n0(site.timeToMenu.slow3g.app.firstContentfulPaintMs),
            n0(site.timeToMenu.slow3g.app.menuShownMs),
            n0(site.timeToMenu.slow3g.app.domContentLoadedMs),
          ],
          [
            "Static page with the same element",
            n0(site.timeToMenu.slow3g.emptyPage.firstMenuMs),
            n0(site.timeToMenu.slow3g.emptyPage.firstContentfulPaintMs),
            n0(site.timeToMenu.slow3g.emptyPage.menuShownMs),
            n0(site.timeToMenu.slow3g.emptyPage.domContentLoadedMs),
          ],
        ],
      ),
      "",
      `Menu on screen on slow 3G: **${n0(site.timeToMenu.slow3g.app.menuShownMs)} ms** against the target of ${n0(site.timeToMenu.slow3g.targetMs)} ms (${site.timeToMenu.slow3g.app.menuShownMs <= site.timeToMenu.slow3g.targetMs ? "met" : "missed"}). The build prerenders the order page with the bundled menu into index.html and inlines the stylesheet (\`web/build/prerenderOrderPage.ts\`); the menu can be used once the scripts have run (DOMContentLoaded).`,
      "",
    ]),
    ...section("## 5. Cost model: AWS cost per million orders", cost, (model) => [
      `Prices: \`packages/bench/data/aws-prices-us-east-1.json\` (as of ${model.pricesAsOf}). This app: the ${synth.measured ? `\`${synth.data.stage}\`` : ""} template synthesized in this run (function memory and architecture, workflow type and definition, batch size, logging) with per-order counts measured above. Original: \`packages/bench/data/original-design.json\` (from github.com/trey-rosius/event_driven_cdk, the original project). Paid orders; tracking = ${n2(model.trackerRequestsPerOrder)} status requests per order (the tracker replay, idle pipeline) for both designs — the original can only see a status by listing orders, which Scans the table.`,
      "",
      "### This app",
      "",
      costTable(model.ours),
      "",
      "### Original design",
      "",
      costTable(model.original),
      "",
      "### Side by side",
      "",
      table(
        ["USD per million orders", "This app", "Original"],
        [
          ["Pipeline (place → terminal)", usd(model.totals.ours.pipeline), usd(model.totals.original.pipeline)],
          ["Status tracking", usd(model.totals.ours.tracking), usd(model.totals.original.tracking)],
          ["**Total**", `**${usd(model.totals.ours.total)}**`, `**${usd(model.totals.original.total)}**`],
        ],
      ),
      "",
      ...liveCostLines(model),
      ...lifecycleCostLines(model),
      `The workflow's state transitions are ${pct(model.workflow.shareOfTotal)} of this app's total (${usd(model.workflow.standardUsd)} of ${usd(model.totals.ours.total)}). The same execution as an Express workflow (per request + duration; local execution ${n0(model.workflow.executionMs)} ms, billed in 100 ms steps at 64 MB) would cost ${usd(model.workflow.expressUsd)} per million orders.`,
      "",
      ...model.notes.map((note) => `- ${note}`),
      "",
    ]),
  );

  out.push(
    "## Section run times",
    "",
    table(
      ["Section", "Seconds", "Status"],
      Object.entries(results.sections).map(([name, result]) => [
        name,
        n1(result.durationMs / 1000),
        result.measured ? "measured" : `not measured: ${result.reason}`,
      ]),
    ),
    "",
  );
  return `${out.join("\n")}\n`;
}

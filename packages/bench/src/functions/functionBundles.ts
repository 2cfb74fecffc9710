// Bundles every Lambda handler with SST's own builder, as `sst deploy` does (the app's function
// props; `nodejs.minify` for the minified variant), and times importing each bundle in a fresh
// Node process (a local stand-in for cold-start init), against an empty handler done the same way.
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { gzipSync } from "node:zlib";
import type { AppConfig } from "@pizza-orders/core/config";
import { DEFAULT_ORDER_DEADLINE_SECONDS } from "@pizza-orders/core/order/deadlines";
import { sstDeployBundler } from "@pizza-orders/local/lambda/sstDeployBundler";
import { REPOSITORY_ROOT } from "@pizza-orders/local/localShopSettings";
import { APP_FUNCTION_DEFAULTS } from "../../../../stacks/appFunctionDefaults";
import { median } from "../stats";
import { APP_HANDLERS } from "./appHandlers";
import { EMPTY_HANDLER, SDK_ONLY_HANDLER } from "./bundleBaselines";

const run = promisify(execFile);
const FUNCTIONS_SRC = fileURLToPath(new URL("../../../functions/src/", import.meta.url));
const PROBE = fileURLToPath(new URL("./importTimeProbe.mjs", import.meta.url));

/** The app's configuration (every key core's config reads) with dummy values: no network happens at import. */
const APP_CONFIG: Record<keyof AppConfig, string> = {
  ORDERS_TABLE_NAME: "bench-orders",
  ORDERS_QUEUE_URL: "https://sqs.us-east-1.amazonaws.com/000000000000/bench",
  ORDER_WORKFLOW_ARN: "arn:aws:states:us-east-1:000000000000:stateMachine:bench",
  ORDER_NOTIFICATIONS_TOPIC_ARN: "arn:aws:sns:us-east-1:000000000000:bench",
  RECEIPTS_BUCKET_NAME: "bench-receipts",
  ORDER_EVENTS_BUS_NAME: "bench-order-events",
  PAYMENT_SUCCESS_RATE: "0.9",
  ORDER_DEADLINE_SECONDS: JSON.stringify(DEFAULT_ORDER_DEADLINE_SECONDS),
};
const HANDLER_ENV = {
  ...APP_CONFIG,
  // What the stacks give the functions beyond the core's config (stacks/appFunctionProps.ts): the
  // cloud's e-mail transport (read when the e-mail listener loads) and the API's URL.
  CUSTOMER_EMAIL_TRANSPORT: "ses",
  CUSTOMER_EMAIL_FROM: "orders@bench.example.com",
  SES_CONFIGURATION_SET: "bench",
  ORDERS_API_URL: "https://bench.appsync-api.us-east-1.amazonaws.com/graphql",
  AWS_REGION: "us-east-1",
  AWS_ACCESS_KEY_ID: "bench",
  AWS_SECRET_ACCESS_KEY: "bench",
  AWS_LAMBDA_FUNCTION_NAME: "bench",
};

export interface BundleFigure {
  handler: string;
  variant: "sst-default" | "minified";
  bytes: number;
  gzipBytes: number;
  sourceMapBytes: number;
  /** Median import time, `--enable-source-maps` on (the stacks set it in NODE_OPTIONS). */
  importMsWithSourceMaps: number;
  importMsWithoutSourceMaps: number;
  importRatioToEmpty: number;
}

async function importOnce(bundle: string, sourceMaps: boolean): Promise<number> {
  const { stdout } = await run(process.execPath, [...(sourceMaps ? ["--enable-source-maps"] : []), PROBE, pathToFileURL(bundle).href], {
    env: { PATH: process.env.PATH, ...HANDLER_ENV },
  });
  return (JSON.parse(stdout) as { importMs: number }).importMs;
}

interface BuiltBundle {
  handler: string;
  variant: BundleFigure["variant"];
  outfile: string;
  withMaps: number[];
  withoutMaps: number[];
}

export async function measureFunctionBundles(options: { runs: number; variants: Array<BundleFigure["variant"]> }): Promise<BundleFigure[]> {
  const outdir = await mkdtemp(path.join(tmpdir(), "pizza-bench-bundles-"));
  try {
    const entries = [
      { handler: EMPTY_HANDLER, file: fileURLToPath(new URL("./emptyHandler.ts", import.meta.url)) },
      { handler: SDK_ONLY_HANDLER, file: fileURLToPath(new URL("./sdkOnlyHandler.ts", import.meta.url)) },
      ...APP_HANDLERS.map((handler) => ({ handler, file: path.join(FUNCTIONS_SRC, `${handler}.ts`) })),
    ];
    const built: BuiltBundle[] = [];
    for (const variant of options.variants) {
      // esbuild resolves entry points from the working directory it saw when it was first loaded
      // (its `defaultWD`), not the one sstDeployBundler changes to: `sst deploy` runs at the root,
      // the bench from its package folder, where "packages/…/handler.ts" does not resolve. The
      // root as esbuild's working directory is what `sst deploy` gives it; the output is the same.
      const bundle = sstDeployBundler(path.join(outdir, variant), {
        ...APP_FUNCTION_DEFAULTS,
        nodejs: { minify: variant === "minified", esbuild: { absWorkingDir: REPOSITORY_ROOT } },
      });
      const urls = await bundle(Object.fromEntries(entries.map((entry) => [entry.handler, entry.file])));
      for (const entry of entries)
        built.push({ handler: entry.handler, variant, outfile: fileURLToPath(urls.get(entry.handler)!), withMaps: [], withoutMaps: [] });
    }
    // Round-robin: every bundle once per round, so a noisy moment on a shared machine hits all of
    // them alike instead of one bundle's whole series.
    for (let round = 0; round < options.runs; round++) {
      for (const bundle of built) {
        bundle.withMaps.push(await importOnce(bundle.outfile, true));
        bundle.withoutMaps.push(await importOnce(bundle.outfile, false));
      }
    }
    const figures: BundleFigure[] = [];
    for (const bundle of built) {
      const code = await readFile(bundle.outfile);
      const empty = built.find((candidate) => candidate.variant === bundle.variant && candidate.handler === EMPTY_HANDLER)!;
      const figure: BundleFigure = {
        handler: bundle.handler,
        variant: bundle.variant,
        bytes: code.byteLength,
        gzipBytes: gzipSync(code, { level: 9 }).byteLength,
        sourceMapBytes: (await stat(`${bundle.outfile}.map`)).size,
        importMsWithSourceMaps: median(bundle.withMaps),
        importMsWithoutSourceMaps: median(bundle.withoutMaps),
        importRatioToEmpty: median(bundle.withMaps) / median(empty.withMaps),
      };
      console.log(
        `  ${bundle.variant} ${bundle.handler}: ${figure.bytes} B, import ${figure.importMsWithSourceMaps.toFixed(1)} ms (maps) / ${figure.importMsWithoutSourceMaps.toFixed(1)} ms`,
      );
      figures.push(figure);
    }
    return figures;
  } finally {
    await rm(outdir, { recursive: true, force: true });
  }
}

// The two baseline bundles measured beside the app's handlers, and how the report tells them apart.
import type { BundleFigure } from "./functionBundles";

export const EMPTY_HANDLER = "(empty handler)";
export const SDK_ONLY_HANDLER = "(DynamoDB document client only)";
const BASELINES: ReadonlySet<string> = new Set([EMPTY_HANDLER, SDK_ONLY_HANDLER]);

/** The app's own handlers built as `variant`, baselines left out. */
export const appBundles = (bundles: readonly BundleFigure[], variant: BundleFigure["variant"] = "sst-default") =>
  bundles.filter((bundle) => bundle.variant === variant && !BASELINES.has(bundle.handler));

/** A baseline as SST deploys it (the `sst-default` variant). */
export const baselineBundle = (bundles: readonly BundleFigure[], baseline: typeof EMPTY_HANDLER | typeof SDK_ONLY_HANDLER) =>
  bundles.find((bundle) => bundle.variant === "sst-default" && bundle.handler === baseline);

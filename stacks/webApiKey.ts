// The web app's AppSync API key lives in the Site stack, beside the site that hands it out, and
// reaches the browser through the site's index.html (served no-cache), never through the
// immutable-cached JavaScript. So nothing imports it across stacks (a cross-stack export cannot
// change while imported, which would block rotation) and a rotated key reaches every visitor on
// their next page load.
//
// Rotation: append a new label below and deploy: the new key is created and the site hands it out,
// while pages loaded before keep working with the old key. After a day (no open page is that old),
// remove the old label and deploy again: that key is deleted. Keys keep their logical id per label,
// so adding a label never replaces an existing key.

import { type Duration, Expiration } from "aws-cdk-lib";
import { CfnApiKey } from "aws-cdk-lib/aws-appsync";
import type { Construct } from "constructs";

/** Oldest first; the last one is the key the site hands out. */
export const WEB_API_KEY_LABELS: readonly string[] = ["2026-11"];

/** AppSync refuses an expiry outside 1 to 365 days from its "now". */
export const APPSYNC_API_KEY_MAX_DAYS = 365;
export const APPSYNC_API_KEY_MIN_DAYS = 1;

export interface WebApiKeys {
  keys: CfnApiKey[];
  /** The key the site hands out: the newest label's. */
  current: CfnApiKey;
}

/**
 * Expiry as epoch seconds: `lifetime` from now, rounded down to the hour so that synthesizing
 * twice in the same hour gives the same template. Refuses lifetimes AppSync would refuse.
 */
export function apiKeyExpiresAt(lifetime: Duration, now: Date = new Date()): number {
  const days = lifetime.toDays({ integral: false });
  if (days <= APPSYNC_API_KEY_MIN_DAYS || days >= APPSYNC_API_KEY_MAX_DAYS) {
    throw new Error(`An API key lifetime must be between ${APPSYNC_API_KEY_MIN_DAYS} and ${APPSYNC_API_KEY_MAX_DAYS} days (exclusive), got ${days}`);
  }
  const hour = 3600;
  return Math.floor(Expiration.atDate(new Date(now.getTime() + lifetime.toMilliseconds())).toEpoch() / hour) * hour;
}

export function webApiKeys(scope: Construct, props: { apiId: string; lifetime: Duration; labels?: readonly string[] }): WebApiKeys {
  const labels = props.labels ?? WEB_API_KEY_LABELS;
  if (new Set(labels).size !== labels.length) throw new Error(`Web API key labels repeat: ${labels.join(", ")}`);
  const expires = apiKeyExpiresAt(props.lifetime);
  const keys = labels.map(
    (label) =>
      new CfnApiKey(scope, `WebApiKey${label.replace(/[^A-Za-z0-9]/g, "")}`, {
        apiId: props.apiId,
        description: `pizza-orders web app, key ${label}; its expiry moves forward on every deploy.`,
        expires,
      }),
  );
  const current = keys.at(-1);
  if (!current) throw new Error("The web app needs at least one API key label.");
  return { keys, current };
}

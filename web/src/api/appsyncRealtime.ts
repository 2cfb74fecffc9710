// AppSync's own Apollo link for subscriptions, one per auth mode. Loaded on demand (realtimeLink.ts)
// by the first subscription, so the order page's initial JavaScript does not carry it.

import { createSubscriptionHandshakeLink } from "aws-appsync-subscription-link";
import { Buffer } from "buffer";
import type { ApiConfig } from "../app/config";
import type { IdTokenSource } from "./authLink";

// The link base64url-encodes its auth header with Node's Buffer; browsers have none.
(globalThis as { Buffer?: unknown }).Buffer ??= Buffer;

/** AppSync's region from its URL (only IAM signing needs it; the local API has none). */
function regionOf(graphqlUrl: string): string {
  return /\.appsync-api\.([a-z0-9-]+)\.amazonaws\.com/.exec(graphqlUrl)?.[1] ?? "us-east-1";
}

export function createAppSyncRealtimeLinks(config: ApiConfig, idToken: IdTokenSource) {
  const region = regionOf(config.graphqlUrl);
  // The link's auth `type` values are aws-appsync-auth-link's AUTH_TYPE strings.
  return {
    asGuest: createSubscriptionHandshakeLink({ url: config.graphqlUrl, region, auth: { type: "API_KEY", apiKey: config.apiKey } } as never),
    signedIn: createSubscriptionHandshakeLink({
      url: config.graphqlUrl,
      region,
      auth: { type: "AMAZON_COGNITO_USER_POOLS", jwtToken: async () => (await idToken()) ?? "" },
    } as never),
  };
}

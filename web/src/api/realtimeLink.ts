// Subscriptions travel over AppSync's real-time WebSocket through AppSync's own Apollo link
// (aws-appsync-subscription-link), with the same auth as the HTTP link: the API key for a guest,
// the Cognito ID token when someone is signed in. Against the local API the link derives
// ws://…/graphql/realtime from the GraphQL URL (as for a custom AppSync domain); against AppSync
// it uses the appsync-realtime-api host. Queries and mutations keep going over HTTP.
import { ApolloLink, Observable, split } from "@apollo/client";
import { getMainDefinition } from "@apollo/client/utilities";
import { Buffer } from "buffer";
import { createSubscriptionHandshakeLink } from "aws-appsync-subscription-link";
import type { ApiConfig } from "../app/config";
import type { IdTokenSource } from "./authLink";

// The link base64url-encodes its auth header with Node's Buffer; browsers have none.
(globalThis as { Buffer?: unknown }).Buffer ??= Buffer;

const guestSession: IdTokenSource = async () => undefined;

/** AppSync's region from its URL (only IAM signing needs it; the local API has none). */
function regionOf(graphqlUrl: string): string {
  return /\.appsync-api\.([a-z0-9-]+)\.amazonaws\.com/.exec(graphqlUrl)?.[1] ?? "us-east-1";
}

export function createRealtimeLink(config: ApiConfig, idToken: IdTokenSource = guestSession): ApolloLink {
  const region = regionOf(config.graphqlUrl);
  // The link's auth `type` values are aws-appsync-auth-link's AUTH_TYPE strings.
  const asGuest = createSubscriptionHandshakeLink({ url: config.graphqlUrl, region, auth: { type: "API_KEY", apiKey: config.apiKey } } as never);
  const signedIn = createSubscriptionHandshakeLink({
    url: config.graphqlUrl,
    region,
    auth: { type: "AMAZON_COGNITO_USER_POOLS", jwtToken: async () => (await idToken()) ?? "" },
  } as never);
  return new ApolloLink(
    (operation) =>
      new Observable((observer) => {
        let subscription: { unsubscribe(): void } | undefined;
        let cancelled = false;
        idToken()
          .then((token) => {
            if (!cancelled) subscription = (token ? signedIn : asGuest).request(operation)?.subscribe(observer);
          })
          .catch((error: unknown) => observer.error(error));
        return () => {
          cancelled = true;
          subscription?.unsubscribe();
        };
      }),
  );
}

export function isSubscription(operation: { query: Parameters<typeof getMainDefinition>[0] }): boolean {
  const definition = getMainDefinition(operation.query);
  return definition.kind === "OperationDefinition" && definition.operation === "subscription";
}

/** Subscriptions over the real-time link, everything else over `httpLink`. */
export function withSubscriptions(httpLink: ApolloLink, realtimeLink: ApolloLink): ApolloLink {
  return split(isSubscription, realtimeLink, httpLink);
}

// Subscriptions travel over AppSync's real-time WebSocket through AppSync's own Apollo link
// (aws-appsync-subscription-link), with the same auth as the HTTP link: the API key for a guest,
// the Cognito ID token when someone is signed in. Against the local API the link derives
// ws://…/graphql/realtime from the GraphQL URL (as for a custom AppSync domain); against AppSync
// it uses the appsync-realtime-api host. Queries and mutations keep going over HTTP.
import { ApolloLink, Observable, split } from "@apollo/client";
import { getMainDefinition } from "@apollo/client/utilities";
import type { ApiConfig } from "../app/config";
import type { IdTokenSource } from "./authLink";

const guestSession: IdTokenSource = async () => undefined;

export function createRealtimeLink(config: ApiConfig, idToken: IdTokenSource = guestSession): ApolloLink {
  let links: Promise<{ asGuest: ApolloLink; signedIn: ApolloLink }> | undefined;
  const load = () => (links ??= import("./appsyncRealtime").then(({ createAppSyncRealtimeLinks }) => createAppSyncRealtimeLinks(config, idToken)));
  return new ApolloLink(
    (operation) =>
      new Observable((observer) => {
        let subscription: { unsubscribe(): void } | undefined;
        let cancelled = false;
        Promise.all([load(), idToken()])
          .then(([{ asGuest, signedIn }, token]) => {
            if (!cancelled) subscription = (token ? signedIn : asGuest).request(operation)?.subscribe(observer);
          })
          .catch((error: unknown) => {
            links = undefined;
            observer.error(error);
          });
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

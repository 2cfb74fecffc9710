import { ApolloClient, type ApolloLink, HttpLink, InMemoryCache } from "@apollo/client";
import type { ApiConfig } from "../app/config";
import type { MyOrdersQuery } from "../gql/graphql";
import { createAuthLink, type IdTokenSource } from "./authLink";
import { createRealtimeLink, withSubscriptions } from "./realtimeLink";

type OrderConnection = MyOrdersQuery["myOrders"];

function createCache(): InMemoryCache {
  return new InMemoryCache({
    typePolicies: {
      Query: {
        fields: {
          // An order already in the cache (just placed, or listed in "My orders") is shown at
          // once on its tracking page while the network confirms it. The guest secret is proof,
          // not part of the order's identity. Only an order the cache holds: a reference to one it
          // does not hold reads as an empty order once a failed first read is polled again, and the
          // tracker would render an order without a status.
          order: {
            keyArgs: ["id"],
            read(existing, { args, toReference, canRead }) {
              if (existing !== undefined) return existing;
              const cached = args?.id ? toReference({ __typename: "Order", id: args.id }) : undefined;
              return canRead(cached) ? cached : undefined;
            },
          },
          // One growing list for "My orders": the first page replaces it, each further page
          // (requested with the previous page's nextToken) is appended.
          myOrders: {
            keyArgs: false,
            merge(existing: OrderConnection | undefined, incoming: OrderConnection, { args }) {
              if (!existing || !args?.nextToken) return incoming;
              return { ...incoming, items: [...existing.items, ...incoming.items] };
            },
          },
        },
      },
    },
  });
}

const noSession: IdTokenSource = async () => undefined;

/** Subscriptions go over `realtimeLink` (AppSync's real-time link with the same auth, unless a test gives another). */
export function createApolloClient(
  config: ApiConfig,
  idToken: IdTokenSource = noSession,
  fetchImpl?: typeof fetch,
  realtimeLink: ApolloLink = createRealtimeLink(config, idToken),
): ApolloClient<unknown> {
  return new ApolloClient({
    link: withSubscriptions(createAuthLink(config.apiKey, idToken).concat(new HttpLink({ uri: config.graphqlUrl, fetch: fetchImpl })), realtimeLink),
    cache: createCache(),
  }) as ApolloClient<unknown>;
}

import { type ApolloLink, ApolloClient, HttpLink, InMemoryCache } from "@apollo/client";
import type { ApiConfig } from "../app/config";
import type { MyOrdersQuery } from "../gql/graphql";
import { createRealtimeLink, withSubscriptions } from "./realtimeLink";

type OrderConnection = MyOrdersQuery["orders"];

function createCache(): InMemoryCache {
  return new InMemoryCache({
    typePolicies: {
      Query: {
        fields: {
          // An order already in the cache (just placed, or listed in "My orders") is shown at
          // once on its tracking page while the network confirms it.
          order: {
            read(existing, { args, toReference }) {
              if (existing !== undefined) return existing;
              return args?.id ? toReference({ __typename: "Order", id: args.id }) : undefined;
            },
          },
          // One growing list for "My orders": the first page replaces it, each further page
          // (requested with the previous page's nextToken) is appended.
          orders: {
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

/** `realtimeLink` carries subscriptions (AppSync's real-time link unless a test gives another). */
export function createApolloClient(config: ApiConfig, fetchImpl?: typeof fetch, realtimeLink: ApolloLink = createRealtimeLink(config)): ApolloClient<unknown> {
  return new ApolloClient({
    link: withSubscriptions(new HttpLink({ uri: config.graphqlUrl, headers: { "x-api-key": config.apiKey }, fetch: fetchImpl }), realtimeLink),
    cache: createCache(),
  }) as ApolloClient<unknown>;
}

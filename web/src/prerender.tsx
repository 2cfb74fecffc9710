// The order page as the first load shows it — the app at "/" with the menu query still on its way —
// rendered to HTML at build time (build/prerenderOrderPage.ts). The browser shows it before any
// script has arrived; the app then renders over it the same way.
import { ApolloClient, ApolloLink, InMemoryCache, Observable } from "@apollo/client";
import { StrictMode } from "react";
import { renderToString } from "react-dom/server";
import { Router } from "wouter";
import { App } from "./app/App";

export function renderOrderPage(): string {
  // A link that never answers: the page renders as it does before the API's first answer.
  const pending = new ApolloLink(() => new Observable(() => undefined));
  const client = new ApolloClient({ link: pending, cache: new InMemoryCache(), ssrMode: true });
  const config = { graphqlUrl: "http://prerender.invalid/graphql", apiKey: "prerender", shopMode: "cloud" as const };
  return renderToString(
    <StrictMode>
      <Router ssrPath="/">
        <App client={client} config={config} />
      </Router>
    </StrictMode>,
  );
}

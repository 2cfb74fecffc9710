import { render } from "@testing-library/react";
import { StrictMode } from "react";
import { memoryLocation } from "wouter/memory-location";
import { createApolloClient } from "../../src/api/apolloClient";
import { App } from "../../src/app/App";
import type { ApiConfig } from "../../src/app/config";
import { fakeGraphqlServer, type Handler } from "./fakeGraphqlServer";
import { fakeRealtime } from "./fakeRealtime";

export const TEST_CONFIG: ApiConfig = { graphqlUrl: "http://shop.test/graphql", apiKey: "test-api-key" };

/** The whole app at `path`, talking to a fake GraphQL server through the real Apollo client. */
export function renderApp(path: string, handler: Handler, config: ApiConfig = TEST_CONFIG) {
  const server = fakeGraphqlServer(handler);
  const location = memoryLocation({ path, record: true });
  // The socket never acknowledges unless a test says so: screens poll as without live updates.
  const realtime = fakeRealtime();
  const client = createApolloClient(config, server.fetch, realtime.link);
  // StrictMode as in main.tsx: effects must survive being run twice.
  const view = render(
    <StrictMode>
      <App client={client} config={config} locationHook={location.hook} />
    </StrictMode>,
  );
  return { ...view, ...server, location, client, realtime };
}

import { render } from "@testing-library/react";
import { StrictMode } from "react";
import { memoryLocation } from "wouter/memory-location";
import { createApolloClient } from "../../src/api/apolloClient";
import { App } from "../../src/app/App";
import type { ApiConfig } from "../../src/app/config";
import type { AuthClient } from "../../src/auth/authClient";
import { fakeGraphqlServer, type Handler } from "./fakeGraphqlServer";
import { fakeRealtime } from "./fakeRealtime";

export const TEST_CONFIG: ApiConfig = { graphqlUrl: "http://shop.test/graphql", apiKey: "test-api-key", shopMode: "local" };

export interface RenderOptions {
  config?: ApiConfig;
  /** The app's auth client (e.g. createAuthClient over the fake Amplify); none: a guest-only shop. */
  auth?: AuthClient;
}

/** The whole app at `path`, talking to a fake GraphQL server through the real Apollo client and link. */
export function renderApp(path: string, handler: Handler, { config = TEST_CONFIG, auth }: RenderOptions = {}) {
  const server = fakeGraphqlServer(handler);
  const location = memoryLocation({ path, record: true });
  const idToken = async () => (await auth?.currentSession())?.idToken;
  // The socket never acknowledges unless a test says so: screens poll as without live updates.
  const realtime = fakeRealtime();
  const client = createApolloClient(config, idToken, server.fetch, realtime.link);
  // StrictMode as in main.tsx: effects must survive being run twice.
  const view = render(
    <StrictMode>
      <App client={client} config={config} auth={auth} locationHook={location.hook} />
    </StrictMode>,
  );
  return { ...view, ...server, location, client, realtime };
}

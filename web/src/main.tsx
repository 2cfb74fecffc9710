import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { createApolloClient } from "./api/apolloClient";
import { App } from "./app/App";
import { ConfigProblem } from "./app/ConfigProblem";
import { readApiConfig } from "./app/config";
import { createAuthClient } from "./auth/authClient";
import "./styles.css";

const root = createRoot(document.getElementById("root")!);

try {
  const config = readApiConfig();
  const auth = config.cognito ? createAuthClient(config.cognito) : undefined;
  const idToken = async () => (await auth?.currentSession())?.idToken;
  root.render(
    <StrictMode>
      <App client={createApolloClient(config, idToken)} config={config} auth={auth} />
    </StrictMode>,
  );
} catch (error) {
  root.render(<ConfigProblem message={error instanceof Error ? error.message : String(error)} />);
}

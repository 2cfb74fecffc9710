import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { createApolloClient } from "./api/apolloClient";
import { App } from "./app/App";
import { readApiConfig } from "./app/config";
import { ConfigProblem } from "./app/ConfigProblem";
import "./styles.css";

const root = createRoot(document.getElementById("root")!);

try {
  const config = readApiConfig();
  root.render(
    <StrictMode>
      <App client={createApolloClient(config)} config={config} />
    </StrictMode>,
  );
} catch (error) {
  root.render(<ConfigProblem message={error instanceof Error ? error.message : String(error)} />);
}

// Renders src/prerender.tsx to HTML on stdout, in a Node process of its own (see
// prerenderOrderPage.ts): React picks its production or development build once per process from
// NODE_ENV, and a build started inside another tool's process (a test runner) may already hold the
// other one.
import react from "@vitejs/plugin-react";
import { createServer } from "vite";

const [webRoot] = process.argv.slice(2);
const server = await createServer({
  root: webRoot,
  configFile: false,
  logLevel: "error",
  appType: "custom",
  plugins: [react()],
  server: { middlewareMode: true, hmr: false, watch: null, ws: false },
  optimizeDeps: { noDiscovery: true, include: [] },
  // Apollo Client 3 is CommonJS for Node; bundled through Vite it is read as the browser reads it.
  ssr: { noExternal: ["@apollo/client"] },
});
try {
  const { renderOrderPage } = await server.ssrLoadModule("/src/prerender.tsx");
  process.stdout.write(renderOrderPage());
} finally {
  await server.close();
}

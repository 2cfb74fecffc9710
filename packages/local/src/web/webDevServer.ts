// Runs the web app's Vite dev server pointed at the local API, as a child process in its own
// process group so that stopping it also stops anything it spawned (no orphans).
import { type ChildProcess, spawn } from "node:child_process";
import { REPOSITORY_ROOT } from "../localShopSettings";

export interface WebDevServer {
  url: string;
  stop(): Promise<void>;
}

/** `environment`: the shop's webEnvironment (VITE_GRAPHQL_*, VITE_COGNITO_*), which Vite hands the app as import.meta.env. */
export function startWebDevServer(options: { port: number; environment: Record<string, string>; log: (line: string) => void }): WebDevServer {
  const child: ChildProcess = spawn("pnpm", ["--filter", "@pizza-orders/web", "exec", "vite", "--port", String(options.port), "--strictPort"], {
    cwd: REPOSITORY_ROOT,
    env: { ...process.env, ...options.environment },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  const forward = (chunk: Buffer) => {
    for (const line of chunk.toString("utf8").split("\n")) if (line.trim()) options.log(`[web] ${line}`);
  };
  child.stdout?.on("data", forward);
  child.stderr?.on("data", forward);
  let stopping = false;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.once("exit", (code, signal) => {
    if (!stopping) options.log(`[web] dev server exited (${signal ?? `code ${code}`}); the API keeps running`);
  });
  return {
    url: `http://localhost:${options.port}`,
    stop: async () => {
      stopping = true;
      if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
      const group = -child.pid;
      process.kill(group, "SIGTERM");
      const timer = setTimeout(() => {
        try {
          process.kill(group, "SIGKILL");
        } catch {
          // already gone
        }
      }, 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}

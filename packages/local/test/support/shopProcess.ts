// A local shop in a child process, started the way `pnpm start` starts it (src/main.ts, no web
// app), on a given data folder — so a test can `kill -9` it at any moment and start it again on
// the same data. Everything the process prints (the shop's lines and every function's log lines)
// is kept for the test to read.
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { RUNNING_SHOP_FILE, type RunningShop } from "../../src/shopState";
import { TEST_QUEUE_VISIBILITY_SECONDS } from "./testShop";

const LOCAL_PACKAGE = fileURLToPath(new URL("../..", import.meta.url));
const START_TIMEOUT_MS = 90_000;
const STOP_TIMEOUT_MS = 30_000;

export interface ShopProcess {
  /** Where it answers (from the file main.ts writes once the shop is up). */
  running: RunningShop;
  dataDir: string;
  /** Every line the process printed so far. */
  output: string[];
  /** SIGKILL: no clean stop, nothing flushed but what was already written. */
  kill9(): Promise<void>;
  /** SIGTERM: the clean stop Ctrl-C gives. */
  stop(): Promise<void>;
}

export interface ShopProcessOptions {
  apiKey: string;
  /** Extra environment (e.g. LOCAL_QUEUE_VISIBILITY_SECONDS). */
  env?: Record<string, string>;
}

/** Starts `src/main.ts --no-web` on `dataDir` with free ports and waits until it answers. */
export async function startShopProcess(dataDir: string, options: ShopProcessOptions): Promise<ShopProcess> {
  const runningFile = join(dataDir, RUNNING_SHOP_FILE);
  rmSync(runningFile, { force: true });
  // The developer's LOCAL_* settings must not leak into the test's shop.
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith("LOCAL_")));
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts", "--no-web"], {
    cwd: LOCAL_PACKAGE,
    env: {
      ...inherited,
      LOCAL_DATA_DIR: dataDir,
      LOCAL_API_PORT: "0",
      LOCAL_COGNITO_PORT: "0",
      LOCAL_MAIL_SMTP_PORT: "0",
      LOCAL_MAIL_INBOX_PORT: "0",
      LOCAL_API_KEY: options.apiKey,
      // As a test shop in this process: a message left in flight by a kill comes back within seconds.
      LOCAL_QUEUE_VISIBILITY_SECONDS: String(TEST_QUEUE_VISIBILITY_SECONDS),
      ...options.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output: string[] = [];
  const collect = (chunk: Buffer) => output.push(...chunk.toString("utf8").split("\n").filter((line) => line.length > 0));
  child.stdout!.on("data", collect);
  child.stderr!.on("data", collect);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));

  const running = await waitForRunningShop(child, runningFile, output);
  const signal = async (name: NodeJS.Signals, timeoutMs: number) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill(name);
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    await exited;
    clearTimeout(timer);
  };
  return { running, dataDir, output, kill9: () => signal("SIGKILL", STOP_TIMEOUT_MS), stop: () => signal("SIGTERM", STOP_TIMEOUT_MS) };
}

async function waitForRunningShop(child: ChildProcess, runningFile: string, output: string[]): Promise<RunningShop> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The shop exited with ${child.exitCode} while starting:\n${output.join("\n")}`);
    if (existsSync(runningFile)) {
      const running = JSON.parse(readFileSync(runningFile, "utf8")) as RunningShop;
      if (running.pid === child.pid) return running;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill("SIGKILL");
  throw new Error(`The shop did not start within ${START_TIMEOUT_MS} ms:\n${output.join("\n")}`);
}

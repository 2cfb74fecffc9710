// Starts a TypeScript entry point in its own Node process (through tsx) and waits for the one
// JSON line it prints when it is ready. Parts under test run in their own process so the load
// generator and the part do not share one event loop, as a client and a server would not.
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

export interface RunningChild<Ready> {
  ready: Ready;
  stop(): Promise<void>;
}

const TSX_LOADER = fileURLToPath(import.meta.resolve("tsx"));
const READY_TIMEOUT_MS = 60_000;

export async function startChild<Ready>(entry: string, options: { args?: string[]; nodeArgs?: string[]; label: string }): Promise<RunningChild<Ready>> {
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), "--import", TSX_LOADER, entry, ...(options.args ?? [])], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  const stderrTail: string[] = [];
  child.stderr!.on("data", (chunk: Buffer) => {
    stderrTail.push(chunk.toString());
    if (stderrTail.length > 40) stderrTail.shift();
  });
  const lines = createInterface({ input: child.stdout! });
  const ready = await new Promise<Ready>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${options.label} did not start within ${READY_TIMEOUT_MS} ms: ${stderrTail.join("").slice(-2000)}`)),
      READY_TIMEOUT_MS,
    );
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`${options.label} exited with code ${code} before it was ready: ${stderrTail.join("").slice(-2000)}`));
    });
    lines.on("line", (line) => {
      if (!line.startsWith('{"ready"')) return;
      clearTimeout(timer);
      resolve((JSON.parse(line) as { ready: Ready }).ready);
    });
  });
  return {
    ready,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        const killTimer = setTimeout(() => child.kill("SIGKILL"), 10_000);
        child.once("exit", () => {
          clearTimeout(killTimer);
          resolve();
        });
        child.kill("SIGTERM");
      }),
  };
}

/** What a child entry point prints once it is ready. */
export function announceReady(ready: unknown): void {
  process.stdout.write(`${JSON.stringify({ ready })}\n`);
}

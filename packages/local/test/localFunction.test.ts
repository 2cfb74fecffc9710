// The Lambda stand-in: errors carry the thrown error's name as errorType (what AppSync and Step
// Functions report), the event is a copy, and a handler that never answers hits the timeout.
// Instances run as Lambda runs them: bundled, one event at a time each, module state per
// instance, a new instance for a concurrent event, warm reuse, a cap, and a timed-out instance
// stopped for real.
import { copyFileSync, mkdtempSync, rmSync, statSync, utimesSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildFunctionBundles, type FunctionBundles } from "../src/lambda/functionBundles";
import { WorkerInstance } from "../src/lambda/functionInstance";
import { FunctionError, LocalFunction } from "../src/lambda/localFunction";

class OrderNotFoundError extends Error {
  override readonly name = "OrderNotFoundError";
}

describe("LocalFunction", () => {
  it("reports a thrown error as the Lambda error payload, errorType being the error's name", async () => {
    const fn = new LocalFunction({
      name: "Failing",
      load: async () => ({
        handler: async () => {
          throw new OrderNotFoundError("Order 1 was not found");
        },
      }),
    });
    const failure = await fn.invoke({}).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(FunctionError);
    expect((failure as FunctionError).payload).toMatchObject({ errorType: "OrderNotFoundError", errorMessage: "Order 1 was not found" });
    expect(fn.errors).toBe(1);
  });

  it("hands the handler a copy of the event, as a JSON boundary would", async () => {
    const event = { order: { id: "1" } };
    const fn = new LocalFunction({
      name: "Mutating",
      load: async () => ({
        handler: async (received: unknown) => {
          (received as typeof event).order.id = "changed";
          return received;
        },
      }),
    });
    expect(await fn.invoke(event)).toEqual({ order: { id: "changed" } });
    expect(event.order.id).toBe("1");
  });

  it("ends an invocation that outlives the function timeout with Sandbox.Timedout", async () => {
    const fn = new LocalFunction({ name: "Hanging", timeoutSeconds: 0.2, load: async () => ({ handler: () => new Promise(() => {}) }) });
    await expect(fn.invoke({})).rejects.toMatchObject({ name: "Sandbox.Timedout", payload: { errorMessage: "Task timed out after 0.20 seconds" } });
  });
});

describe("function instances (worker threads running the bundled handler)", () => {
  let buildDir: string;
  let bundles: FunctionBundles;
  const logs: string[] = [];
  const functions: LocalFunction[] = [];

  beforeAll(async () => {
    buildDir = mkdtempSync(join(tmpdir(), "function-bundles-"));
    bundles = await buildFunctionBundles({ probe: fileURLToPath(new URL("./fixtures/instanceProbe.ts", import.meta.url)) }, buildDir);
  });

  afterAll(async () => {
    await Promise.all(functions.map((fn) => fn.shutdown()));
    rmSync(buildDir, { recursive: true, force: true });
  });

  function probe(options: { maxInstances: number; timeoutSeconds?: number }): LocalFunction {
    const fn = new LocalFunction({
      name: "Probe",
      ...options,
      newInstance: () =>
        WorkerInstance.start({
          runtimeUrl: bundles.runtimeUrl,
          handlerUrl: bundles.handlerUrls.get("probe")!,
          environment: { AWS_LAMBDA_FUNCTION_NAME: "Probe" },
          onLog: (line) => logs.push(line),
        }),
    });
    functions.push(fn);
    return fn;
  }

  type ProbeResult = { instanceId: string; events: number; overlapped: boolean; functionName: string };
  const invoke = (fn: LocalFunction, event: Record<string, unknown> = {}) => fn.invoke(event) as Promise<ProbeResult>;

  it("gives concurrent events each their own instance with its own module state, and reuses a warm instance afterwards", async () => {
    const fn = probe({ maxInstances: 10 });
    const concurrent = await Promise.all(Array.from({ length: 4 }, () => invoke(fn, { delayMs: 200 })));
    expect(new Set(concurrent.map((result) => result.instanceId)).size).toBe(4);
    expect(concurrent.map((result) => result.events)).toEqual([1, 1, 1, 1]);
    expect(concurrent.some((result) => result.overlapped)).toBe(false);
    expect(concurrent[0]!.functionName).toBe("Probe");

    const warm = await invoke(fn);
    expect(concurrent.map((result) => result.instanceId)).toContain(warm.instanceId);
    expect(warm.events).toBe(2);
    expect(fn.coldStarts).toBe(4);
  });

  it("never runs two events at once on an instance, even beyond the instance cap (events wait for a free one)", async () => {
    const fn = probe({ maxInstances: 2 });
    const results = await Promise.all(Array.from({ length: 8 }, () => invoke(fn, { delayMs: 50 })));
    expect(new Set(results.map((result) => result.instanceId)).size).toBe(2);
    expect(results.some((result) => result.overlapped)).toBe(false);
    // Each instance ran its share one after another: its event counts are 1, 2, 3, … with no gap or repeat.
    const countsByInstance = new Map<string, number[]>();
    for (const result of results) countsByInstance.set(result.instanceId, [...(countsByInstance.get(result.instanceId) ?? []), result.events]);
    for (const counts of countsByInstance.values()) expect(counts.sort((a, b) => a - b)).toEqual(counts.map((_, i) => i + 1));
    expect(fn.instanceCount).toBe(2);
  });

  it("stops an instance that outlives the timeout (even a busy loop) and serves the next event from a new one", async () => {
    const fn = probe({ maxInstances: 1, timeoutSeconds: 0.5 });
    const before = await invoke(fn);
    await expect(invoke(fn, { spin: true })).rejects.toMatchObject({ name: "Sandbox.Timedout" });
    const after = await invoke(fn);
    expect(after.instanceId).not.toBe(before.instanceId);
    expect(after.events).toBe(1);
  });

  it("reports an error thrown in an instance as Lambda does, with a trace through the source map, and keeps the instance warm", async () => {
    const fn = probe({ maxInstances: 1 });
    const before = await invoke(fn);
    const failure = await invoke(fn, { fail: true }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(FunctionError);
    expect((failure as FunctionError).payload).toMatchObject({ errorType: "ProbeError", errorMessage: "the probe was asked to fail" });
    expect((failure as FunctionError).payload.trace.join("\n")).toContain("instanceProbe.ts");
    expect((await invoke(fn)).instanceId).toBe(before.instanceId);
  });

  it("reuses a build whose inputs are unchanged, and rebuilds when one changes", async () => {
    const sourceDir = mkdtempSync(join(tmpdir(), "function-source-"));
    const outDir = join(sourceDir, "out");
    try {
      const source = join(sourceDir, "probe.ts");
      copyFileSync(fileURLToPath(new URL("./fixtures/instanceProbe.ts", import.meta.url)), source);
      const bundleMtime = () => statSync(join(outDir, "probe.mjs")).mtimeMs;
      await buildFunctionBundles({ probe: source }, outDir);
      const first = bundleMtime();
      await buildFunctionBundles({ probe: source }, outDir);
      expect(bundleMtime()).toBe(first);
      const later = new Date(Date.now() + 5000);
      utimesSync(source, later, later);
      await buildFunctionBundles({ probe: source }, outDir);
      expect(bundleMtime()).not.toBe(first);
    } finally {
      rmSync(sourceDir, { recursive: true, force: true });
    }
  });

  it("passes what the handler prints to the function's log", async () => {
    const fn = probe({ maxInstances: 1 });
    await invoke(fn, { log: "hello from the probe" });
    await expect.poll(() => logs).toContain("hello from the probe");
  });
});

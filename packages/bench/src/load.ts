// Closed-loop load: `concurrency` workers each run `operation` back to back until the time is up.
export interface ClosedLoopResult {
  operations: number;
  errors: number;
  elapsedMs: number;
  perSecond: number;
  latenciesMs: number[];
  firstError?: string;
}

export async function runClosedLoop(concurrency: number, durationMs: number, operation: (index: number) => Promise<unknown>): Promise<ClosedLoopResult> {
  let next = 0;
  let errors = 0;
  let firstError: string | undefined;
  const latenciesMs: number[] = [];
  const started = performance.now();
  const deadline = started + durationMs;
  const worker = async () => {
    while (performance.now() < deadline) {
      const index = next++;
      const opStarted = performance.now();
      try {
        await operation(index);
        latenciesMs.push(performance.now() - opStarted);
      } catch (error) {
        errors++;
        firstError ??= error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsedMs = performance.now() - started;
  return { operations: latenciesMs.length, errors, elapsedMs, perSecond: (latenciesMs.length / elapsedMs) * 1000, latenciesMs, firstError };
}

/** Runs `count` operations with at most `concurrency` in flight; results in index order. */
export async function runBounded<T>(count: number, concurrency: number, operation: (index: number) => Promise<T>): Promise<T[]> {
  const results = new Array<T>(count);
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const index = next++;
      results[index] = await operation(index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return results;
}

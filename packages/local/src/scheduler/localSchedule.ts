// EventBridge Scheduler, locally: invokes a function at a fixed rate, as a rate() schedule does.
// A run that is still going when the next is due does not stop it (EventBridge does not wait
// either); the function is written to be safe when runs overlap. `runNow` invokes it at once.
import type { LocalFunction } from "../lambda/localFunction";

export class LocalSchedule {
  private timer?: NodeJS.Timeout;
  private readonly running = new Set<Promise<unknown>>();

  constructor(
    private readonly target: LocalFunction,
    private readonly intervalMs: number,
    private readonly onError: (error: unknown) => void,
  ) {}

  /** Starts the timer; an interval of 0 leaves the schedule disabled. */
  start(): void {
    if (this.intervalMs <= 0 || this.timer) return;
    this.timer = setInterval(() => void this.runNow().catch(this.onError), this.intervalMs);
    this.timer.unref();
  }

  /** One invocation now (with Scheduler's default input, an empty object); resolves to the function's result. */
  runNow(): Promise<unknown> {
    const run = this.target.invoke({});
    this.running.add(run);
    const forget = () => this.running.delete(run);
    run.then(forget, forget);
    return run;
  }

  /** Stops the timer and waits for runs in progress. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await Promise.allSettled([...this.running]);
  }
}

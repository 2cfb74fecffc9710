// One instance of a function — what Lambda calls an execution environment. It runs one event at
// a time (the pool guarantees it) and keeps its module state between events, like a warm
// instance. Two kinds:
//  - WorkerInstance: the handler's bundle loaded in its own worker thread. A worker has its own
//    module graph and globals, so module-level state (SDK clients, a Powertools BatchProcessor)
//    belongs to one instance, and a timed-out or crashed instance can be stopped for real. A cold
//    start costs about 150 ms and a few MB here. Chosen over a fresh module graph per instance in
//    the main thread because Node cannot unload modules (every discarded instance would leak) or
//    stop a runaway handler, and globals would still be shared.
//  - InProcessInstance: a handler made by a test's factory, once per instance, for tests of the
//    emulators around functions (queue mapping, workflow) that script what a function does.

import { createInterface } from "node:readline";
import type { Readable } from "node:stream";
import { Worker } from "node:worker_threads";
import type { InstanceReply, InstanceRequest } from "./instanceProtocol";
import { type InvocationContext, lambdaContext } from "./invocationContext";
import { errorPayload, FunctionError } from "./lambdaErrors";
import type { LambdaHandler } from "./localFunction";

export interface FunctionInstance {
  /** Runs one event (JSON text); resolves with the result as JSON text, rejects with FunctionError. */
  invoke(event: string, context: InvocationContext): Promise<string>;
  /** Ends the instance (after a timeout, a crash, or when the shop stops). */
  terminate(): Promise<void>;
}

export interface WorkerInstanceOptions {
  /** The worker's entry: the bundled instance runtime. */
  runtimeUrl: URL;
  /** The function's bundled handler module. */
  handlerUrl: string;
  /** The function's environment variables (the worker's process.env). */
  environment: Record<string, string>;
  /** Each line the instance writes to stdout/stderr (its log stream). */
  onLog: (line: string) => void;
}

export class WorkerInstance implements FunctionInstance {
  private pending?: { resolve: (payload: string) => void; reject: (error: unknown) => void };
  private exited = false;

  private constructor(private readonly worker: Worker) {
    worker.on("message", (reply: InstanceReply) => {
      const pending = this.pending;
      this.pending = undefined;
      if (reply.type === "result") pending?.resolve(reply.payload);
      else if (reply.type === "error") pending?.reject(new FunctionError(reply.error));
    });
    // An uncaught error or an exit ends the instance; the event it was running fails as Lambda reports it.
    const crash = (error: unknown) => {
      this.exited = true;
      const pending = this.pending;
      this.pending = undefined;
      pending?.reject(
        new FunctionError({
          errorType: "Runtime.ExitError",
          errorMessage: `The instance exited: ${error instanceof Error ? error.message : String(error)}`,
          trace: [],
        }),
      );
    };
    worker.on("error", crash);
    worker.on("exit", (code) => crash(`exit code ${code}`));
  }

  /** Starts a worker and waits for its init phase; rejects with the init error. */
  static async start(options: WorkerInstanceOptions): Promise<WorkerInstance> {
    // Source maps on, as the stacks set NODE_OPTIONS=--enable-source-maps: traces name the TypeScript lines.
    const worker = new Worker(options.runtimeUrl, {
      workerData: { handlerUrl: options.handlerUrl },
      env: options.environment,
      execArgv: ["--enable-source-maps"],
      stdout: true,
      stderr: true,
    });
    forwardLines(worker.stdout, options.onLog);
    forwardLines(worker.stderr, options.onLog);
    const ready = await new Promise<InstanceReply | Error>((resolve) => {
      worker.once("message", resolve);
      worker.once("error", resolve);
      worker.once("exit", (code) => resolve(new Error(`The instance exited during init (code ${code})`)));
    });
    if (ready instanceof Error || ready.type !== "ready") {
      await worker.terminate();
      throw new FunctionError(
        ready instanceof Error ? errorPayload(ready) : ready.type === "initError" ? ready.error : errorPayload(new Error("unexpected reply during init")),
      );
    }
    return new WorkerInstance(worker);
  }

  invoke(event: string, context: InvocationContext): Promise<string> {
    if (this.exited) return Promise.reject(new FunctionError({ errorType: "Runtime.ExitError", errorMessage: "The instance has exited", trace: [] }));
    return new Promise((resolve, reject) => {
      this.pending = { resolve, reject };
      const request: InstanceRequest = { event, context };
      this.worker.postMessage(request);
    });
  }

  get usable(): boolean {
    return !this.exited;
  }

  async terminate(): Promise<void> {
    this.exited = true;
    await this.worker.terminate();
  }
}

export class InProcessInstance implements FunctionInstance {
  private constructor(private readonly handler: LambdaHandler) {}

  static async start(load: () => Promise<{ handler: LambdaHandler }>): Promise<InProcessInstance> {
    const module = await load();
    if (typeof module.handler !== "function") throw new FunctionError(errorPayload(new Error("The module does not export a handler")));
    return new InProcessInstance(module.handler);
  }

  async invoke(event: string, context: InvocationContext): Promise<string> {
    try {
      return JSON.stringify((await this.handler(JSON.parse(event), lambdaContext(context))) ?? null);
    } catch (error) {
      throw new FunctionError(errorPayload(error));
    }
  }

  /** A handler in this process cannot be stopped; the instance is only dropped. */
  async terminate(): Promise<void> {}
}

function forwardLines(stream: Readable, onLine: (line: string) => void): void {
  createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY }).on("line", onLine);
}

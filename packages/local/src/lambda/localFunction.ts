// The Lambda service, reduced to what the local shop needs: a named function that runs each
// event on an instance, the way Lambda does —
//  - an instance runs one event at a time; an event that arrives while every instance is busy
//    gets a new instance (a cold start), so module state is never shared by two events at once;
//  - a warm instance is reused for the next event (the most recently used first);
//  - at most `maxInstances` instances exist, like a function's reserved concurrency. Lambda would
//    throttle beyond that; locally the event waits for a free instance instead, because the cap is
//    there to spare a laptop's memory, not to make callers deal with throttling Lambda would not
//    apply at this load;
//  - an invocation that outlives the function timeout fails with Sandbox.Timedout and its instance
//    is stopped (a worker is terminated) and replaced, as Lambda does;
//  - a thrown error becomes the Lambda error payload {errorType, errorMessage, trace}.
import { randomUUID } from "node:crypto";
import type { Context } from "aws-lambda";
import { LOCAL_REGION, lambdaFunctionArn } from "../aws/localResources";
import { type FunctionInstance, InProcessInstance } from "./functionInstance";
import { FunctionError } from "./lambdaErrors";

export { FunctionError, type LambdaErrorPayload } from "./lambdaErrors";

const DEFAULT_TIMEOUT_SECONDS = 30;
/** Enough for the queue's five pollers and a burst of API calls, small enough for a laptop. */
export const DEFAULT_MAX_INSTANCES = 5;

export type LambdaHandler = (event: unknown, context: Context) => Promise<unknown> | unknown;

export interface LocalFunctionOptions {
  /** Function name, e.g. "InitializeOrder". */
  name: string;
  /** Starts a new instance (the init phase of a cold start). */
  newInstance?: () => Promise<FunctionInstance>;
  /** For tests that script a function: each instance gets its own handler from this factory. */
  load?: () => Promise<{ handler: LambdaHandler }>;
  timeoutSeconds?: number;
  maxInstances?: number;
}

type Waiter = (instance: FunctionInstance | undefined) => void;

export class LocalFunction {
  readonly name: string;
  readonly arn: string;
  invocations = 0;
  errors = 0;
  /** Instances started so far (cold starts). */
  coldStarts = 0;
  private readonly newInstance: () => Promise<FunctionInstance>;
  private readonly maxInstances: number;
  private readonly idle: FunctionInstance[] = [];
  private readonly waiters: Waiter[] = [];
  private readonly all = new Set<FunctionInstance>();
  /** Instances existing or being started. */
  private instanceSlots = 0;
  private stopped = false;

  constructor(private readonly options: LocalFunctionOptions) {
    this.name = options.name;
    this.arn = lambdaFunctionArn(options.name);
    const { newInstance, load } = options;
    if (newInstance) this.newInstance = newInstance;
    else if (load) this.newInstance = () => InProcessInstance.start(load);
    else throw new Error(`Function ${options.name}: give newInstance or load`);
    this.maxInstances = options.maxInstances ?? DEFAULT_MAX_INSTANCES;
  }

  get instanceCount(): number {
    return this.all.size;
  }

  /** Invokes the handler on a free instance; rejects with FunctionError when the invocation failed. */
  async invoke(event: unknown): Promise<unknown> {
    const instance = await this.acquire();
    this.invocations++;
    const timeoutSeconds = this.options.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS;
    const context = {
      functionName: this.name,
      invokedFunctionArn: this.arn,
      awsRequestId: randomUUID(),
      deadline: Date.now() + timeoutSeconds * 1000,
      region: LOCAL_REGION,
    };
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(new FunctionError({ errorType: "Sandbox.Timedout", errorMessage: `Task timed out after ${timeoutSeconds.toFixed(2)} seconds`, trace: [] })),
        timeoutSeconds * 1000,
      );
    });
    let healthy = true;
    try {
      // The event crosses a JSON boundary, as in Lambda: the handler never shares objects with the caller.
      const result = await Promise.race([instance.invoke(JSON.stringify(event ?? null), context), timedOut]);
      return JSON.parse(result);
    } catch (error) {
      this.errors++;
      const failure = error instanceof FunctionError ? error : new FunctionError({ errorType: "Runtime.Unknown", errorMessage: String(error), trace: [] });
      // A timed-out or crashed instance is not reused; an error the handler threw leaves it warm.
      healthy = failure.name !== "Sandbox.Timedout" && failure.name !== "Runtime.ExitError";
      throw failure;
    } finally {
      clearTimeout(timer);
      if (healthy) this.release(instance);
      else void this.discard(instance);
    }
  }

  /** Stops every instance; invocations still waiting fail. */
  async shutdown(): Promise<void> {
    this.stopped = true;
    for (const wake of this.waiters.splice(0)) wake(undefined);
    await Promise.all([...this.all].map((instance) => instance.terminate()));
    this.all.clear();
    this.idle.length = 0;
  }

  private async acquire(): Promise<FunctionInstance> {
    for (;;) {
      if (this.stopped) throw new FunctionError({ errorType: "ServiceException", errorMessage: `Function ${this.name} is shut down`, trace: [] });
      const warm = this.idle.pop();
      if (warm) return warm;
      if (this.instanceSlots < this.maxInstances) return this.start();
      // At the cap: wait for an instance to be released (handed over directly) or a slot to free up.
      const handedOver = await new Promise<FunctionInstance | undefined>((resolve) => this.waiters.push(resolve));
      if (handedOver) return handedOver;
    }
  }

  private async start(): Promise<FunctionInstance> {
    this.instanceSlots++;
    try {
      const instance = await this.newInstance();
      this.coldStarts++;
      this.all.add(instance);
      return instance;
    } catch (error) {
      this.instanceSlots--;
      this.waiters.shift()?.(undefined);
      this.errors++;
      throw error instanceof FunctionError ? error : new FunctionError({ errorType: "Runtime.InitError", errorMessage: String(error), trace: [] });
    }
  }

  private release(instance: FunctionInstance): void {
    if (this.stopped) return;
    const waiter = this.waiters.shift();
    if (waiter) waiter(instance);
    else this.idle.push(instance);
  }

  private async discard(instance: FunctionInstance): Promise<void> {
    this.all.delete(instance);
    this.instanceSlots--;
    this.waiters.shift()?.(undefined);
    await instance.terminate().catch(() => undefined);
  }
}

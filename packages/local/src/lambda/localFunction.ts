// The Lambda service, reduced to what the local shop needs: a named function whose handler
// module is loaded on first use (so the environment is set before it initialises, as in a
// cold start) and invoked with an event and a Lambda-like context. A thrown error becomes the
// Lambda error payload {errorType, errorMessage, trace}, errorType being the error's `name`.
import { randomUUID } from "node:crypto";
import type { Context } from "aws-lambda";
import { LOCAL_REGION, lambdaFunctionArn } from "../aws/localResources";

const DEFAULT_TIMEOUT_SECONDS = 30;

export type LambdaHandler = (event: unknown, context: Context) => Promise<unknown> | unknown;

export interface LambdaErrorPayload {
  errorType: string;
  errorMessage: string;
  trace: string[];
}

/** Raised by `invoke` when the handler failed; carries what the Lambda service would report. */
export class FunctionError extends Error {
  constructor(readonly payload: LambdaErrorPayload) {
    super(payload.errorMessage);
    this.name = payload.errorType;
  }
}

export interface LocalFunctionOptions {
  /** Function name, e.g. "InitializeOrder". */
  name: string;
  /** Loads the module that exports `handler`. */
  load: () => Promise<{ handler: LambdaHandler }>;
  timeoutSeconds?: number;
}

export class LocalFunction {
  readonly name: string;
  readonly arn: string;
  private handlerPromise?: Promise<LambdaHandler>;
  invocations = 0;
  errors = 0;

  constructor(private readonly options: LocalFunctionOptions) {
    this.name = options.name;
    this.arn = lambdaFunctionArn(options.name);
  }

  /** Invokes the handler; rejects with FunctionError when the handler throws. */
  async invoke(event: unknown): Promise<unknown> {
    const handler = await this.handler();
    this.invocations++;
    const timeoutSeconds = this.options.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS;
    let timer: NodeJS.Timeout | undefined;
    // Lambda ends an invocation at the function's timeout. The handler cannot be stopped inside
    // this process, but the caller (a poller, a workflow task) gets the timeout error and moves on.
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new FunctionError({ errorType: "Sandbox.Timedout", errorMessage: `Task timed out after ${timeoutSeconds.toFixed(2)} seconds`, trace: [] })), timeoutSeconds * 1000);
    });
    try {
      // The event crosses a JSON boundary in Lambda; the handler must not share objects with the caller.
      const result = await Promise.race([handler(JSON.parse(JSON.stringify(event ?? null)), this.context(timeoutSeconds)), timedOut]);
      return result === undefined ? null : JSON.parse(JSON.stringify(result));
    } catch (error) {
      this.errors++;
      throw error instanceof FunctionError ? error : new FunctionError(errorPayload(error));
    } finally {
      clearTimeout(timer);
    }
  }

  private handler(): Promise<LambdaHandler> {
    this.handlerPromise ??= this.options.load().then((module) => {
      if (typeof module.handler !== "function") throw new Error(`Function ${this.name}: the module does not export a handler`);
      return module.handler;
    });
    return this.handlerPromise;
  }

  private context(timeoutSeconds: number): Context {
    const deadline = Date.now() + timeoutSeconds * 1000;
    const notSupported = () => {
      throw new Error("Callback-style context methods are not supported; return a value or a promise");
    };
    return {
      callbackWaitsForEmptyEventLoop: true,
      functionName: this.name,
      functionVersion: "$LATEST",
      invokedFunctionArn: this.arn,
      // SST's default function memory.
      memoryLimitInMB: "1024",
      awsRequestId: randomUUID(),
      logGroupName: `/aws/lambda/${this.name}`,
      logStreamName: `local/${LOCAL_REGION}/[$LATEST]local`,
      getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
      done: notSupported,
      fail: notSupported,
      succeed: notSupported,
    };
  }
}

function errorPayload(error: unknown): LambdaErrorPayload {
  if (error instanceof Error) {
    return { errorType: error.name || "Error", errorMessage: error.message, trace: (error.stack ?? "").split("\n") };
  }
  return { errorType: "Error", errorMessage: String(error), trace: [] };
}

// The Lambda context object a handler receives, built from what the invoker knows.
import type { Context } from "aws-lambda";

export interface InvocationContext {
  functionName: string;
  invokedFunctionArn: string;
  awsRequestId: string;
  /** Epoch ms at which the function times out. */
  deadline: number;
  region: string;
}

/** SST's default function memory. */
export const FUNCTION_MEMORY_MB = 1024;

export function lambdaContext(invocation: InvocationContext): Context {
  const notSupported = () => {
    throw new Error("Callback-style context methods are not supported; return a value or a promise");
  };
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: invocation.functionName,
    functionVersion: "$LATEST",
    invokedFunctionArn: invocation.invokedFunctionArn,
    memoryLimitInMB: String(FUNCTION_MEMORY_MB),
    awsRequestId: invocation.awsRequestId,
    logGroupName: `/aws/lambda/${invocation.functionName}`,
    logStreamName: `local/${invocation.region}/[$LATEST]local`,
    getRemainingTimeInMillis: () => Math.max(0, invocation.deadline - Date.now()),
    done: notSupported,
    fail: notSupported,
    succeed: notSupported,
  };
}

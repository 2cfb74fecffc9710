// How the Lambda service reports a failed invocation: {errorType, errorMessage, trace}, errorType
// being the thrown error's `name` (what AppSync reports and Step Functions' Retry/Catch match).
export interface LambdaErrorPayload {
  errorType: string;
  errorMessage: string;
  trace: string[];
}

export function errorPayload(error: unknown): LambdaErrorPayload {
  if (error instanceof Error) {
    return { errorType: error.name || "Error", errorMessage: error.message, trace: (error.stack ?? "").split("\n") };
  }
  return { errorType: "Error", errorMessage: String(error), trace: [] };
}

/** Raised by `LocalFunction.invoke` when the invocation failed; carries what the Lambda service would report. */
export class FunctionError extends Error {
  constructor(readonly payload: LambdaErrorPayload) {
    super(payload.errorMessage);
    this.name = payload.errorType;
  }
}

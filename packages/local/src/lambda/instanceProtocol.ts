// Messages between the pool and a function instance's worker thread. Events and results travel
// as JSON text, as they cross a JSON boundary in Lambda.
import type { InvocationContext } from "./invocationContext";
import type { LambdaErrorPayload } from "./lambdaErrors";

export interface InstanceRequest {
  event: string;
  context: InvocationContext;
}

export type InstanceReply =
  | { type: "ready" }
  | { type: "initError"; error: LambdaErrorPayload }
  | { type: "result"; payload: string }
  | { type: "error"; error: LambdaErrorPayload };

// Runs inside a function instance's worker thread, as the Lambda runtime does inside a sandbox:
// loads the handler bundle once (the init phase, with the function's environment), reports
// ready or the init error, then runs the events it is sent — one at a time, since the pool
// never sends a second event before the first has answered.
import { parentPort, workerData } from "node:worker_threads";
import type { InstanceReply, InstanceRequest } from "./instanceProtocol";
import { lambdaContext } from "./invocationContext";
import { errorPayload } from "./lambdaErrors";

type Handler = (event: unknown, context: unknown) => unknown;

const port = parentPort!;
const reply = (message: InstanceReply) => port.postMessage(message);

let handler: Handler | undefined;
try {
  const module = (await import((workerData as { handlerUrl: string }).handlerUrl)) as { handler?: unknown };
  if (typeof module.handler !== "function") throw new Error("The module does not export a handler");
  handler = module.handler as Handler;
  reply({ type: "ready" });
} catch (error) {
  reply({ type: "initError", error: errorPayload(error) });
}

port.on("message", async (request: InstanceRequest) => {
  try {
    const result = await handler!(JSON.parse(request.event), lambdaContext(request.context));
    reply({ type: "result", payload: JSON.stringify(result ?? null) });
  } catch (error) {
    reply({ type: "error", error: errorPayload(error) });
  }
});

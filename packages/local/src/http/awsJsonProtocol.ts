// Server side of the AWS JSON 1.0 protocol, which the SDK v3 clients for SQS and Step Functions
// speak: POST / with `x-amz-target: <Service>.<Operation>` and a JSON body; errors are a JSON
// body with `__type` (the SDK maps it to the modelled exception class) and `message`.
// Smithy's server SDKs would need code generated from the service models (a Gradle build);
// this envelope is all the two emulators need.
import { randomUUID } from "node:crypto";
import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";
import { readBody } from "./httpServer";

/** An error the API answers with, as the real service would (e.g. ExecutionAlreadyExists). */
export class AwsServiceError extends Error {
  constructor(
    /** Shape name, e.g. "ExecutionAlreadyExists"; also the SDK exception's `name`. */
    readonly code: string,
    message: string,
    readonly statusCode = 400,
    /** SQS is "awsQueryCompatible": its errors also carry the legacy query error code. */
    readonly queryErrorCode?: string,
  ) {
    super(message);
    this.name = code;
  }
}

export type JsonOperation = (input: Record<string, unknown>) => Promise<unknown> | unknown;

export interface AwsJsonServiceDefinition {
  /** The x-amz-target prefix, e.g. "AmazonSQS" or "AWSStepFunctions". */
  targetPrefix: string;
  /** Namespace used in `__type`, e.g. "com.amazonaws.sqs". */
  errorNamespace: string;
  operations: Record<string, JsonOperation>;
}

export function awsJsonRequestListener(service: AwsJsonServiceDefinition): RequestListener {
  return (request, response) => {
    void handle(service, request, response);
  };
}

async function handle(service: AwsJsonServiceDefinition, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const requestId = randomUUID();
  try {
    const target = String(request.headers["x-amz-target"] ?? "");
    const [prefix, operationName] = target.split(".");
    const operation = prefix === service.targetPrefix ? service.operations[operationName ?? ""] : undefined;
    if (request.method !== "POST" || !operation) {
      throw new AwsServiceError("UnknownOperationException", `Operation ${target || "(none)"} is not supported by the local ${service.targetPrefix}`);
    }
    const text = await readBody(request);
    let input: Record<string, unknown>;
    try {
      input = text.length === 0 ? {} : (JSON.parse(text) as Record<string, unknown>);
    } catch {
      throw new AwsServiceError("SerializationException", "The request body is not valid JSON");
    }
    const output = (await operation(input)) ?? {};
    writeJson(response, 200, output, requestId);
  } catch (error) {
    const serviceError =
      error instanceof AwsServiceError ? error : new AwsServiceError("InternalFailure", error instanceof Error ? error.message : String(error), 500);
    const headers: Record<string, string> = {};
    if (serviceError.queryErrorCode) headers["x-amzn-query-error"] = `${serviceError.queryErrorCode};${serviceError.statusCode < 500 ? "Sender" : "Receiver"}`;
    writeJson(
      response,
      serviceError.statusCode,
      { __type: `${service.errorNamespace}#${serviceError.code}`, message: serviceError.message },
      requestId,
      headers,
    );
  }
}

function writeJson(response: ServerResponse, status: number, body: unknown, requestId: string, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    "content-type": "application/x-amz-json-1.0",
    "content-length": Buffer.byteLength(text),
    "x-amzn-requestid": requestId,
    ...headers,
  });
  response.end(text);
}

/** JSON-protocol timestamps are epoch seconds. */
export function epochSeconds(date: Date): number {
  return date.getTime() / 1000;
}

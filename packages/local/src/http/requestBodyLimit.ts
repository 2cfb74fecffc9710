// Reads a request body only up to a byte limit: a declared Content-Length over the limit is
// refused before a byte is read, and a body without one (chunked) is refused as soon as it
// passes the limit, so a client cannot make the server hold more than the limit in memory.
// (raw-body does the same for Express; these few lines on node:http keep the local stand-in free
// of a dependency and let the caller still answer 413 on the same connection.)
import type { IncomingMessage, ServerResponse } from "node:http";

export class PayloadTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`The request body is larger than ${maxBytes} bytes.`);
    this.name = "PayloadTooLargeError";
  }
}

/** Throws PayloadTooLargeError when the request declares a body over the limit (nothing read). */
export function refuseDeclaredOversize(request: IncomingMessage, maxBytes: number): void {
  const declared = Number(request.headers["content-length"] ?? 0);
  if (declared > maxBytes) throw new PayloadTooLargeError(maxBytes);
}

/**
 * Stops reading (without destroying the request, so the refusal can still be answered) as soon as
 * the body passes the limit.
 */
export function readBodyWithin(request: IncomingMessage, maxBytes: number): Promise<string> {
  refuseDeclaredOversize(request, maxBytes);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    const stop = () => {
      request.off("data", onData);
      request.off("end", onEnd);
      request.off("error", onError);
    };
    const onData = (chunk: Buffer) => {
      received += chunk.length;
      if (received <= maxBytes) {
        chunks.push(chunk);
        return;
      }
      stop();
      request.pause();
      reject(new PayloadTooLargeError(maxBytes));
    };
    const onEnd = () => {
      stop();
      resolve(Buffer.concat(chunks).toString("utf8"));
    };
    const onError = (error: Error) => {
      stop();
      reject(error);
    };
    request.on("data", onData);
    request.on("end", onEnd);
    request.on("error", onError);
  });
}

/**
 * Answers and closes the connection: the unread rest of the body is dropped with the socket
 * instead of being drained.
 */
export function closeAfterResponse(request: IncomingMessage, response: ServerResponse): void {
  const socket = request.socket;
  response.setHeader("connection", "close");
  response.once("finish", () => socket?.destroySoon());
}

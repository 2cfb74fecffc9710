// Reads a request body only up to a byte limit: a declared Content-Length over the limit is
// refused before a byte is read, and a body without one (chunked) is refused as soon as it
// passes the limit, so a client cannot make the server hold more than the limit in memory.
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

export async function readBodyWithin(request: IncomingMessage, maxBytes: number): Promise<string> {
  refuseDeclaredOversize(request, maxBytes);
  const chunks: Buffer[] = [];
  let received = 0;
  for await (const chunk of request) {
    received += (chunk as Buffer).length;
    if (received > maxBytes) throw new PayloadTooLargeError(maxBytes);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/**
 * Answers and closes the connection: the unread rest of the body is dropped with the socket
 * instead of being drained.
 */
export function closeAfterResponse(request: IncomingMessage, response: ServerResponse): void {
  response.setHeader("connection", "close");
  response.once("finish", () => request.socket.destroySoon());
}

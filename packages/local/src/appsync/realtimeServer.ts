// AppSync's real-time WebSocket protocol on the local API, as aws-appsync-subscription-link and
// Amplify speak it (https://docs.aws.amazon.com/appsync/latest/devguide/real-time-websocket-client.html):
//   ws://<api>/graphql/realtime — the path the clients derive from a non-AppSync (custom domain)
//   GraphQL URL by appending /realtime; subprotocol `graphql-ws`; the connection's auth headers
//   in a `header-<base64url JSON>` subprotocol or a `header` query parameter (base64 JSON).
//   connection_init → connection_ack {connectionTimeoutMs}, then `ka` every keepAliveMs
//   start {id, payload: {data: "<{query, variables}>", extensions: {authorization}}}
//     → start_ack, then data {id, payload: {data}} per matching publish; error {id} on refusal
//   stop {id} → complete {id}
//   a connection whose credentials fail gets connection_error (errorCode 401) and is closed.
// A user pool token holds only until its `exp`, also on a long-lived socket: when the token a
// connection was opened with expires, the connection gets an error and is closed (the client
// reconnects with a fresh token); when the token a subscription was started with expires, that
// subscription gets an error and stops — as AppSync ends what an expired token authorised.
// Each start message is authenticated on its own headers with the API's RequestAuthenticator,
// then started by the GraphQL endpoint (auth directives, then the field's resolver), exactly the
// checks a POST /graphql gets. Built on `ws`, the maintained WebSocket server for Node.
import type { IncomingMessage, Server } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocket, WebSocketServer } from "ws";
import type { GraphqlEndpoint } from "./graphqlEndpoint";
import type { AuthenticatedCaller, AuthOutcome } from "./requestAuth";

export const REALTIME_PATH = "/graphql/realtime";
const SUBPROTOCOL = "graphql-ws";
/** AppSync's: the client disconnects when no `ka` arrives within this. */
export const CONNECTION_TIMEOUT_MS = 300_000;
/** AppSync sends a keep-alive about every minute. */
const DEFAULT_KEEP_ALIVE_MS = 60_000;
/** AppSync's limit on one real-time message (the clients' messages are far smaller). */
const MAX_MESSAGE_BYTES = 128 * 1024;
/** AppSync's limit on subscriptions per connection. */
const MAX_SUBSCRIPTIONS_PER_CONNECTION = 200;

export interface RealtimeSettings {
  keepAliveMs?: number;
}

interface Connection {
  socket: WebSocket;
  auth: AuthOutcome;
  sourceIp: string;
  acknowledged: boolean;
  subscriptions: Map<string, () => void>;
  keepAlive?: NodeJS.Timeout;
  /** Ends the connection when the token it was opened with expires. */
  expiry?: NodeJS.Timeout;
}

const TOKEN_EXPIRED = { errorType: "UnauthorizedException", message: "Token has expired." };

type ClientMessage = { type?: unknown; id?: unknown; payload?: unknown };

export class RealtimeServer {
  private readonly sockets = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_MESSAGE_BYTES,
    handleProtocols: (protocols) => (protocols.has(SUBPROTOCOL) ? SUBPROTOCOL : false),
  });
  private readonly connections = new Set<Connection>();
  private readonly keepAliveMs: number;

  constructor(
    private readonly graphql: GraphqlEndpoint,
    settings: RealtimeSettings = {},
  ) {
    this.keepAliveMs = settings.keepAliveMs ?? DEFAULT_KEEP_ALIVE_MS;
  }

  /** Serves upgrades on REALTIME_PATH of the API's HTTP server; other upgrade requests are refused. */
  attach(server: Server): void {
    server.on("upgrade", (request: IncomingMessage, socket: Duplex, head: Buffer) => {
      this.upgrade(request, socket, head).catch(() => socket.destroy());
    });
  }

  get openConnections(): number {
    return this.connections.size;
  }

  /** Drops every connection without a goodbye, as a network failure would (for tests and `pnpm bench`). */
  dropAllConnections(): void {
    for (const connection of this.connections) connection.socket.terminate();
  }

  async close(): Promise<void> {
    for (const connection of this.connections) connection.socket.terminate();
    await new Promise<void>((resolve) => this.sockets.close(() => resolve()));
  }

  private async upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const url = new URL(request.url ?? "/", "http://localhost");
    const offered = (request.headers["sec-websocket-protocol"] ?? "").split(",").map((protocol) => protocol.trim());
    if (url.pathname.replace(/\/+$/, "") !== REALTIME_PATH || !offered.includes(SUBPROTOCOL)) {
      socket.end("HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
      return;
    }
    const headers = connectionHeaders(url, offered);
    const sourceIp = request.socket.remoteAddress ?? "127.0.0.1";
    const auth = headers
      ? await this.graphql.authenticator.authenticate(headerRequest(headers, sourceIp, `${url.pathname.replace(/\/realtime$/, "")}/connect`), "{}")
      : { refusal: { status: 401, body: { errors: [{ errorType: "UnauthorizedException", message: "You are not authorized to make this call." }] } } };
    this.sockets.handleUpgrade(request, socket, head, (webSocket) => this.accept(webSocket, auth, sourceIp));
  }

  private accept(socket: WebSocket, auth: AuthOutcome, sourceIp: string): void {
    const connection: Connection = { socket, auth, sourceIp, acknowledged: false, subscriptions: new Map() };
    this.connections.add(connection);
    socket.on("message", (raw, isBinary) => {
      this.receive(connection, isBinary ? undefined : raw.toString()).catch((error: unknown) => {
        send(socket, {
          type: "error",
          payload: { errors: [{ errorType: "InternalFailure", message: error instanceof Error ? error.message : String(error) }] },
        });
      });
    });
    socket.on("close", () => this.forget(connection));
    socket.on("error", () => this.forget(connection));
  }

  private forget(connection: Connection): void {
    clearInterval(connection.keepAlive);
    clearTimeout(connection.expiry);
    for (const stop of connection.subscriptions.values()) stop();
    connection.subscriptions.clear();
    this.connections.delete(connection);
  }

  private async receive(connection: Connection, text: string | undefined): Promise<void> {
    let message: ClientMessage;
    try {
      message = JSON.parse(text ?? "") as ClientMessage;
    } catch {
      send(connection.socket, {
        type: "error",
        payload: { errors: [{ errorType: "BadRequestException", message: "A real-time message must be JSON text." }] },
      });
      return;
    }
    const id = typeof message.id === "string" ? message.id : undefined;
    switch (message.type) {
      case "connection_init":
        return this.initialise(connection);
      case "start":
        if (!connection.acknowledged) return this.refuse(connection, id, "BadRequestException", "Send connection_init before start.");
        if (!id) return this.refuse(connection, id, "BadRequestException", "A start message needs an id.");
        return this.start(connection, id, message.payload);
      case "stop":
        if (id) {
          connection.subscriptions.get(id)?.();
          connection.subscriptions.delete(id);
          send(connection.socket, { type: "complete", id });
        }
        return;
      default:
        return this.refuse(connection, id, "UnsupportedOperation", `Unknown message type ${JSON.stringify(message.type)}.`);
    }
  }

  private initialise(connection: Connection): void {
    if ("refusal" in connection.auth) {
      const [error] = connection.auth.refusal.body.errors;
      send(connection.socket, { type: "connection_error", payload: { errors: [{ ...error, errorCode: connection.auth.refusal.status }] } });
      connection.socket.close(1000, error?.errorType);
      return;
    }
    if (connection.acknowledged) return;
    connection.acknowledged = true;
    send(connection.socket, { type: "connection_ack", payload: { connectionTimeoutMs: CONNECTION_TIMEOUT_MS } });
    send(connection.socket, { type: "ka" });
    connection.keepAlive = setInterval(() => send(connection.socket, { type: "ka" }), this.keepAliveMs);
    connection.keepAlive.unref();
    connection.expiry = whenExpired(connection.auth.caller, () => {
      // Each subscription is told why it ends before the connection goes.
      for (const id of [...connection.subscriptions.keys()]) this.endExpired(connection, id);
      send(connection.socket, { type: "connection_error", payload: { errors: [{ ...TOKEN_EXPIRED, errorCode: 401 }] } });
      connection.socket.close(1000, TOKEN_EXPIRED.errorType);
    });
  }

  private endExpired(connection: Connection, id: string): void {
    const stop = connection.subscriptions.get(id);
    if (!stop) return;
    stop();
    connection.subscriptions.delete(id);
    send(connection.socket, { type: "error", id, payload: { errors: [{ ...TOKEN_EXPIRED, errorCode: 401 }] } });
  }

  private refuse(connection: Connection, id: string | undefined, errorType: string, message: string, errorCode?: number): void {
    send(connection.socket, { type: "error", ...(id ? { id } : {}), payload: { errors: [{ errorType, message, ...(errorCode ? { errorCode } : {}) }] } });
  }

  private async start(connection: Connection, id: string, payload: unknown): Promise<void> {
    if (connection.subscriptions.has(id)) return this.refuse(connection, id, "BadRequestException", `Subscription ${id} is already started.`);
    if (connection.subscriptions.size >= MAX_SUBSCRIPTIONS_PER_CONNECTION)
      return this.refuse(connection, id, "LimitExceededException", "Too many subscriptions on this connection.");
    const { data, extensions } = (payload ?? {}) as { data?: unknown; extensions?: { authorization?: unknown } };
    let request: { query?: unknown; variables?: unknown; operationName?: unknown };
    try {
      request = typeof data === "string" ? JSON.parse(data) : (data as typeof request);
    } catch {
      return this.refuse(connection, id, "BadRequestException", "payload.data must be the JSON of {query, variables}.");
    }
    if (
      !request ||
      typeof request.query !== "string" ||
      (request.variables !== undefined && (typeof request.variables !== "object" || Array.isArray(request.variables)))
    ) {
      return this.refuse(connection, id, "BadRequestException", "payload.data needs a query and, optionally, variables as an object.");
    }
    const headers = lowerCaseHeaders(extensions?.authorization);
    if (!headers) return this.refuse(connection, id, "UnauthorizedException", "You are not authorized to make this call.", 401);
    // The start's own headers decide its mode and identity, as AppSync authorises each subscription.
    const auth = await this.graphql.authenticator.authenticate(
      headerRequest(headers, connection.sourceIp, "/graphql"),
      typeof data === "string" ? data : JSON.stringify(data),
    );
    if ("refusal" in auth) {
      const [error] = auth.refusal.body.errors;
      return this.refuse(
        connection,
        id,
        error?.errorType ?? "UnauthorizedException",
        error?.message ?? "You are not authorized to make this call.",
        auth.refusal.status,
      );
    }
    const caller: AuthenticatedCaller = auth.caller;
    const started = await this.graphql.startSubscription(
      caller,
      headers,
      {
        query: request.query,
        variables: request.variables as Record<string, unknown> | undefined,
        operationName: typeof request.operationName === "string" ? request.operationName : undefined,
      },
      (result) => send(connection.socket, { type: "data", id, payload: result }),
    );
    if ("errors" in started) {
      send(connection.socket, { type: "error", id, payload: { errors: started.errors } });
      return;
    }
    if (connection.socket.readyState !== WebSocket.OPEN) {
      started.stop();
      return;
    }
    const expiry = whenExpired(caller, () => this.endExpired(connection, id));
    connection.subscriptions.set(id, () => {
      clearTimeout(expiry);
      started.stop();
    });
    send(connection.socket, { type: "start_ack", id });
  }
}

/** Runs `expired` when the caller's user pool token expires (other modes carry no expiry). */
function whenExpired(caller: AuthenticatedCaller, expired: () => void): NodeJS.Timeout | undefined {
  if (caller.mode !== "AMAZON_COGNITO_USER_POOLS") return undefined;
  const expiresAtMs = Number((caller.identity.claims as { exp?: unknown }).exp) * 1000;
  if (!Number.isFinite(expiresAtMs)) return undefined;
  // Cognito's tokens live at most a day, far below setTimeout's longest delay (~24.8 days).
  const timer = setTimeout(expired, Math.max(0, expiresAtMs - Date.now()));
  timer.unref();
  return timer;
}

function send(socket: WebSocket, message: unknown): void {
  if (socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(message));
}

/** The connection's auth headers: a `header-<base64url>` subprotocol (current clients) or the `header` query parameter (base64). */
function connectionHeaders(url: URL, protocols: readonly string[]): Record<string, string> | undefined {
  const encoded = protocols.find((protocol) => protocol.startsWith("header-"))?.slice("header-".length) ?? url.searchParams.get("header") ?? undefined;
  if (!encoded) return undefined;
  try {
    return lowerCaseHeaders(JSON.parse(Buffer.from(encoded.replace(/-/g, "+").replace(/_/g, "/"), "base64").toString("utf8")));
  } catch {
    return undefined;
  }
}

function lowerCaseHeaders(value: unknown): Record<string, string> | undefined {
  if (!value || typeof value !== "object" || Array.isArray(value)) return undefined;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).flatMap(([name, header]) => (typeof header === "string" ? [[name.toLowerCase(), header]] : [])),
  );
}

/** What RequestAuthenticator reads of a request: headers, the peer's address, and (for SigV4) method and path. */
function headerRequest(headers: Record<string, string>, sourceIp: string, path: string): IncomingMessage {
  return { headers, method: "POST", url: path, socket: { remoteAddress: sourceIp } } as unknown as IncomingMessage;
}

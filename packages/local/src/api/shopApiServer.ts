// The one HTTP server a person or the web app talks to (default http://localhost:4000):
//   POST /graphql          the AppSync stand-in
//   GET  /health           200 when every component answers, else 503
//   GET  /outbox           every notification the topic would have e-mailed
//   GET  /pipeline         queue/DLQ depth, executions by status, recent notifications
//   POST /pipeline/redrive moves the dead-letter queue's messages back to the orders queue and
//                          reports which (their outcomes follow in GET /pipeline's `redrives`)
//   GET  /dev/confirmation-codes  the local user pool's codes
// /graphql and /health have open CORS, as AppSync's is, so the web app on another port can call
// them. The developer routes (/outbox, /pipeline…, /dev/…) need the API key and answer browsers
// only on the web app's origin (http/developerRoutes.ts).
import type { IncomingMessage, ServerResponse } from "node:http";
import type { GraphqlEndpoint } from "../appsync/graphqlEndpoint";
import type { ConfirmationCode } from "../cognito/confirmationCodes";
import { type DeveloperRouteAccessSettings, developerRouteAccess, isDeveloperRoute } from "../http/developerRoutes";
import { type RunningServer, sendJson, startHttpServer } from "../http/httpServer";
import { closeAfterResponse, PayloadTooLargeError, readBodyWithin } from "../http/requestBodyLimit";
import { confirmationCodesHtml, wantsJson } from "./confirmationCodesPage";

const CORS_HEADERS = {
  "access-control-allow-origin": "*",
  "access-control-allow-methods": "GET,POST,OPTIONS",
  "access-control-allow-headers": "content-type,x-api-key,x-amz-user-agent,x-amz-date,authorization",
  "access-control-max-age": "86400",
};

export interface ShopApiRoutes {
  graphql: GraphqlEndpoint;
  health(): Promise<{ healthy: boolean; components: Record<string, string> }>;
  outbox(): unknown;
  pipeline(): unknown;
  redrive(): Promise<unknown>;
  confirmationCodes(): ConfirmationCode[];
  developerAccess: DeveloperRouteAccessSettings;
}

/** The API server, listening before it serves: its URL is known before the functions are created. */
export interface ShopApiServer extends RunningServer {
  /** Starts answering with these routes (until then every request gets 503). */
  serve(routes: ShopApiRoutes): void;
}

/**
 * Listens first, serves later: function instances get their environment when they are created,
 * and publishers among them need the API's URL (ORDERS_API_URL), as a deployed function gets it
 * at deploy time — while the API's resolvers are those same functions.
 */
export async function startShopApiServer(port: number, host: string): Promise<ShopApiServer> {
  let routes: ShopApiRoutes | undefined;
  const running = await startHttpServer(
    (request, response) => {
      if (!routes) {
        sendJson(response, 503, { message: "The shop is starting; try again in a moment." }, CORS_HEADERS);
        return;
      }
      route(routes, request, response).catch((error: unknown) => {
        if (!response.headersSent) sendJson(response, 500, { message: error instanceof Error ? error.message : String(error) }, CORS_HEADERS);
        else response.destroy();
      });
    },
    port,
    host,
  );
  return Object.assign(running, {
    serve(ready: ShopApiRoutes) {
      routes = ready;
    },
  });
}

async function route(routes: ShopApiRoutes, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const path = new URL(request.url ?? "/", "http://localhost").pathname.replace(/\/+$/, "") || "/";
  const key = `${request.method} ${path}`;
  let headers: Record<string, string> = CORS_HEADERS;
  if (isDeveloperRoute(path)) {
    const access = developerRouteAccess(request, routes.developerAccess);
    if (!access.allowed) {
      closeAfterResponse(request, response);
      sendJson(response, access.status, access.body, access.headers);
      return;
    }
    headers = access.headers;
  }
  if (request.method === "OPTIONS") {
    response.writeHead(204, headers);
    response.end();
    return;
  }
  switch (key) {
    case "POST /graphql": {
      const { status, body } = await graphqlRoute(routes.graphql, request, response);
      sendJson(response, status, body, CORS_HEADERS);
      return;
    }
    case "GET /health": {
      const health = await routes.health();
      sendJson(response, health.healthy ? 200 : 503, health, CORS_HEADERS);
      return;
    }
    case "GET /outbox":
      sendJson(response, 200, routes.outbox(), headers);
      return;
    case "GET /pipeline":
      sendJson(response, 200, routes.pipeline(), headers);
      return;
    case "POST /pipeline/redrive":
      sendJson(response, 200, await routes.redrive(), headers);
      return;
    case "GET /dev/confirmation-codes": {
      const codes = routes.confirmationCodes();
      if (wantsJson(request)) {
        sendJson(response, 200, { codes }, headers);
      } else {
        const html = confirmationCodesHtml(codes);
        response.writeHead(200, { "content-type": "text/html; charset=utf-8", "content-length": Buffer.byteLength(html), ...headers });
        response.end(html);
      }
      return;
    }
    default:
      sendJson(response, 404, { message: `No route for ${key}` }, headers);
  }
}

/** The key is checked and the declared size refused before the body is read; the body is read only up to the limit. */
async function graphqlRoute(graphql: GraphqlEndpoint, request: IncomingMessage, response: ServerResponse) {
  const refusal = graphql.authorizationFailure(request);
  if (refusal) {
    closeAfterResponse(request, response);
    return refusal;
  }
  let bodyText: string;
  try {
    bodyText = await readBodyWithin(request, graphql.limits.maxRequestBodyBytes);
  } catch (error) {
    if (!(error instanceof PayloadTooLargeError)) throw error;
    closeAfterResponse(request, response);
    return { status: 413, body: { errors: [{ errorType: "PayloadTooLargeException", message: error.message }] } };
  }
  return graphql.handle(request, bodyText);
}

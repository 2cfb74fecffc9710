// The one HTTP server a person or the web app talks to (default http://localhost:4000):
//   POST /graphql          the AppSync stand-in
//   GET  /health           200 when every component answers, else 503
//   GET  /outbox           every notification the topic would have e-mailed
//   GET  /pipeline         queue/DLQ depth, executions by status, recent notifications
//   POST /pipeline/redrive moves the dead-letter queue's messages back to the orders queue
//   GET  /dev/confirmation-codes  the local user pool's codes (developer route: API key, web origin only)
// CORS is open, as AppSync's is, so the web dev server on another port can call it; developer
// routes answer only the web app's origin.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { GraphqlEndpoint } from "../appsync/graphqlEndpoint";
import type { ConfirmationCode } from "../cognito/confirmationCodes";
import { readBody, sendJson, startHttpServer, type RunningServer } from "../http/httpServer";
import { confirmationCodesHtml, wantsJson } from "./confirmationCodesPage";
import { checkDeveloperRoute, developerCorsHeaders, type DeveloperRouteAccess } from "./developerRouteAccess";

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
  redrive(): { moved: number };
  confirmationCodes(): ConfirmationCode[];
  developerAccess: DeveloperRouteAccess;
}

export function startShopApiServer(routes: ShopApiRoutes, port: number, host: string): Promise<RunningServer> {
  return startHttpServer((request, response) => {
    route(routes, request, response).catch((error: unknown) => {
      if (!response.headersSent) sendJson(response, 500, { message: error instanceof Error ? error.message : String(error) }, CORS_HEADERS);
      else response.destroy();
    });
  }, port, host);
}

async function route(routes: ShopApiRoutes, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const path = new URL(request.url ?? "/", "http://localhost").pathname.replace(/\/+$/, "") || "/";
  const key = `${request.method} ${path}`;
  if (request.method === "OPTIONS") {
    response.writeHead(204, path.startsWith("/dev/") ? developerCorsHeaders(routes.developerAccess) : CORS_HEADERS);
    response.end();
    return;
  }
  switch (key) {
    case "POST /graphql": {
      const { status, body } = await routes.graphql.handle(request, await readBody(request));
      sendJson(response, status, body, CORS_HEADERS);
      return;
    }
    case "GET /health": {
      const health = await routes.health();
      sendJson(response, health.healthy ? 200 : 503, health, CORS_HEADERS);
      return;
    }
    case "GET /outbox":
      sendJson(response, 200, routes.outbox(), CORS_HEADERS);
      return;
    case "GET /pipeline":
      sendJson(response, 200, routes.pipeline(), CORS_HEADERS);
      return;
    case "POST /pipeline/redrive":
      sendJson(response, 200, routes.redrive(), CORS_HEADERS);
      return;
    case "GET /dev/confirmation-codes": {
      const access = checkDeveloperRoute(request, routes.developerAccess);
      if (!access.allowed) {
        sendJson(response, access.status, access.body, access.headers);
        return;
      }
      const codes = routes.confirmationCodes();
      if (wantsJson(request)) {
        sendJson(response, 200, { codes }, access.headers);
      } else {
        const html = confirmationCodesHtml(codes);
        response.writeHead(200, { "content-type": "text/html; charset=utf-8", "content-length": Buffer.byteLength(html), ...access.headers });
        response.end(html);
      }
      return;
    }
    default:
      sendJson(response, 404, { message: `No route for ${key}` }, CORS_HEADERS);
  }
}

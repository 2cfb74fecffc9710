// The one HTTP server a person or the web app talks to (default http://localhost:4000):
//   POST /graphql          the AppSync stand-in
//   GET  /health           200 when every component answers, else 503
//   GET  /outbox           every notification the topic would have e-mailed
//   GET  /pipeline         queue/DLQ depth, executions by status, recent notifications
//   POST /pipeline/redrive moves the dead-letter queue's messages back to the orders queue and
//                          reports which (their outcomes follow in GET /pipeline's `redrives`)
// CORS is open, as AppSync's is, so the web dev server on another port can call it.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { GraphqlEndpoint } from "../appsync/graphqlEndpoint";
import { readBody, sendJson, startHttpServer, type RunningServer } from "../http/httpServer";

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
    response.writeHead(204, CORS_HEADERS);
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
      sendJson(response, 200, await routes.redrive(), CORS_HEADERS);
      return;
    default:
      sendJson(response, 404, { message: `No route for ${key}` }, CORS_HEADERS);
  }
}

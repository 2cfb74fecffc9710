// The local shop's developer routes (/outbox, /pipeline, /pipeline/redrive, /dev/*) show and move
// customers' data, so they need the API key and answer browsers only on the web app's origin.
// Every such route goes through developerRouteAccess; requests without an Origin header (curl,
// the CLI commands) need only the key, in the `x-api-key` header or as `?key=` for a page opened
// in a browser (the confirmation codes page).
import type { IncomingMessage } from "node:http";
import { sameSecret } from "./requestHeaders";

export interface DeveloperRouteAccessSettings {
  apiKey: string;
  /** Origins of the web app, e.g. http://localhost:5173. */
  webOrigins: readonly string[];
}

export type DeveloperRouteDecision =
  | { allowed: true; headers: Record<string, string> }
  | { allowed: false; status: 401 | 403; body: { errorType: string; message: string }; headers: Record<string, string> };

const DEVELOPER_ROUTE_ROOTS = ["/outbox", "/pipeline", "/dev"];

/** /outbox, /pipeline and /dev, and every path under them. */
export function isDeveloperRoute(path: string): boolean {
  return DEVELOPER_ROUTE_ROOTS.some((root) => path === root || path.startsWith(`${root}/`));
}

/** CORS headers for a developer route: only the web app's origin is ever named, never `*`. */
export function developerCorsHeaders(request: IncomingMessage, settings: DeveloperRouteAccessSettings): Record<string, string> {
  const origin = request.headers.origin;
  const headers: Record<string, string> = { vary: "Origin" };
  if (origin && settings.webOrigins.includes(origin)) {
    Object.assign(headers, {
      "access-control-allow-origin": origin,
      "access-control-allow-methods": "GET,POST,OPTIONS",
      "access-control-allow-headers": "content-type,x-api-key",
      "access-control-max-age": "600",
    });
  }
  return headers;
}

/**
 * Whether a request may use a developer route. A preflight (OPTIONS) needs no key — browsers
 * never send one — but is answered with CORS headers only for the web app's origin.
 */
export function developerRouteAccess(request: IncomingMessage, settings: DeveloperRouteAccessSettings): DeveloperRouteDecision {
  const headers = developerCorsHeaders(request, settings);
  const origin = request.headers.origin;
  if (origin !== undefined && !settings.webOrigins.includes(origin)) {
    return { allowed: false, status: 403, body: { errorType: "ForbiddenException", message: `Origin ${origin} may not use the developer routes.` }, headers };
  }
  if (request.method === "OPTIONS") return { allowed: true, headers };
  const headerKey = request.headers["x-api-key"];
  const key = (Array.isArray(headerKey) ? headerKey[0] : headerKey) ?? new URL(request.url ?? "/", "http://localhost").searchParams.get("key") ?? "";
  if (!sameSecret(key, settings.apiKey)) {
    return { allowed: false, status: 401, body: { errorType: "UnauthorizedException", message: "You are not authorized to make this call." }, headers };
  }
  return { allowed: true, headers };
}

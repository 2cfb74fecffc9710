// Who may open the API server's developer pages (local-only tools such as the confirmation codes):
// a caller holding the API key — in the `x-api-key` header, or `?key=` for a page opened in a
// browser — and, from a browser, only the web app's origin. One check for every developer route.
import type { IncomingMessage } from "node:http";
import { sameSecret } from "../http/requestHeaders";

export interface DeveloperRouteAccess {
  apiKey: string;
  /** e.g. http://localhost:5173 */
  webOrigin: string;
}

export type DeveloperRouteDecision = { allowed: true; headers: Record<string, string> } | { allowed: false; status: 401 | 403; headers: Record<string, string>; body: unknown };

/** CORS headers of a developer route: the web app's origin only (never `*`). */
export function developerCorsHeaders(access: DeveloperRouteAccess): Record<string, string> {
  return {
    "access-control-allow-origin": access.webOrigin,
    "access-control-allow-methods": "GET,POST,OPTIONS",
    "access-control-allow-headers": "content-type,x-api-key",
    "access-control-max-age": "86400",
    vary: "origin",
  };
}

export function checkDeveloperRoute(request: IncomingMessage, access: DeveloperRouteAccess): DeveloperRouteDecision {
  const headers = developerCorsHeaders(access);
  const origin = request.headers.origin;
  // A browser on another site can still send a simple GET or POST; CORS only hides the answer.
  if (origin !== undefined && origin !== access.webOrigin) {
    return { allowed: false, status: 403, headers, body: { errorType: "ForbiddenOrigin", message: `Developer pages answer only ${access.webOrigin}.` } };
  }
  const headerKey = request.headers["x-api-key"];
  const key = (Array.isArray(headerKey) ? headerKey[0] : headerKey) ?? new URL(request.url ?? "/", "http://localhost").searchParams.get("key") ?? "";
  if (!sameSecret(key, access.apiKey)) {
    return { allowed: false, status: 401, headers, body: { errorType: "UnauthorizedException", message: "Developer pages need the API key (x-api-key header or ?key=)." } };
  }
  return { allowed: true, headers };
}

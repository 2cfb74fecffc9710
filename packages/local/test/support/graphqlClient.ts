// A minimal GraphQL-over-HTTP client, as the web app or curl would call the local API.
export interface GraphqlResult<T> {
  status: number;
  body: { data?: T | null; errors?: Array<{ errorType?: string | null; message: string; path?: unknown }> };
}

/**
 * How the call authenticates: a string is the API key (x-api-key); `token` is a user pool token
 * sent as `Authorization: <token>` (as Amplify and AppSync's client links send it, no "Bearer");
 * `headers` are sent as they are (e.g. headers trying to claim an identity, or a SigV4 signature).
 */
export type GraphqlAuth = string | undefined | { apiKey?: string; token?: string; headers?: Record<string, string> };

/** The request body graphql() sends (a SigV4 signature covers exactly these bytes). */
export function graphqlBody(query: string, variables: Record<string, unknown> = {}): string {
  return JSON.stringify({ query, variables });
}

export async function graphql<T = Record<string, unknown>>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  auth: GraphqlAuth,
): Promise<GraphqlResult<T>> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  const { apiKey, token, headers: extra } = typeof auth === "object" ? auth : { apiKey: auth };
  if (apiKey !== undefined) headers["x-api-key"] = apiKey;
  if (token !== undefined) headers.authorization = token;
  Object.assign(headers, extra);
  const response = await fetch(url, { method: "POST", headers, body: graphqlBody(query, variables) });
  return { status: response.status, body: (await response.json()) as GraphqlResult<T>["body"] };
}

// A minimal GraphQL-over-HTTP client, as the web app or curl would call the local API.
export interface GraphqlResult<T> {
  status: number;
  body: { data?: T | null; errors?: Array<{ errorType?: string | null; message: string; path?: unknown }> };
}

export async function graphql<T = Record<string, unknown>>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  apiKey: string | undefined,
): Promise<GraphqlResult<T>> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (apiKey !== undefined) headers["x-api-key"] = apiKey;
  const response = await fetch(url, { method: "POST", headers, body: JSON.stringify({ query, variables }) });
  return { status: response.status, body: (await response.json()) as GraphqlResult<T>["body"] };
}

// Where the API is. Set at build time by the StaticSite (cloud) or by `pnpm start` (local).
export interface ApiConfig {
  graphqlUrl: string;
  apiKey: string;
}

export function readApiConfig(env: ImportMetaEnv = import.meta.env): ApiConfig {
  const graphqlUrl = env.VITE_GRAPHQL_URL?.trim();
  const apiKey = env.VITE_GRAPHQL_API_KEY?.trim();
  const missing = [!graphqlUrl && "VITE_GRAPHQL_URL", !apiKey && "VITE_GRAPHQL_API_KEY"].filter(Boolean);
  if (missing.length > 0) throw new Error(`The web app was built without ${missing.join(" and ")}.`);
  return { graphqlUrl: graphqlUrl!, apiKey: apiKey! };
}

/**
 * The local runtime serves its outbox next to /graphql. AppSync has no such route, so a deployed
 * stage is recognised by its host and the outbox is not requested at all (notifications are e-mailed).
 */
export function outboxUrlFor(config: ApiConfig): string | undefined {
  const url = new URL(config.graphqlUrl, globalThis.location?.href);
  if (url.hostname.includes(".appsync-api.") || url.hostname.endsWith(".amazonaws.com")) return undefined;
  return new URL("/outbox", url).toString();
}

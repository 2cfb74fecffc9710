// Where the API is and which shop this is: read at start from index.html, where `pnpm start`
// (local) or the StaticSite (cloud) put it. Not from import.meta.env: Vite would inline those values
// into the hashed scripts, which are cached immutable, so a rotated API key would never reach a
// returning visitor.
export type ShopMode = "local" | "cloud";

export interface ApiConfig {
  graphqlUrl: string;
  apiKey: string;
  /** local: the local runtime (it serves the outbox next to /graphql); cloud: AppSync (e-mails). */
  shopMode: ShopMode;
}

export type ShopEnvironment = Partial<Record<"VITE_GRAPHQL_URL" | "VITE_GRAPHQL_API_KEY" | "VITE_SHOP_MODE", string>>;

const META_PREFIX = "shop-config:";
// Vite leaves %NAME% in place when the variable was not set at build time.
const UNFILLED = /^%\w+%$/;

/** The shop-config meta tags of the page, unfilled ones left out. */
export function readPageEnvironment(doc: Document = document): ShopEnvironment {
  const environment: Record<string, string> = {};
  for (const meta of doc.querySelectorAll<HTMLMetaElement>(`meta[name^="${META_PREFIX}"]`)) {
    const value = meta.content.trim();
    if (value && !UNFILLED.test(value)) environment[meta.name.slice(META_PREFIX.length)] = value;
  }
  return environment;
}

export function readApiConfig(env: ShopEnvironment = readPageEnvironment()): ApiConfig {
  const graphqlUrl = env.VITE_GRAPHQL_URL?.trim();
  const apiKey = env.VITE_GRAPHQL_API_KEY?.trim();
  const shopMode = env.VITE_SHOP_MODE?.trim();
  if (!graphqlUrl || !apiKey || !shopMode) {
    const missing = [!graphqlUrl && "VITE_GRAPHQL_URL", !apiKey && "VITE_GRAPHQL_API_KEY", !shopMode && "VITE_SHOP_MODE"].filter(Boolean);
    throw new Error(`The web app was built without ${missing.join(", ")}.`);
  }
  if (shopMode !== "local" && shopMode !== "cloud") throw new Error(`VITE_SHOP_MODE must be local or cloud, not "${shopMode}".`);
  return { graphqlUrl, apiKey, shopMode };
}

/** The local runtime serves its outbox next to /graphql; in the cloud notifications are e-mailed. */
export function outboxUrlFor(config: ApiConfig): string | undefined {
  if (config.shopMode !== "local") return undefined;
  return new URL("/outbox", new URL(config.graphqlUrl, globalThis.location?.href)).toString();
}

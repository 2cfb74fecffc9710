// Where the API and the user pool are, and which shop this is: read at start from index.html's
// shop-config meta tags, which Vite fills in from the environment (`pnpm start` locally, the
// StaticSite in the cloud, where SST replaces its placeholders at deploy). Not from import.meta.env:
// Vite would inline those values into the hashed scripts, which are cached immutable for a year,
// so a rotated API key would never reach a returning visitor. Nothing is guessed from the host name.
export interface CognitoConfig {
  userPoolId: string;
  userPoolClientId: string;
  /** Local mode only: the cognito-local endpoint (Amplify's `userPoolEndpoint`). Absent in the cloud. */
  userPoolEndpoint?: string;
}

/** local: the local runtime (it serves an outbox next to /graphql); cloud: AppSync (notifications are e-mailed). */
export type ShopMode = "local" | "cloud";

export interface ApiConfig {
  graphqlUrl: string;
  apiKey: string;
  shopMode: ShopMode;
  /** Customer accounts; without them the app is guest-only and its sign-in pages say so. */
  cognito?: CognitoConfig;
  /** Local mode only: the local API's developer page (confirmation codes, sent e-mails). */
  localDevUrl?: string;
  /** Local mode only: the customers' e-mail inbox (maildev). */
  localMailUrl?: string;
}

export const SHOP_CONFIG_VARIABLES = [
  "VITE_GRAPHQL_URL",
  "VITE_GRAPHQL_API_KEY",
  "VITE_SHOP_MODE",
  "VITE_COGNITO_USER_POOL_ID",
  "VITE_COGNITO_CLIENT_ID",
  "VITE_COGNITO_ENDPOINT",
  "VITE_LOCAL_DEV_URL",
  "VITE_LOCAL_MAIL_URL",
] as const;
export type ShopEnvironment = Partial<Record<(typeof SHOP_CONFIG_VARIABLES)[number], string>>;

const META_PREFIX = "shop-config:";
// Vite leaves %NAME% in place when the variable was not set at build time.
const UNFILLED = /^%\w+%$/;

/** The page's shop-config meta tags (index.html), unfilled ones left out. */
export function readPageEnvironment(doc: Document = document): ShopEnvironment {
  const environment: Record<string, string> = {};
  for (const meta of doc.querySelectorAll<HTMLMetaElement>(`meta[name^="${META_PREFIX}"]`)) {
    const value = meta.content.trim();
    if (value && !UNFILLED.test(value)) environment[meta.name.slice(META_PREFIX.length)] = value;
  }
  return environment;
}

const present = (value: string | undefined) => value?.trim() || undefined;

function readCognitoConfig(env: ShopEnvironment): CognitoConfig | undefined {
  const userPoolId = present(env.VITE_COGNITO_USER_POOL_ID);
  const userPoolClientId = present(env.VITE_COGNITO_CLIENT_ID);
  const userPoolEndpoint = present(env.VITE_COGNITO_ENDPOINT);
  if (!userPoolId && !userPoolClientId) return undefined;
  if (!userPoolId || !userPoolClientId) {
    throw new Error("The web app was built with only one of VITE_COGNITO_USER_POOL_ID and VITE_COGNITO_CLIENT_ID.");
  }
  return { userPoolId, userPoolClientId, ...(userPoolEndpoint ? { userPoolEndpoint } : {}) };
}

export function readApiConfig(env: ShopEnvironment = readPageEnvironment()): ApiConfig {
  const graphqlUrl = present(env.VITE_GRAPHQL_URL);
  const apiKey = present(env.VITE_GRAPHQL_API_KEY);
  const shopMode = present(env.VITE_SHOP_MODE);
  if (!graphqlUrl || !apiKey || !shopMode) {
    const missing = [!graphqlUrl && "VITE_GRAPHQL_URL", !apiKey && "VITE_GRAPHQL_API_KEY", !shopMode && "VITE_SHOP_MODE"].filter(Boolean);
    throw new Error(`The web app was built without ${missing.join(", ")}.`);
  }
  if (shopMode !== "local" && shopMode !== "cloud") throw new Error(`VITE_SHOP_MODE must be local or cloud, not "${shopMode}".`);
  const cognito = readCognitoConfig(env);
  const localDevUrl = present(env.VITE_LOCAL_DEV_URL);
  const localMailUrl = present(env.VITE_LOCAL_MAIL_URL);
  return { graphqlUrl, apiKey, shopMode, ...(cognito ? { cognito } : {}), ...(localDevUrl ? { localDevUrl } : {}), ...(localMailUrl ? { localMailUrl } : {}) };
}

// Where the API and the user pool are. Set at build time by the StaticSite (cloud) or by
// `pnpm start` (local). Nothing here is guessed from the host name: configuration says it.
export interface CognitoConfig {
  userPoolId: string;
  userPoolClientId: string;
  /** Local mode only: the cognito-local endpoint (Amplify's `userPoolEndpoint`). Absent in the cloud. */
  userPoolEndpoint?: string;
}

export interface ApiConfig {
  graphqlUrl: string;
  apiKey: string;
  /** Customer accounts; without them the app is guest-only and its sign-in pages say so. */
  cognito?: CognitoConfig;
  /** Local mode only: the local API's developer page (confirmation codes, sent e-mails). */
  localDevUrl?: string;
}

const present = (value: string | undefined) => value?.trim() || undefined;

function readCognitoConfig(env: ImportMetaEnv): CognitoConfig | undefined {
  const userPoolId = present(env.VITE_COGNITO_USER_POOL_ID);
  const userPoolClientId = present(env.VITE_COGNITO_CLIENT_ID);
  const userPoolEndpoint = present(env.VITE_COGNITO_ENDPOINT);
  if (!userPoolId && !userPoolClientId) return undefined;
  if (!userPoolId || !userPoolClientId) {
    throw new Error("The web app was built with only one of VITE_COGNITO_USER_POOL_ID and VITE_COGNITO_CLIENT_ID.");
  }
  return { userPoolId, userPoolClientId, ...(userPoolEndpoint ? { userPoolEndpoint } : {}) };
}

export function readApiConfig(env: ImportMetaEnv = import.meta.env): ApiConfig {
  const graphqlUrl = present(env.VITE_GRAPHQL_URL);
  const apiKey = present(env.VITE_GRAPHQL_API_KEY);
  const missing = [!graphqlUrl && "VITE_GRAPHQL_URL", !apiKey && "VITE_GRAPHQL_API_KEY"].filter(Boolean);
  if (missing.length > 0) throw new Error(`The web app was built without ${missing.join(" and ")}.`);
  const cognito = readCognitoConfig(env);
  const localDevUrl = present(env.VITE_LOCAL_DEV_URL);
  return { graphqlUrl: graphqlUrl!, apiKey: apiKey!, ...(cognito ? { cognito } : {}), ...(localDevUrl ? { localDevUrl } : {}) };
}

// The web app: built by Vite, served from S3 through CloudFront. Its runtime configuration (API
// URL, API key, the user pool's public ids, shop mode) reaches the browser in index.html, which
// SST fills in at deploy time and serves no-cache; the hashed JavaScript is cached immutable and
// holds none of it.
import { type StackContext, StaticSite, use } from "sst/constructs";
import { Api } from "./Api";
import { Auth } from "./Auth";
import { suppressSiteFindings } from "./nagSuppressions";
import { stageConfig } from "./stageConfig";
import { webApiKeys } from "./webApiKey";

const SITE_PATH = "web";
const SITE_BUILD_COMMAND = "pnpm run build";
const SITE_BUILD_OUTPUT = "dist";
/** Under `sst dev` no site is deployed: the web app runs on Vite's dev server (`pnpm sst bind vite`, its default port). */
const DEV_SERVER_URL = "http://localhost:5173";

export function Site({ stack }: StackContext) {
  const config = stageConfig(stack.stage);
  const { api } = use(Api);
  const { auth } = use(Auth);
  // API-key auth is the public web app's mode: the key is meant to be in the browser.
  const webKey = webApiKeys(stack, { apiId: api.cdk.graphqlApi.apiId, lifetime: config.apiKeyExpiry }).current;

  const site = new StaticSite(stack, "Web", {
    path: SITE_PATH,
    buildCommand: SITE_BUILD_COMMAND,
    buildOutput: SITE_BUILD_OUTPUT,
    errorPage: "redirect_to_index_page",
    environment: {
      VITE_GRAPHQL_URL: api.url,
      VITE_GRAPHQL_API_KEY: webKey.attrApiKey,
      // Sign-in (Amplify Auth): public identifiers of the user pool and the web app's client.
      VITE_COGNITO_USER_POOL_ID: auth.userPoolId,
      VITE_COGNITO_CLIENT_ID: auth.userPoolClientId,
      VITE_COGNITO_REGION: stack.region,
      VITE_SHOP_MODE: "cloud",
    },
    // SST writes ImportMetaEnv types for these variables; keep that generated file in the
    // git-ignored .sst folder instead of writing into the web app's sources on every synth.
    vite: { types: "../.sst/types/web-env.d.ts" },
    cdk: { bucket: { enforceSSL: true } },
    dev: { url: DEV_SERVER_URL },
  });
  suppressSiteFindings(site);

  stack.addOutputs({ SiteUrl: site.url });
  // Where customers open the web app (the e-mails link its order pages): a custom domain if the
  // stage names one, else the site's own URL (the dev server's under `sst dev`).
  const webAppUrl = config.webAppUrl ?? site.url ?? DEV_SERVER_URL;
  return { site, webAppUrl };
}

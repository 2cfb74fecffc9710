// The web app: built by Vite, served from S3 through CloudFront. The API URL and key and the user
// pool's ids reach the browser bundle as VITE_ variables (SST builds with placeholders and fills
// them in at deploy).
import { StaticSite, use, type StackContext } from "sst/constructs";
import { Api } from "./Api";
import { Auth } from "./Auth";
import { suppressSiteFindings } from "./nagSuppressions";

const SITE_PATH = "web";
const SITE_BUILD_COMMAND = "pnpm run build";
const SITE_BUILD_OUTPUT = "dist";

export function Site({ stack }: StackContext) {
  const { api } = use(Api);
  const { auth } = use(Auth);

  const site = new StaticSite(stack, "Web", {
    path: SITE_PATH,
    buildCommand: SITE_BUILD_COMMAND,
    buildOutput: SITE_BUILD_OUTPUT,
    errorPage: "redirect_to_index_page",
    environment: {
      VITE_GRAPHQL_URL: api.url,
      // API-key auth is the public web app's mode: the key is meant to be in the browser bundle.
      VITE_GRAPHQL_API_KEY: api.cdk.graphqlApi.apiKey!,
      // Sign-in (Amplify Auth): public identifiers of the user pool and the web app's client.
      VITE_COGNITO_USER_POOL_ID: auth.userPoolId,
      VITE_COGNITO_CLIENT_ID: auth.userPoolClientId,
      VITE_COGNITO_REGION: stack.region,
    },
    // SST writes ImportMetaEnv types for these variables; keep that generated file in the
    // git-ignored .sst folder instead of writing into the web app's sources on every synth.
    vite: { types: "../.sst/types/web-env.d.ts" },
    cdk: { bucket: { enforceSSL: true } },
  });
  suppressSiteFindings(site);

  stack.addOutputs({ SiteUrl: site.url });
  return { site };
}

// `pnpm start`: the whole shop on this machine — API, pipeline and web app — in the foreground.
// Flags: --reset (start from empty data), --no-web (API and pipeline only).
import { startLocalShop } from "./localShop";
import { DEFAULT_WEB_PORT, localShopSettingsFromEnv } from "./localShopSettings";
import { startWebDevServer, type WebDevServer } from "./web/webDevServer";

const args = new Set(process.argv.slice(2));
const settings = { ...localShopSettingsFromEnv(), reset: args.has("--reset") };
const withWeb = !args.has("--no-web");
const webPort = Number(process.env.LOCAL_WEB_PORT || DEFAULT_WEB_PORT);

const shop = await startLocalShop(settings);
let web: WebDevServer | undefined;
if (withWeb) web = startWebDevServer({ port: webPort, graphqlUrl: shop.graphqlUrl, apiKey: shop.apiKey, log: settings.log });

settings.log(
  [
    "",
    "pizza-orders is running locally",
    ...(web ? [`  Web app:      ${web.url}`] : []),
    `  GraphQL URL:  ${shop.graphqlUrl}`,
    `  API key:      ${shop.apiKey}`,
    `  Health:       ${shop.apiUrl}/health`,
    `  Pipeline:     ${shop.apiUrl}/pipeline   (pnpm --filter @pizza-orders/local pipeline)`,
    `  Outbox:       ${shop.outbox.filePath}   (${shop.apiUrl}/outbox)`,
    `  Data folder:  ${settings.dataDir}${settings.reset ? "   (reset)" : ""}`,
    `  AWS endpoints: DynamoDB ${shop.endpoints.dynamodb}  SQS ${shop.endpoints.sqs}  Step Functions ${shop.endpoints.stepfunctions}  SNS ${shop.endpoints.sns}`,
    "Ctrl-C stops everything.",
    "",
  ].join("\n"),
);

let shuttingDown = false;
async function shutdown(signal: string): Promise<void> {
  if (shuttingDown) return;
  shuttingDown = true;
  settings.log(`\n${signal}: stopping…`);
  await web?.stop();
  await shop.stop();
  settings.log("stopped; data saved in " + settings.dataDir);
  process.exit(0);
}
process.on("SIGINT", () => void shutdown("SIGINT"));
process.on("SIGTERM", () => void shutdown("SIGTERM"));

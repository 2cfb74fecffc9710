// `pnpm start`: the whole shop on this machine — API, pipeline and web app — in the foreground.
// Flags: --reset (start from empty data), --no-web (API and pipeline only).
import { rmSync } from "node:fs";
import { join } from "node:path";
import { type LocalShop, startLocalShop } from "./localShop";
import { localShopSettingsFromEnv, webPortFromEnv } from "./localShopSettings";
import { RUNNING_SHOP_FILE, type RunningShop } from "./shopState";
import { replaceFileDurably } from "./storage/durableFile";
import { startWebDevServer, type WebDevServer } from "./web/webDevServer";

const args = new Set(process.argv.slice(2));
const settings = { ...localShopSettingsFromEnv(), reset: args.has("--reset") };
const withWeb = !args.has("--no-web");
const webPort = webPortFromEnv();
const runningShopFile = join(settings.dataDir, RUNNING_SHOP_FILE);

const starting: Promise<LocalShop> = startLocalShop(settings);
let web: WebDevServer | undefined;
let shuttingDown = false;

async function shutdown(signal: string): Promise<void> {
  if (shuttingDown) {
    settings.log(`${signal} again: exiting without waiting (data written so far is kept).`);
    process.exit(1);
  }
  shuttingDown = true;
  settings.log(`\n${signal}: stopping…`);
  await web?.stop();
  // A signal during start-up waits for the start to finish, so dynalite is closed cleanly.
  await starting.then((shop) => shop.stop()).catch(() => undefined);
  rmSync(runningShopFile, { force: true });
  settings.log(`stopped; data saved in ${settings.dataDir}`);
  process.exit(0);
}
process.on("SIGINT", () => void shutdown("SIGINT"));
process.on("SIGTERM", () => void shutdown("SIGTERM"));

let shop: LocalShop;
try {
  shop = await starting;
} catch (error) {
  const code = (error as NodeJS.ErrnoException).code;
  settings.log(
    code === "EADDRINUSE"
      ? `Cannot start: a port is already in use (${(error as Error).message}). Is the shop already running? Choose others with LOCAL_API_PORT and LOCAL_COGNITO_PORT.`
      : `Cannot start the local shop: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
  );
  process.exit(1);
}
// A Ctrl-C during start-up is already stopping the shop; nothing more to start or announce.
if (!shuttingDown) {
  announce(shop);
  // For tools that drive a shop they started (the crash tests): where this one answers.
  const running: RunningShop = {
    pid: process.pid,
    apiUrl: shop.apiUrl,
    graphqlUrl: shop.graphqlUrl,
    apiKey: shop.apiKey,
    endpoints: shop.endpoints,
    mailApiUrl: shop.mailInbox.apiUrl,
  };
  // Whole or not at all: a tool polling for this file must never read it half written.
  replaceFileDurably(runningShopFile, JSON.stringify(running));
}

function announce(shop: LocalShop): void {
  if (withWeb) web = startWebDevServer({ port: webPort, environment: shop.webEnvironment, log: settings.log });
  settings.log(
    [
      "",
      "pizza-orders is running locally",
      ...(web ? [`  Web app:      ${web.url}`] : []),
      `  GraphQL URL:  ${shop.graphqlUrl}`,
      `  API key:      ${shop.apiKey}`,
      `  Health:       ${shop.apiUrl}/health`,
      `  Pipeline:     ${shop.apiUrl}/pipeline   (pnpm --filter @pizza-orders/local pipeline; the developer routes need the API key)`,
      `  Mail inbox:   ${shop.mailInbox.inboxUrl}   (customer e-mails; SMTP ${shop.mailInbox.smtpUrl})`,
      `  Outbox:       ${shop.outbox.filePath}   (${shop.apiUrl}/outbox: the operations topic)`,
      `  User pool:    ${shop.userPool.userPoolId}  client ${shop.userPool.clientId}  at ${shop.userPool.url}  (${shop.userPool.region})`,
      `  Codes:        ${shop.apiUrl}/dev/confirmation-codes?key=${shop.apiKey}   (also printed here as they are sent)`,
      `  Staff:        pnpm --filter @pizza-orders/local staff <email> <restaurantId>`,
      `  Data folder:  ${settings.dataDir}${settings.reset ? "   (reset)" : ""}`,
      `  Receipts:     ${shop.endpoints.s3}/${shop.environment.RECEIPTS_BUCKET_NAME}/receipts/   (s3rver; files in ${settings.dataDir}/s3; "Download receipt" on a completed order's page)`,
      `  AWS endpoints: DynamoDB ${shop.endpoints.dynamodb}  SQS ${shop.endpoints.sqs}  Step Functions ${shop.endpoints.stepfunctions}  SNS ${shop.endpoints.sns}  S3 ${shop.endpoints.s3}`,
      "Ctrl-C stops everything.",
      "",
    ].join("\n"),
  );
}

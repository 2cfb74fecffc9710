// Settings of the local shop, from LOCAL_* environment variables with the documented defaults.
import { fileURLToPath } from "node:url";
import { readOrderDeadlines, readPaymentSuccessRate } from "@pizza-orders/core/config";
import { theFunctionTriggeredBy } from "@pizza-orders/functions/functionManifest";
import { renderFunctionLogLine } from "./cloudwatch/functionLogLine";
import { LOOPBACK_HOST } from "./http/httpServer";
import type { HandlerBundler } from "./lambda/functionBundles";

export const REPOSITORY_ROOT = fileURLToPath(new URL("../../../", import.meta.url));

export interface LocalShopSettings {
  /** Where DynamoDB data, the outbox, queue contents and execution records live. */
  dataDir: string;
  apiPort: number;
  apiKey: string;
  /** How often the real-time endpoint sends `ka` (AppSync: about every minute); tests shorten it. */
  realtimeKeepAliveMs?: number;
  /** Origins of the web app: the only browser origins the developer routes answer (LOCAL_WEB_ORIGINS, comma-separated). */
  webOrigins: string[];
  /** The web app's address the customer e-mails link to (WEB_APP_URL, as the site's URL in the cloud): the web dev server's. */
  webAppUrl: string;
  /** Interface the servers listen on. */
  host: string;
  /** Visibility timeout of the orders queue (by default the deployed queue's). */
  queueVisibilitySeconds: number;
  /** Ports of the AWS API emulators; 0 picks free ports. */
  dynamoPort: number;
  sqsPort: number;
  sfnPort: number;
  snsPort: number;
  /** The S3 server (s3rver; receipts); 0 picks a free port. */
  s3Port: number;
  eventBridgePort: number;
  /** The local mail inbox (maildev): its SMTP port and its web inbox's port; 0 picks free ports. */
  mailSmtpPort: number;
  mailInboxPort: number;
  /** How often the deadline reconciler runs (EventBridge Scheduler's rate in the cloud); 0 turns the timer off. */
  reconcilerIntervalSeconds: number;
  /** The local Cognito user pool (cognito-local); 0 picks a free port. */
  cognitoPort: number;
  /** Start from empty data (delete the data folder's contents first). */
  reset: boolean;
  paymentSuccessRate?: string;
  /**
   * The deadline reconciler's deadlines handed to the functions (ORDER_DEADLINE_SECONDS, the
   * variable the stack sets): unset keeps the core's defaults. Locally a value may say
   * `"localTestOverride": true` to go below the workflow's worst case (the crash tests do).
   */
  orderDeadlineSeconds?: string;
  /** How the handlers are bundled: by default one shared esbuild build with SST's options; the bundle smoke test passes SST's own builder. */
  bundleHandlers?: HandlerBundler;
  /** Instances per function at most, like a reserved concurrency (events beyond wait for a free one). */
  functionMaxInstances: number;
  /** The functions' log level (POWERTOOLS_LOG_LEVEL, as in the cloud; default INFO: every step of every order). */
  functionLogLevel: string;
  log: (line: string) => void;
  /**
   * Each line a function instance logs, as CloudWatch would store it (Powertools JSON, EMF metric
   * records included); by default shown readably, one line each, metric records left to the pipeline command.
   */
  functionLog: (functionName: string, line: string) => void;
}

const DEFAULT_API_PORT = 4000;
const DEFAULT_WEB_PORT = 5173;
const DEFAULT_API_KEY = "local-dev-api-key";
/**
 * The deployed queue's: 6 × the consumer's timeout (AWS's guidance, stacks/OrdersQueue.ts). Lambda
 * refuses an SQS mapping whose queue's visibility is below the function's timeout, because a
 * batch still running would reappear, be received again and count towards maxReceiveCount — so a
 * slow but healthy batch could be dead-lettered. A shorter value (faster retries while trying out
 * the dead-letter queue) is the developer's explicit choice.
 */
const DEFAULT_QUEUE_VISIBILITY_SECONDS = 6 * theFunctionTriggeredBy("ordersQueue").timeoutSeconds;
const DEFAULT_FUNCTION_MAX_INSTANCES = 5;
/** As often as the cloud schedule (stacks/Reconciler.ts reads the same setting). */
const DEFAULT_RECONCILER_INTERVAL_SECONDS = theFunctionTriggeredBy("schedule").trigger.rateMinutes * 60;
/** maildev's own default ports. */
const DEFAULT_MAIL_SMTP_PORT = 1025;
const DEFAULT_MAIL_INBOX_PORT = 1080;
/** cognito-local's own default port. */
const DEFAULT_COGNITO_PORT = 9229;

function port(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === "") return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0 || parsed > 65535) throw new Error(`${name} must be a port number, got "${value}"`);
  return parsed;
}

export function localShopSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): LocalShopSettings {
  const visibility = env.LOCAL_QUEUE_VISIBILITY_SECONDS === undefined ? DEFAULT_QUEUE_VISIBILITY_SECONDS : Number(env.LOCAL_QUEUE_VISIBILITY_SECONDS);
  if (!Number.isFinite(visibility) || visibility < 0 || visibility > 43200) throw new Error("LOCAL_QUEUE_VISIBILITY_SECONDS must be 0..43200");
  const maxInstances = env.LOCAL_FUNCTION_MAX_INSTANCES ? Number(env.LOCAL_FUNCTION_MAX_INSTANCES) : DEFAULT_FUNCTION_MAX_INSTANCES;
  if (!Number.isInteger(maxInstances) || maxInstances < 1 || maxInstances > 100)
    throw new Error("LOCAL_FUNCTION_MAX_INSTANCES must be a whole number from 1 to 100");
  const reconcilerInterval =
    env.LOCAL_RECONCILER_INTERVAL_SECONDS === undefined || env.LOCAL_RECONCILER_INTERVAL_SECONDS === ""
      ? DEFAULT_RECONCILER_INTERVAL_SECONDS
      : Number(env.LOCAL_RECONCILER_INTERVAL_SECONDS);
  if (!Number.isFinite(reconcilerInterval) || reconcilerInterval < 0 || reconcilerInterval > 86400)
    throw new Error("LOCAL_RECONCILER_INTERVAL_SECONDS must be 0..86400");
  return {
    dataDir: env.LOCAL_DATA_DIR || `${REPOSITORY_ROOT}.local-data`,
    apiPort: port(env.LOCAL_API_PORT, DEFAULT_API_PORT, "LOCAL_API_PORT"),
    apiKey: env.LOCAL_API_KEY || DEFAULT_API_KEY,
    webOrigins: webOriginsFromEnv(env),
    webAppUrl: `http://localhost:${webPortFromEnv(env)}`,
    host: env.LOCAL_HOST || LOOPBACK_HOST,
    queueVisibilitySeconds: visibility,
    dynamoPort: port(env.LOCAL_DYNAMODB_PORT, 0, "LOCAL_DYNAMODB_PORT"),
    sqsPort: port(env.LOCAL_SQS_PORT, 0, "LOCAL_SQS_PORT"),
    sfnPort: port(env.LOCAL_SFN_PORT, 0, "LOCAL_SFN_PORT"),
    snsPort: port(env.LOCAL_SNS_PORT, 0, "LOCAL_SNS_PORT"),
    s3Port: port(env.LOCAL_S3_PORT, 0, "LOCAL_S3_PORT"),
    eventBridgePort: port(env.LOCAL_EVENTBRIDGE_PORT, 0, "LOCAL_EVENTBRIDGE_PORT"),
    mailSmtpPort: port(env.LOCAL_MAIL_SMTP_PORT, DEFAULT_MAIL_SMTP_PORT, "LOCAL_MAIL_SMTP_PORT"),
    mailInboxPort: port(env.LOCAL_MAIL_INBOX_PORT, DEFAULT_MAIL_INBOX_PORT, "LOCAL_MAIL_INBOX_PORT"),
    reconcilerIntervalSeconds: reconcilerInterval,
    cognitoPort: port(env.LOCAL_COGNITO_PORT, DEFAULT_COGNITO_PORT, "LOCAL_COGNITO_PORT"),
    reset: false,
    // Checked at start with the handlers' own rule, so a bad value stops the shop instead of every payment.
    paymentSuccessRate: env.PAYMENT_SUCCESS_RATE === undefined ? undefined : String(readPaymentSuccessRate(env)),
    orderDeadlineSeconds: env.ORDER_DEADLINE_SECONDS?.trim() ? JSON.stringify(orderDeadlinesFrom(env)) : undefined,
    functionMaxInstances: maxInstances,
    functionLogLevel: env.POWERTOOLS_LOG_LEVEL || "INFO",
    log: (line) => console.log(line),
    functionLog: (functionName, line) => {
      const readable = renderFunctionLogLine(functionName, line);
      if (readable !== undefined) console.log(readable);
    },
  };
}

/** The web dev server as a browser reaches it (localhost or the loopback address), unless LOCAL_WEB_ORIGINS names others. */
function webOriginsFromEnv(env: NodeJS.ProcessEnv): string[] {
  const listed = (env.LOCAL_WEB_ORIGINS ?? "")
    .split(",")
    .map((origin) => origin.trim())
    .filter(Boolean);
  if (listed.length > 0) return listed;
  const webPort = webPortFromEnv(env);
  return [`http://localhost:${webPort}`, `http://${LOOPBACK_HOST}:${webPort}`];
}

/** The web dev server's port; `pnpm start` runs it beside the shop, not as part of it. */
export function webPortFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  return port(env.LOCAL_WEB_PORT, DEFAULT_WEB_PORT, "LOCAL_WEB_PORT");
}

/** Checked at start with the core's own reading, so a bad value stops the shop instead of every order. */
function orderDeadlinesFrom(env: NodeJS.ProcessEnv): Record<string, unknown> {
  const { deadlines, localTestOverride } = readOrderDeadlines(env);
  return localTestOverride ? { ...deadlines, localTestOverride } : { ...deadlines };
}

// Every choice that differs between stages lives here, explicitly, so a reader (and the stack
// tests) can see what "prod" means without hunting through the stacks. Values that vary per
// deployment rather than per code change are read from the environment at deploy time.
import { Duration, RemovalPolicy } from "aws-cdk-lib";
import { FieldLogLevel, IntrospectionConfig } from "aws-cdk-lib/aws-appsync";
import { RetentionDays } from "aws-cdk-lib/aws-logs";
import { readOrderDeadlines, readPaymentSuccessRate } from "../packages/core/src/config";
import { readCustomerEmailSettings } from "../packages/core/src/email/customerEmailContent";
import { apiIntrospectionEnabled } from "../packages/functions/src/api/apiLimits";

/** Stages that hold real customers' orders. Everything else is a disposable dev/test stage. */
const PRODUCTION_STAGES: readonly string[] = ["prod"];

export interface StageConfig {
  isProduction: boolean;
  /** Removal policy of stateful resources (table, user pool, log groups). */
  removalPolicy: RemovalPolicy;
  table: { pointInTimeRecovery: boolean; deletionProtection: boolean };
  /** The customers' user pool: accounts are kept (RETAIN + deletion protection) where real people sign up. */
  userPool: { deletionProtection: boolean };
  logRetention: RetentionDays;
  /**
   * Address that receives the order notifications (ORDER_NOTIFICATION_EMAIL at deploy time).
   * Unset means no e-mail subscription: the topic still exists and the workflow still publishes,
   * so a subscriber can be added later (or the address set and the stage redeployed) without any
   * code change. AWS sends a confirmation e-mail that must be accepted before messages arrive.
   */
  notificationEmail: string | undefined;
  /**
   * The customers' e-mails' sender (CUSTOMER_EMAIL_FROM at deploy time): the stage's SES identity,
   * which must be verified (and out of the SES sandbox to write to any address) before mail goes
   * out; see the README. Unset: a placeholder that SES will refuse, so nothing is sent.
   */
  customerEmailFrom: string;
  /**
   * The web app's address the customer e-mails link to (WEB_APP_URL at deploy time): a custom
   * domain in front of the site. Unset: the site's own CloudFront URL (the Site stack decides).
   */
  webAppUrl: string | undefined;
  /** PAYMENT_SUCCESS_RATE handed to the payment simulation, as the decimal string Lambda env wants. */
  paymentSuccessRate: string;
  /**
   * ORDER_DEADLINE_SECONDS handed to every function that writes orders: the deadline reconciler's
   * deadlines as JSON, from ORDER_DEADLINE_SECONDS at deploy time (default 20 min each), checked
   * by the core at synth time — never below the workflow's worst case on a deployed stage.
   */
  orderDeadlineSeconds: string;
  /**
   * The operational alarms (see Monitoring.ts). Always in production; elsewhere only when someone
   * asked to hear them (ALARM_EMAIL set): an alarm nobody receives is noise and a monthly charge.
   */
  alarms: boolean;
  /**
   * Address subscribed to the alarm topic (ALARM_EMAIL at deploy time). Unset: the topic exists
   * without a subscriber (a pager or chat integration can subscribe to it instead); prod then
   * warns at synth time. AWS sends a confirmation e-mail that must be accepted first.
   */
  alarmEmail: string | undefined;
  /**
   * How long from deploy time an AppSync API key stays valid. AppSync accepts 1 to 365 days from
   * "now" as its clock sees it: 300 days leaves two months of margin for a skewed clock, and every
   * deploy moves the expiry forward without changing the key.
   */
  apiKeyExpiry: Duration;
  apiFieldLogLevel: FieldLogLevel;
  /** GraphQL introspection (the API limits module decides: off in production). */
  apiIntrospection: IntrospectionConfig;
  /** A WAF web ACL (rate limit per IP, body size, AWS common rule set) in front of the API. */
  apiWebAcl: boolean;
  /**
   * How long a receipt is kept (the receipts bucket's lifecycle rule): in production as long as a
   * business keeps its books (7 years); elsewhere a month of test receipts.
   */
  receipts: { retentionDays: number };
}

// Deliberately loose: SNS itself validates the address; this only catches obvious typos early,
// at synth time, instead of as a failed CloudFormation update.
const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function stageConfig(stage: string, env: NodeJS.ProcessEnv = process.env): StageConfig {
  const isProduction = PRODUCTION_STAGES.includes(stage);
  const alarmEmail = emailFrom(env, "ALARM_EMAIL");
  return {
    isProduction,
    removalPolicy: isProduction ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    table: { pointInTimeRecovery: isProduction, deletionProtection: isProduction },
    userPool: { deletionProtection: isProduction },
    logRetention: isProduction ? RetentionDays.THREE_MONTHS : RetentionDays.ONE_WEEK,
    notificationEmail: emailFrom(env, "ORDER_NOTIFICATION_EMAIL"),
    customerEmailFrom: emailFrom(env, "CUSTOMER_EMAIL_FROM") ?? `orders@${stage}.pizza-orders.invalid`,
    webAppUrl: webAppUrlFrom(env),
    paymentSuccessRate: paymentSuccessRateFrom(env),
    orderDeadlineSeconds: orderDeadlinesFrom(env),
    alarms: isProduction || alarmEmail !== undefined,
    alarmEmail,
    apiKeyExpiry: Duration.days(isProduction ? 300 : 30),
    // Dev logs every resolver call to debug with; prod logs errors only (CloudWatch cost).
    apiFieldLogLevel: isProduction ? FieldLogLevel.ERROR : FieldLogLevel.ALL,
    apiIntrospection: apiIntrospectionEnabled(isProduction) ? IntrospectionConfig.ENABLED : IntrospectionConfig.DISABLED,
    // Costs ~$6/month plus $0.60 per million requests, so production only; dev stages are not public.
    apiWebAcl: isProduction,
    receipts: { retentionDays: isProduction ? 7 * 365 + 2 : 30 },
  };
}

function emailFrom(env: NodeJS.ProcessEnv, variable: "ORDER_NOTIFICATION_EMAIL" | "ALARM_EMAIL" | "CUSTOMER_EMAIL_FROM"): string | undefined {
  const email = env[variable]?.trim();
  if (!email) return undefined;
  if (!EMAIL_SHAPE.test(email)) throw new Error(`${variable} is not an e-mail address: "${email}"`);
  return email;
}

// The core's reading (an absolute http(s) address: the e-mails link it), checked at synth time.
function webAppUrlFrom(env: NodeJS.ProcessEnv): string | undefined {
  const value = env.WEB_APP_URL?.trim();
  return value ? readCustomerEmailSettings({ WEB_APP_URL: value }).webAppUrl : undefined;
}

// The core's reading (range and default), checked at synth time rather than in a deployed
// function (blank counts as unset there too).
function paymentSuccessRateFrom(env: NodeJS.ProcessEnv): string {
  return String(readPaymentSuccessRate(env));
}

// The core's reading (format, defaults, the workflow's worst case as the floor). Its local test
// override exists for local mode's crash tests; a deployed stage never takes it.
function orderDeadlinesFrom(env: NodeJS.ProcessEnv): string {
  const { deadlines, localTestOverride } = readOrderDeadlines(env);
  if (localTestOverride)
    throw new Error(
      "ORDER_DEADLINE_SECONDS: localTestOverride is for local mode only; a deployed stage keeps every deadline at or above the workflow's worst case",
    );
  return JSON.stringify(deadlines);
}

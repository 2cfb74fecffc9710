// Runtime configuration from the environment. The same variables are set by the stacks in the
// cloud and by the local runtime on a laptop; nothing here knows which one it is.
import { z } from "zod";
import { ConfigurationError } from "./errors";
import { parseJsonText } from "./jsonText";
import { DEFAULT_ORDER_DEADLINE_SECONDS, type OrderDeadlines, WORKFLOW_WORST_CASE_SECONDS } from "./order/deadlines";
import { OrderStatus } from "./order/rules";

const ConfigSchema = z.object({
  ORDERS_TABLE_NAME: z.string().min(1),
  ORDERS_QUEUE_URL: z.string().min(1),
  ORDER_WORKFLOW_ARN: z.string().min(1),
  ORDER_NOTIFICATIONS_TOPIC_ARN: z.string().min(1),
  // Unset or blank means the default (as the stack reads it); z.coerce alone would turn "" into 0.
  PAYMENT_SUCCESS_RATE: z.preprocess(
    (value) => (typeof value === "string" && value.trim() === "" ? undefined : value),
    z.coerce.number().min(0).max(1).default(0.9),
  ),
  // JSON seconds per waiting status and for the notification; see readOrderDeadlines.
  ORDER_DEADLINE_SECONDS: z.string().optional(),
});
export type AppConfig = z.infer<typeof ConfigSchema>;
export type ConfigKey = Exclude<keyof AppConfig, "PAYMENT_SUCCESS_RATE" | "ORDER_DEADLINE_SECONDS">;

/** Reads only the keys a function needs, so each function is configured with just those. */
export function readConfig<K extends ConfigKey>(keys: readonly K[], env: NodeJS.ProcessEnv = process.env): Pick<AppConfig, K> {
  const mask = Object.fromEntries(keys.map((key) => [key, true])) as { [key in ConfigKey]?: true };
  const result = ConfigSchema.pick(mask).safeParse(env);
  if (!result.success) {
    throw new ConfigurationError(`Missing configuration: ${result.error.issues.map((issue) => issue.path.join(".")).join(", ")}`);
  }
  return result.data as unknown as Pick<AppConfig, K>;
}

export function readPaymentSuccessRate(env: NodeJS.ProcessEnv = process.env): number {
  const result = ConfigSchema.shape.PAYMENT_SUCCESS_RATE.safeParse(env.PAYMENT_SUCCESS_RATE);
  if (!result.success) throw new ConfigurationError("PAYMENT_SUCCESS_RATE must be a number from 0 to 1");
  return result.data;
}

const deadlineSeconds = z
  .number()
  .int()
  .positive()
  .max(7 * 24 * 60 * 60);
const OrderDeadlinesSchema = z
  .object({
    [OrderStatus.Queued]: deadlineSeconds.optional(),
    [OrderStatus.PendingPayment]: deadlineSeconds.optional(),
    notification: deadlineSeconds.optional(),
    [OrderStatus.Received]: deadlineSeconds.optional(),
    [OrderStatus.Preparing]: deadlineSeconds.optional(),
    [OrderStatus.Baking]: deadlineSeconds.optional(),
    [OrderStatus.Ready]: deadlineSeconds.optional(),
    [OrderStatus.OutForDelivery]: deadlineSeconds.optional(),
    [OrderStatus.CancelledByShop]: deadlineSeconds.optional(),
    /** Lets deadlines go below the workflow's worst case: local mode's crash tests only. */
    localTestOverride: z.literal(true).optional(),
  })
  .strict();

export interface OrderDeadlineSettings {
  deadlines: OrderDeadlines;
  /** The value asked to go below the workflow's worst case (never allowed on a deployed stage). */
  localTestOverride: boolean;
}

/**
 * The deadline reconciler's deadlines (deadlines.ts), from ORDER_DEADLINE_SECONDS: a JSON object
 * with any of the waiting statuses and `notification` in whole seconds (the others keep
 * their default of 20 min; unset or blank: all defaults). Each must be at least the workflow's own
 * worst case (WORKFLOW_WORST_CASE_SECONDS), so the reconciler never finishes an order the
 * pipeline is still working on — unless the value says `"localTestOverride": true`, which only
 * local mode may set (the stacks refuse it at synth time).
 */
export function readOrderDeadlines(env: NodeJS.ProcessEnv = process.env): OrderDeadlineSettings {
  const text = env.ORDER_DEADLINE_SECONDS?.trim();
  if (!text) return { deadlines: DEFAULT_ORDER_DEADLINE_SECONDS, localTestOverride: false };
  const json = parseJsonText(text);
  if (json === undefined) {
    throw new ConfigurationError(`ORDER_DEADLINE_SECONDS must be JSON such as ${JSON.stringify(DEFAULT_ORDER_DEADLINE_SECONDS)}, got: ${text.slice(0, 80)}`);
  }
  const parsed = OrderDeadlinesSchema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => `${issue.path.join(".") || "value"}: ${issue.message}`).join("; ");
    throw new ConfigurationError(`ORDER_DEADLINE_SECONDS is not valid (${issues})`);
  }
  const { localTestOverride = false, ...given } = parsed.data;
  const deadlines: OrderDeadlines = { ...DEFAULT_ORDER_DEADLINE_SECONDS, ...given };
  if (!localTestOverride) {
    const tooShort = Object.entries(deadlines).filter(([, seconds]) => seconds < WORKFLOW_WORST_CASE_SECONDS);
    if (tooShort.length > 0) {
      throw new ConfigurationError(
        `ORDER_DEADLINE_SECONDS: ${tooShort.map(([name, seconds]) => `${name} ${seconds} s`).join(", ")} is shorter than the workflow's worst case (${WORKFLOW_WORST_CASE_SECONDS} s); the reconciler would finish orders the pipeline is still working on`,
      );
    }
  }
  return { deadlines, localTestOverride };
}

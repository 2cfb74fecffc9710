// Runtime configuration from the environment. The same variables are set by the stacks in the
// cloud and by the local runtime on a laptop; nothing here knows which one it is.
import { z } from "zod";
import { ConfigurationError } from "./errors";

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
});
export type AppConfig = z.infer<typeof ConfigSchema>;
export type ConfigKey = Exclude<keyof AppConfig, "PAYMENT_SUCCESS_RATE">;

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

// How a function's log line reads in the `pnpm start` terminal. In the cloud each line is the
// Powertools JSON CloudWatch stores (and Logs Insights queries); the functions print exactly that
// locally too, and only this rendering makes it readable: time, level, function, order id,
// message, then the line's own fields — one line per log line.
//   18:02:11.123 INFO  Mutation-postOrder  01JDX…  order placed  totalCents=1200 guest=true
import { parseJsonText } from "@pizza-orders/core/jsonText";
import { embeddedMetricsOf } from "./embeddedMetrics";

/** Keys every Powertools line has (the Lambda context and the logger's own): shown in the prefix or not at all. */
const CONTEXT_KEYS = new Set([
  "level",
  "message",
  "timestamp",
  "service",
  "cold_start",
  "function_arn",
  "function_memory_size",
  "function_name",
  "function_request_id",
  "sampling_rate",
  "xray_trace_id",
  "orderId",
]);

const fieldText = (value: unknown): string => (typeof value === "string" ? value : JSON.stringify(value));

function timeOf(timestamp: unknown): string {
  const date = typeof timestamp === "string" ? new Date(timestamp) : new Date();
  return Number.isNaN(date.getTime()) ? String(timestamp) : date.toISOString().slice(11, 23);
}

/**
 * The readable form of one line a function logged, or undefined for an EMF metrics record (the
 * pipeline command shows those, added up). A line that is not a Powertools JSON line (a stack
 * trace, a console.log) is shown as it is after the function's name.
 */
export function renderFunctionLogLine(functionName: string, line: string): string | undefined {
  if (embeddedMetricsOf(line)) return undefined;
  const entry = line.startsWith("{") ? (parseJsonText(line) as Record<string, unknown> | undefined) : undefined;
  if (!entry || typeof entry.message !== "string") return `${functionName}  ${line}`;
  const fields = Object.entries(entry)
    .filter(([key]) => !CONTEXT_KEYS.has(key))
    .map(([key, value]) => `${key}=${fieldText(value)}`);
  const level = String(entry.level ?? "").padEnd(5);
  const orderId = typeof entry.orderId === "string" ? `  ${entry.orderId}` : "";
  return [`${timeOf(entry.timestamp)} ${level} ${functionName}${orderId}  ${entry.message}`, ...fields].join("  ").trimEnd();
}

// Number and table formatting shared by BENCHMARKS.md and its findings. A figure that could not be
// computed (NaN, e.g. a median of no samples) prints as "–" rather than "NaN".
export const n0 = (value: number) => (Number.isFinite(value) ? Math.round(value).toLocaleString("en-US") : "–");
export const n1 = (value: number) => (Number.isFinite(value) ? value.toFixed(1) : "–");
export const n2 = (value: number) => (Number.isFinite(value) ? value.toFixed(2) : "–");
export const pct = (value: number) => (Number.isFinite(value) ? `${(value * 100).toFixed(0)} %` : "–");
export const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
export const usd = (value: number) => (value >= 100 ? `$${value.toFixed(0)}` : value >= 1 ? `$${value.toFixed(2)}` : `$${value.toFixed(3)}`);

/** SDK command counts as "PutItem 1, UpdateItem 3" (`separator` between name and count). */
export const commandCounts = (counts: Record<string, number>, separator = " ") =>
  Object.entries(counts)
    .map(([name, count]) => `${name.replace(/Command$/, "")}${separator}${count}`)
    .join(", ");

export const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? "" : "s"}`;

export function table(headers: string[], rows: Array<Array<string | number>>): string {
  return [`| ${headers.join(" | ")} |`, `| ${headers.map(() => "---").join(" | ")} |`, ...rows.map((row) => `| ${row.join(" | ")} |`)].join("\n");
}

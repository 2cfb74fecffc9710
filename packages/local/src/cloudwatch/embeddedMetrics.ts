// CloudWatch's part of the embedded metric format, locally: the functions print their metrics as
// EMF lines in their log (Powertools Metrics), and CloudWatch turns each into data points. Here
// the same lines are read from the function instances' output and added up for the pipeline
// report, so a developer sees the business metrics without an AWS account. Kept in memory, since
// the shop started (CloudWatch keeps them 15 months; the lines themselves are in the log).
import { parseJsonText } from "@pizza-orders/core/jsonText";

interface EmfDirective {
  Namespace: string;
  Dimensions: string[][];
  Metrics: Array<{ Name: string; Unit?: string }>;
}

export interface MetricSummary {
  namespace: string;
  name: string;
  /** The dimensions besides the ones every metric carries (service, stage), e.g. the order status a record counts. */
  dimensions: Record<string, string>;
  unit: string;
  /** Data points, and their sum, average and maximum. */
  samples: number;
  sum: number;
  average: number;
  maximum: number;
}

/** Dimensions every metric of the app has; left out of the summary's names. */
const COMMON_DIMENSIONS = new Set(["service", "stage"]);

/** The EMF record a log line is, or undefined for any other line. */
export function embeddedMetricsOf(line: string): { record: Record<string, unknown>; directives: EmfDirective[] } | undefined {
  if (!line.startsWith("{") || !line.includes('"_aws"')) return undefined;
  const record = parseJsonText(line) as Record<string, unknown> | undefined;
  const directives = (record?._aws as { CloudWatchMetrics?: EmfDirective[] } | undefined)?.CloudWatchMetrics;
  return record && Array.isArray(directives) ? { record, directives } : undefined;
}

export class EmbeddedMetrics {
  private readonly summaries = new Map<string, MetricSummary>();

  /** Reads one function log line; returns whether it was an EMF record. */
  observe(line: string): boolean {
    const emf = embeddedMetricsOf(line);
    if (!emf) return false;
    for (const directive of emf.directives) {
      const dimensions = Object.fromEntries(
        (directive.Dimensions[0] ?? []).filter((name) => !COMMON_DIMENSIONS.has(name)).map((name) => [name, String(emf.record[name])]),
      );
      for (const metric of directive.Metrics) {
        const raw = emf.record[metric.Name];
        const values = (Array.isArray(raw) ? raw : [raw]).filter((value): value is number => typeof value === "number");
        if (values.length === 0) continue;
        const key = JSON.stringify([directive.Namespace, metric.Name, dimensions]);
        const summary = this.summaries.get(key) ?? {
          namespace: directive.Namespace,
          name: metric.Name,
          dimensions,
          unit: metric.Unit ?? "None",
          samples: 0,
          sum: 0,
          average: 0,
          maximum: Number.NEGATIVE_INFINITY,
        };
        summary.samples += values.length;
        summary.sum += values.reduce((total, value) => total + value, 0);
        summary.maximum = Math.max(summary.maximum, ...values);
        summary.average = summary.sum / summary.samples;
        this.summaries.set(key, summary);
      }
    }
    return true;
  }

  /** Every metric seen, by name then dimensions. */
  summary(): MetricSummary[] {
    return [...this.summaries.values()]
      .map((summary) => ({ ...summary }))
      .sort((a, b) => a.name.localeCompare(b.name) || JSON.stringify(a.dimensions).localeCompare(JSON.stringify(b.dimensions)));
  }
}

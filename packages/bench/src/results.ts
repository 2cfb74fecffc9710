// The shape of bench-results.json: every section's figures, or why it was not measured.

import type { CostModel } from "./cost/costModel";
import type { DynamoLimitResult } from "./dynamo/dynamoLimit";
import type { BundleFigure } from "./functions/functionBundles";
import type { MachineDescription } from "./machine";
import type { RequestRate } from "./pipeline/apiLimit";
import type { ExecutionFacts } from "./pipeline/executionFacts";
import type { PipelineRunResult } from "./pipeline/pipelineRuns";
import type { SectionResult } from "./section";
import type { ConnectionFigures, LiveStatusRuns } from "./status/liveStatus";
import type { TrackingSummary } from "./status/trackerReplay";
import type { InitialAssets } from "./web/initialAssets";
import type { TimeToMenu } from "./web/timeToMenu";

export type PipelineRunSummary = Omit<PipelineRunResult, "timings">;

export interface PipelineSection {
  warmUpOrders: number;
  runs: PipelineRunSummary[];
  execution: ExecutionFacts;
  averageBatchFill: number;
  /** Stream records per invocation of the order-changes consumer (absent from results written before it was measured). */
  streamBatchFill?: number;
  /** Status changes a paid order commits on its payment path (its history when handed to the kitchen). */
  paymentPathChanges?: number;
}

export interface StatusDeliverySection {
  trackerRequestMs: number;
  backoffIntervalsMs: number[];
  /** The web app's tracker before the change that closed the largest gap (replayed for before/after). */
  previous: string;
  scenarios: Array<{ scenario: string; backoff: TrackingSummary; fixed500: TrackingSummary; previous: TrackingSummary }>;
}

export interface WebSection {
  buildMs: number;
  initial: InitialAssets;
  timeToMenu: TimeToMenu;
}

export interface Gap {
  /** The part of the app the figure is about (findings explain the gaps topic by topic). */
  topic: "pipeline" | "tracker" | "functions" | "web";
  figure: string;
  measured: string;
  limit: string;
  /** How many times the limit is away (≥ 1; 1 = at the limit). */
  factor: number;
}

export interface BenchResults {
  version: 1;
  machine: MachineDescription;
  gitCommit?: string;
  totalSeconds: number;
  sections: {
    synth: SectionResult<{ synthMs: number; stage: string }>;
    dynamoLimit: SectionResult<DynamoLimitResult>;
    apiLimit: SectionResult<RequestRate[]>;
    pipeline: SectionResult<PipelineSection>;
    statusDelivery: SectionResult<StatusDeliverySection>;
    /** Absent from results written before live status was measured. */
    liveStatus?: SectionResult<LiveStatusRuns>;
    connections?: SectionResult<ConnectionFigures>;
    web: SectionResult<WebSection>;
    functions: SectionResult<BundleFigure[]>;
    cost: SectionResult<CostModel>;
  };
  gaps: Gap[];
}

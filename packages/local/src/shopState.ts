// What the shop keeps besides DynamoDB between runs: queue contents (so an order accepted just
// before Ctrl-C is still processed after the restart) and finished execution records (names stay
// taken, as in Step Functions). Written on a clean stop, read on start.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { QueueMessage } from "./sqs/localQueue";
import type { ExecutionRecord } from "./stepfunctions/localStepFunctions";

export const QUEUES_FILE = "queues.json";
export const EXECUTIONS_FILE = "executions.json";

export function saveQueues(dataDir: string, queues: Record<string, readonly QueueMessage[]>): void {
  writeFileSync(join(dataDir, QUEUES_FILE), JSON.stringify(queues));
}

export function loadQueues(dataDir: string): Record<string, QueueMessage[]> {
  const file = join(dataDir, QUEUES_FILE);
  return existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as Record<string, QueueMessage[]>) : {};
}

export function saveExecutions(dataDir: string, executions: ExecutionRecord[]): void {
  writeFileSync(join(dataDir, EXECUTIONS_FILE), JSON.stringify(executions.filter((record) => record.status !== "RUNNING" && record.status !== "ABORTED")));
}

export function loadExecutions(dataDir: string): ExecutionRecord[] {
  const file = join(dataDir, EXECUTIONS_FILE);
  if (!existsSync(file)) return [];
  const revive = (key: string, value: unknown) => ((key === "startDate" || key === "stopDate" || key === "timestamp") && typeof value === "string" ? new Date(value) : value);
  return JSON.parse(readFileSync(file, "utf8"), revive) as ExecutionRecord[];
}

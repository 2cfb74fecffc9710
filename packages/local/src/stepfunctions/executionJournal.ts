// What the local Step Functions writes to disk: an execution's start (before StartExecution
// answers) and its end (status, output or error, history). On start-up, an execution with a start
// and no end was running when the shop stopped or crashed; it is run again from the beginning.
import { AppendOnlyJournal, type JournalFormat } from "../storage/appendOnlyJournal";
import type { HistoryEvent } from "./executionHistory";
import type { ExecutionRecord, ExecutionStatus } from "./localStepFunctions";

type Dated<T> = { [K in keyof T]: T[K] extends Date ? string : T[K] extends Date | undefined ? string | undefined : T[K] };

export type StoredStart = Dated<Pick<ExecutionRecord, "executionArn" | "stateMachineArn" | "name" | "input" | "startDate">>;
export type StoredEnd = Dated<Pick<ExecutionRecord, "executionArn" | "status" | "stopDate" | "output" | "error" | "cause">> & {
  history: Array<Dated<HistoryEvent>>;
};

export type ExecutionJournalRecord = { op: "start"; execution: StoredStart } | ({ op: "end" } & StoredEnd);

/** Execution ARN → its start and, once it has ended, its end. */
export type StoredExecutions = Record<string, { start: StoredStart; end?: StoredEnd }>;

export type ExecutionJournal = AppendOnlyJournal<ExecutionJournalRecord, StoredExecutions>;

const FORMAT: JournalFormat<ExecutionJournalRecord, StoredExecutions> = {
  empty: () => ({}),
  apply(executions, record) {
    if (record.op === "start") {
      executions[record.execution.executionArn] ??= { start: record.execution };
      return;
    }
    const { op: _op, ...end } = record;
    const execution = executions[end.executionArn];
    if (execution) execution.end = end;
  },
  snapshot: (executions) =>
    Object.values(executions).flatMap(({ start, end }): ExecutionJournalRecord[] => [
      { op: "start", execution: start },
      ...(end ? [{ op: "end" as const, ...end }] : []),
    ]),
};

export function openExecutionJournal(path: string): Promise<{ journal: ExecutionJournal; recovered: StoredExecutions }> {
  return AppendOnlyJournal.open(path, FORMAT);
}

export function startRecord(record: ExecutionRecord): ExecutionJournalRecord {
  const { executionArn, stateMachineArn, name, input, startDate } = record;
  return { op: "start", execution: { executionArn, stateMachineArn, name, input, startDate: startDate.toISOString() } };
}

export function endRecord(record: ExecutionRecord): ExecutionJournalRecord {
  return {
    op: "end",
    executionArn: record.executionArn,
    status: record.status,
    stopDate: record.stopDate?.toISOString(),
    output: record.output,
    error: record.error,
    cause: record.cause,
    history: record.history.map((event) => ({ ...event, timestamp: event.timestamp.toISOString() })),
  };
}

/** The execution as it was stored; an execution without an end comes back RUNNING with an empty history. */
export function executionFromJournal({ start, end }: StoredExecutions[string]): ExecutionRecord {
  const record: ExecutionRecord = { ...start, startDate: new Date(start.startDate), status: "RUNNING", history: [] };
  if (!end) return record;
  return {
    ...record,
    status: end.status as ExecutionStatus,
    ...(end.stopDate ? { stopDate: new Date(end.stopDate) } : {}),
    ...(end.output !== undefined ? { output: end.output } : {}),
    ...(end.error !== undefined ? { error: end.error } : {}),
    ...(end.cause !== undefined ? { cause: end.cause } : {}),
    history: end.history.map((event) => ({ ...event, timestamp: new Date(event.timestamp) })),
  };
}

/** What an execution journal holds, read without touching the file (for inspecting a crashed shop's data). */
export function readExecutionJournal(path: string): StoredExecutions {
  return AppendOnlyJournal.read(path, FORMAT);
}

// Turns aws-local-stepfunctions' event log into Step Functions' execution history events
// (GetExecutionHistory), so retries and catches read as they do in the console: every attempt
// of a Task is TaskScheduled → TaskStarted → TaskFailed/TaskSucceeded.
import type { StateMachine } from "aws-local-stepfunctions";
import { LOCAL_REGION } from "../aws/localResources";
import { describeResource } from "./taskIntegrations";

/** The library's event type (not exported by name). */
export type EventLog = ReturnType<StateMachine["run"]>["eventLogs"] extends AsyncGenerator<infer Event> ? Event : never;

export interface HistoryEvent {
  id: number;
  previousEventId: number;
  timestamp: Date;
  type: string;
  [details: string]: unknown;
}

export interface TaskAttempt {
  parameters: unknown;
  result: unknown;
}

export class ExecutionHistoryRecorder {
  readonly events: HistoryEvent[] = [];
  /** The last Task outcome per state, so a caught failure is not followed by TaskSucceeded. */
  private readonly lastTaskOutcome = new Map<string, "failed" | "succeeded">();

  constructor(
    private readonly states: Record<string, { Resource?: string }>,
    private readonly roleArn: string,
    /** Latest resolved Parameters and raw result of each Task state (filled by the task handlers). */
    private readonly taskAttempts: Map<string, TaskAttempt>,
  ) {}

  record(event: EventLog): void {
    const timestamp = new Date(event.timestamp);
    switch (event.type) {
      case "ExecutionStarted":
        this.add(timestamp, "ExecutionStarted", {
          executionStartedEventDetails: { input: JSON.stringify(event.input), inputDetails: { truncated: false }, roleArn: this.roleArn },
        });
        return;
      case "ExecutionSucceeded":
        this.add(timestamp, "ExecutionSucceeded", {
          executionSucceededEventDetails: { output: JSON.stringify(event.output), outputDetails: { truncated: false } },
        });
        return;
      case "ExecutionFailed":
        this.add(timestamp, "ExecutionFailed", { executionFailedEventDetails: { error: event.Error, cause: causeText(event.Cause) } });
        return;
      case "ExecutionTimeout":
        this.add(timestamp, "ExecutionTimedOut", { executionTimedOutEventDetails: {} });
        return;
      case "ExecutionAborted":
        this.add(timestamp, "ExecutionAborted", { executionAbortedEventDetails: {} });
        return;
      case "StateEntered": {
        // Step Functions names these events after the state type: TaskStateEntered, ChoiceStateEntered, ...
        this.add(timestamp, `${event.state.type}StateEntered`, {
          stateEnteredEventDetails: { name: event.state.name, input: JSON.stringify(event.state.input) },
        });
        if (event.state.type === "Task") this.taskAttemptStarted(timestamp, event.state.name);
        return;
      }
      case "StateRetried":
        if (event.state.type === "Task") this.taskAttemptStarted(timestamp, event.state.name);
        return;
      case "StateFailed":
        if (event.state.type === "Task") {
          this.lastTaskOutcome.set(event.state.name, "failed");
          this.add(timestamp, "TaskFailed", {
            taskFailedEventDetails: { ...this.resourceOf(event.state.name), error: event.Error, cause: causeText(event.Cause) },
          });
        }
        return;
      case "StateExited": {
        const { name, type } = event.state;
        if (type === "Task" && this.lastTaskOutcome.get(name) !== "failed") {
          this.add(timestamp, "TaskSucceeded", {
            taskSucceededEventDetails: { ...this.resourceOf(name), output: JSON.stringify(this.taskAttempts.get(name)?.result ?? null) },
          });
        }
        this.add(timestamp, `${type}StateExited`, { stateExitedEventDetails: { name, output: JSON.stringify(event.state.output ?? null) } });
        return;
      }
      default:
        // StateCaught has no event of its own in Step Functions' history; Map/Parallel are unused here.
        return;
    }
  }

  private taskAttemptStarted(timestamp: Date, stateName: string): void {
    this.lastTaskOutcome.set(stateName, "succeeded");
    const resource = this.resourceOf(stateName);
    const parameters = this.taskAttempts.get(stateName)?.parameters;
    this.add(timestamp, "TaskScheduled", {
      taskScheduledEventDetails: { ...resource, region: LOCAL_REGION, parameters: JSON.stringify(parameters ?? null) },
    });
    this.add(timestamp, "TaskStarted", { taskStartedEventDetails: resource });
  }

  private resourceOf(stateName: string) {
    return describeResource(this.states[stateName]?.Resource ?? "");
  }

  private add(timestamp: Date, type: string, details: Record<string, unknown>): void {
    const id = this.events.length + 1;
    this.events.push({ id, previousEventId: id - 1, timestamp, type, ...details });
  }
}

function causeText(cause: unknown): string {
  return typeof cause === "string" ? cause : JSON.stringify(cause);
}

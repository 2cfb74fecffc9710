// Step Functions, locally: state machines hold an ASL definition that aws-local-stepfunctions
// executes; executions keep Step Functions' naming rules (a name is unique per state machine;
// starting a running execution again with the same name and input returns it, anything else
// is ExecutionAlreadyExists) and an execution history for GetExecutionHistory.
//
// Durability (with a journal): StartExecution answers only once the execution's name, input and
// start date are on disk, and an execution's end is written when it ends. After a restart,
// finished executions keep their status and history (so their names stay taken), and executions
// that were running are run again from the beginning, once, under the same name. That is safe
// because the workflow's task steps are idempotent — the contract every task of the definition
// keeps (packages/core/src/workflow/orderTasks.ts): a step re-reads the order and treats work
// already done as success. Step Functions itself does not lose a running execution; a local
// restart cannot resume one mid-state, so it replays it.
import "./promiseWithResolvers";
import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { StateMachine } from "aws-local-stepfunctions";
import { executionArn, iamRoleArn, stateMachineArn } from "../aws/localResources";
import { AwsServiceError } from "../http/awsJsonProtocol";
import { type EventLog, ExecutionHistoryRecorder, type HistoryEvent, type TaskAttempt } from "./executionHistory";
import { type ExecutionJournal, endRecord, executionFromJournal, type StoredExecutions, startRecord } from "./executionJournal";
import { type TaskIntegrationDependencies, taskHandlersFor } from "./taskIntegrations";

export type ExecutionStatus = "RUNNING" | "SUCCEEDED" | "FAILED" | "TIMED_OUT" | "ABORTED";

export interface ExecutionRecord {
  executionArn: string;
  stateMachineArn: string;
  name: string;
  status: ExecutionStatus;
  startDate: Date;
  stopDate?: Date;
  input: string;
  output?: string;
  error?: string;
  cause?: string;
  history: HistoryEvent[];
}

interface AslDefinition {
  StartAt: string;
  States: Record<string, { Type: string; Resource?: string }>;
}

export interface LocalStateMachine {
  name: string;
  arn: string;
  definitionText: string;
  definition: AslDefinition;
  roleArn: string;
  creationDate: Date;
  runner: StateMachine;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: Step Functions refuses control characters in an execution name; this says which.
const EXECUTION_NAME = /^[^\s<>{}[\]?*"#%\\^|~`$&,;:/\u0000-\u001f\u007f-\u009f]{1,80}$/;

export class LocalStepFunctions {
  private readonly machines = new Map<string, LocalStateMachine>();
  private readonly executions = new Map<string, ExecutionRecord>();
  private readonly running = new Map<string, { abort: () => void; done: Promise<void> }>();
  /** Resolves when the execution's start is on disk (StartExecution answers after it). */
  private readonly startWritten = new Map<string, Promise<void>>();
  /** Set when the shop stops: executions aborted then are not ended, so they run again on the next start. */
  private shuttingDown = false;

  constructor(
    private readonly dependencies: TaskIntegrationDependencies,
    private readonly onExecutionEnded?: (record: ExecutionRecord) => void,
    private readonly journal?: ExecutionJournal,
    private readonly onJournalError: (error: unknown) => void = () => undefined,
  ) {}

  createStateMachine(name: string, definitionText: string): LocalStateMachine {
    const definition = JSON.parse(definitionText) as AslDefinition;
    const machine: LocalStateMachine = {
      name,
      arn: stateMachineArn(name),
      definitionText,
      definition,
      roleArn: iamRoleArn(`${name}-role`),
      creationDate: new Date(),
      // Validates the definition (asl-validator) just as CreateStateMachine would.
      runner: new StateMachine(definition as never),
    };
    this.machines.set(machine.arn, machine);
    return machine;
  }

  stateMachine(arn: string): LocalStateMachine {
    const machine = this.machines.get(arn);
    if (!machine) throw new AwsServiceError("StateMachineDoesNotExist", `State Machine Does Not Exist: '${arn}'`);
    return machine;
  }

  async startExecution(request: { stateMachineArn: string; name?: string; input?: string }): Promise<ExecutionRecord> {
    const machine = this.stateMachine(request.stateMachineArn);
    const name = request.name ?? randomUUID();
    if (!EXECUTION_NAME.test(name)) throw new AwsServiceError("InvalidName", `Invalid Name: '${name}'`);
    const inputText = request.input ?? "{}";
    let input: unknown;
    try {
      input = JSON.parse(inputText);
    } catch {
      throw new AwsServiceError("InvalidExecutionInput", `Invalid State Machine Execution Input: '${inputText}'`);
    }
    const arn = executionArn(machine.name, name);
    const existing = this.executions.get(arn);
    if (existing) {
      if (existing.status === "RUNNING" && existing.input === inputText) {
        await this.startWritten.get(arn);
        return existing;
      }
      throw new AwsServiceError("ExecutionAlreadyExists", `Execution Already Exists: '${arn}'`);
    }
    const record: ExecutionRecord = {
      executionArn: arn,
      stateMachineArn: machine.arn,
      name,
      status: "RUNNING",
      startDate: new Date(),
      input: inputText,
      history: [],
    };
    this.executions.set(arn, record);
    const written = this.journal?.append(startRecord(record)) ?? Promise.resolve();
    this.startWritten.set(arn, written);
    try {
      await written;
    } catch (error) {
      this.executions.delete(arn);
      throw new AwsServiceError("ServiceUnavailable", `The execution could not be stored: ${error instanceof Error ? error.message : String(error)}`, 500);
    } finally {
      this.startWritten.delete(arn);
    }
    this.run(machine, record, input);
    return record;
  }

  /**
   * Takes back what the journal holds: finished executions as they ended, and the ones that were
   * running started again from the beginning with their input (their state machines must exist).
   * Returns the restarted executions.
   */
  recover(stored: StoredExecutions): ExecutionRecord[] {
    const restarted: ExecutionRecord[] = [];
    for (const entry of Object.values(stored)) {
      const record = executionFromJournal(entry);
      this.executions.set(record.executionArn, record);
      if (record.status !== "RUNNING") continue;
      this.run(this.stateMachine(record.stateMachineArn), record, JSON.parse(record.input));
      restarted.push(record);
    }
    return restarted;
  }

  execution(arn: string): ExecutionRecord {
    const record = this.executions.get(arn);
    if (!record) throw new AwsServiceError("ExecutionDoesNotExist", `Execution Does Not Exist: '${arn}'`);
    return record;
  }

  /** Newest first, as ListExecutions returns them. */
  executionsOf(stateMachineArnValue: string, status?: ExecutionStatus): ExecutionRecord[] {
    return [...this.executions.values()]
      .filter((record) => record.stateMachineArn === stateMachineArnValue && (!status || record.status === status))
      .sort((a, b) => b.startDate.getTime() - a.startDate.getTime());
  }

  allExecutions(): ExecutionRecord[] {
    return [...this.executions.values()];
  }

  /** Gives running executions up to `graceMs` to finish, then aborts the rest and waits until they have settled. */
  async stop(graceMs = 0): Promise<void> {
    const settled = () => Promise.all([...this.running.values()].map((run) => run.done));
    if (graceMs > 0) await Promise.race([settled(), sleep(graceMs, undefined, { ref: false })]);
    this.shuttingDown = true;
    for (const run of this.running.values()) run.abort();
    await settled();
  }

  private run(machine: LocalStateMachine, record: ExecutionRecord, input: unknown): void {
    const taskAttempts = new Map<string, TaskAttempt>();
    const recorder = new ExecutionHistoryRecorder(machine.definition.States, machine.roleArn, taskAttempts);
    const taskResourceLocalHandlers = taskHandlersFor(machine.definition.States, this.dependencies, {
      started: (stateName, parameters) => taskAttempts.set(stateName, { parameters, result: undefined }),
      succeeded: (stateName, result) => {
        const attempt = taskAttempts.get(stateName);
        if (attempt) attempt.result = result;
      },
    });
    const execution = machine.runner.run(input as never, {
      overrides: { taskResourceLocalHandlers: taskResourceLocalHandlers as never },
      noThrowOnAbort: true,
      context: {
        Execution: { Id: record.executionArn, Name: record.name, RoleArn: machine.roleArn },
        StateMachine: { Id: machine.arn, Name: machine.name },
        State: stateEnteredTimeContext(),
      },
    });
    const done = (async () => {
      const historyRecorded = (async () => {
        for await (const event of execution.eventLogs as AsyncGenerator<EventLog>) recorder.record(event);
      })();
      let output: unknown;
      let failed = false;
      try {
        output = await execution.result;
      } catch {
        failed = true;
      }
      await historyRecorded;
      record.history = recorder.events;
      const last = recorder.events.at(-1);
      record.stopDate = new Date();
      if (last?.type === "ExecutionSucceeded" && !failed) {
        record.status = "SUCCEEDED";
        record.output = JSON.stringify(output ?? null);
      } else if (last?.type === "ExecutionTimedOut") {
        record.status = "TIMED_OUT";
      } else if (last?.type === "ExecutionAborted") {
        record.status = "ABORTED";
      } else {
        const details = last?.executionFailedEventDetails as { error?: string; cause?: string } | undefined;
        record.status = "FAILED";
        record.error = details?.error;
        record.cause = details?.cause;
      }
      this.running.delete(record.executionArn);
      // An execution cut off by the shop's own stop has not ended: it runs again on the next start.
      if (!(this.shuttingDown && record.status === "ABORTED")) this.journal?.append(endRecord(record)).catch(this.onJournalError);
      this.onExecutionEnded?.(record);
    })();
    // The history is readable while the execution runs.
    record.history = recorder.events;
    this.running.set(record.executionArn, { abort: execution.abort, done });
  }
}

/**
 * $$.State.EnteredTime for the library, which fills only $$.Execution. A state's Parameters are
 * resolved synchronously right after it is entered, so the time of the first read in a tick is
 * the entered time; every read in the same tick returns that same value, as Step Functions does.
 */
function stateEnteredTimeContext(): { readonly EnteredTime: string } {
  let enteredTime: string | undefined;
  return {
    get EnteredTime() {
      if (enteredTime === undefined) {
        enteredTime = new Date().toISOString();
        queueMicrotask(() => {
          enteredTime = undefined;
        });
      }
      return enteredTime;
    },
  };
}

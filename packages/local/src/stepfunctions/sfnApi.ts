// The Step Functions API (JSON protocol, as @aws-sdk/client-sfn speaks it) over LocalStepFunctions:
// the operations the handlers, the local tools and the tests call — nothing else.
import { type AwsJsonServiceDefinition, AwsServiceError, epochSeconds } from "../http/awsJsonProtocol";
import type { ExecutionRecord, ExecutionStatus, LocalStepFunctions } from "./localStepFunctions";

export function sfnApi(stepFunctions: LocalStepFunctions): AwsJsonServiceDefinition {
  return {
    targetPrefix: "AWSStepFunctions",
    errorNamespace: "com.amazonaws.swf.service.v2.model",
    operations: {
      StartExecution: async (input) => {
        const record = await stepFunctions.startExecution({
          stateMachineArn: String(input.stateMachineArn ?? ""),
          name: input.name === undefined ? undefined : String(input.name),
          input: input.input === undefined ? undefined : String(input.input),
        });
        return { executionArn: record.executionArn, startDate: epochSeconds(record.startDate) };
      },
      DescribeExecution: (input) => describeExecution(stepFunctions.execution(String(input.executionArn ?? ""))),
      ListExecutions: (input) => {
        const machine = stepFunctions.stateMachine(String(input.stateMachineArn ?? ""));
        const records = stepFunctions.executionsOf(machine.arn, input.statusFilter as ExecutionStatus | undefined);
        const page = paginate(records, input);
        return { executions: page.items.map(executionListItem), ...(page.nextToken ? { nextToken: page.nextToken } : {}) };
      },
      GetExecutionHistory: (input) => {
        const record = stepFunctions.execution(String(input.executionArn ?? ""));
        const events = input.reverseOrder ? [...record.history].reverse() : record.history;
        const page = paginate(events, input);
        return {
          events: page.items.map((event) => ({ ...event, timestamp: epochSeconds(event.timestamp) })),
          ...(page.nextToken ? { nextToken: page.nextToken } : {}),
        };
      },
      DescribeStateMachine: (input) => {
        const machine = stepFunctions.stateMachine(String(input.stateMachineArn ?? ""));
        return {
          stateMachineArn: machine.arn,
          name: machine.name,
          status: "ACTIVE",
          definition: machine.definitionText,
          roleArn: machine.roleArn,
          type: "STANDARD",
          creationDate: epochSeconds(machine.creationDate),
        };
      },
    },
  };
}

function describeExecution(record: ExecutionRecord) {
  return {
    ...executionListItem(record),
    input: record.input,
    inputDetails: { included: true },
    ...(record.output !== undefined ? { output: record.output, outputDetails: { included: true } } : {}),
    ...(record.error !== undefined ? { error: record.error } : {}),
    ...(record.cause !== undefined ? { cause: record.cause } : {}),
  };
}

function executionListItem(record: ExecutionRecord) {
  return {
    executionArn: record.executionArn,
    stateMachineArn: record.stateMachineArn,
    name: record.name,
    status: record.status,
    startDate: epochSeconds(record.startDate),
    ...(record.stopDate ? { stopDate: epochSeconds(record.stopDate) } : {}),
  };
}

/** nextToken is an opaque offset, enough for in-memory lists. */
function paginate<T>(items: T[], input: Record<string, unknown>): { items: T[]; nextToken?: string } {
  const maxResults = Number(input.maxResults ?? 0) || 1000;
  let offset = 0;
  if (typeof input.nextToken === "string") {
    offset = Number(Buffer.from(input.nextToken, "base64").toString("utf8"));
    if (!Number.isInteger(offset) || offset < 0) throw new AwsServiceError("InvalidToken", "Invalid Token");
  }
  const page = items.slice(offset, offset + maxResults);
  const next = offset + maxResults;
  return { items: page, nextToken: next < items.length ? Buffer.from(String(next)).toString("base64") : undefined };
}

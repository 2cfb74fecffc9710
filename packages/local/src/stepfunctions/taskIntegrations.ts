// How the local state machine runs Task states: the same service integrations the cloud uses,
// pointed at the local shop. aws-local-stepfunctions calls a local handler per Task state name
// with the state's resolved Parameters and uses its return value as the task result; a thrown
// error's `name` is what Retry and Catch match, and its `message` becomes the Cause.
//  - arn:aws:states:::lambda:invoke  → invoke the function; result {Payload, StatusCode, ...}
//    exactly as the Lambda service returns it (the definition's OutputPath "$.Payload" needs it);
//    a function error surfaces as its errorType, the Cause being the Lambda error payload as JSON.
//  - arn:aws:states:::dynamodb:<op>  → the DynamoDB API call with the Parameters as given;
//    service errors are named "DynamoDB.<ExceptionName>" as Step Functions names them.
import { DeleteItemCommand, type DynamoDBClient, GetItemCommand, PutItemCommand, UpdateItemCommand } from "@aws-sdk/client-dynamodb";
import { FunctionError, type LocalFunction } from "../lambda/localFunction";

export type TaskHandler = (input: unknown) => Promise<unknown>;

export interface TaskIntegrationDependencies {
  functionByNameOrArn(nameOrArn: string): LocalFunction | undefined;
  dynamo: DynamoDBClient;
}

/** An error Step Functions reports for a failed task; `name` is matched by Retry/Catch. */
class TaskFailure extends Error {
  constructor(name: string, cause: string) {
    super(cause);
    this.name = name;
  }
}

/** Sees each Task attempt's resolved Parameters and raw result (for the execution history). */
export interface TaskObserver {
  started(stateName: string, parameters: unknown): void;
  succeeded(stateName: string, result: unknown): void;
}

interface TaskStateDefinition {
  Type: string;
  Resource?: string;
}

/** One local handler per Task state of the definition, chosen by the state's Resource. */
export function taskHandlersFor(
  states: Record<string, TaskStateDefinition>,
  dependencies: TaskIntegrationDependencies,
  observer?: TaskObserver,
): Record<string, TaskHandler> {
  const handlers: Record<string, TaskHandler> = {};
  for (const [stateName, state] of Object.entries(states)) {
    if (state.Type !== "Task" || !state.Resource) continue;
    const integration = integrationFor(state.Resource, dependencies);
    handlers[stateName] = async (parameters) => {
      observer?.started(stateName, parameters);
      const result = await integration(parameters);
      observer?.succeeded(stateName, result);
      return result;
    };
  }
  return handlers;
}

/** The resource type and name as Step Functions writes them in TaskScheduled events. */
export function describeResource(resource: string): { resourceType: string; resource: string } {
  const integration = /^arn:aws:states:::([\w-]+):([\w.-]+)$/.exec(resource);
  if (integration) return { resourceType: integration[1]!, resource: integration[2]! };
  return { resourceType: "lambda", resource };
}

function integrationFor(resource: string, dependencies: TaskIntegrationDependencies): TaskHandler {
  if (resource === "arn:aws:states:::lambda:invoke") return (parameters) => invokeLambda(parameters as LambdaInvokeParameters, dependencies);
  const dynamoOperation = /^arn:aws:states:::dynamodb:(\w+)$/.exec(resource)?.[1];
  if (dynamoOperation) return (parameters) => callDynamo(dynamoOperation, parameters as Record<string, unknown>, dependencies.dynamo);
  return async () => {
    throw new TaskFailure("States.Runtime", `The local shop does not emulate the Task resource ${resource}`);
  };
}

interface LambdaInvokeParameters {
  FunctionName: string;
  Payload?: unknown;
}

async function invokeLambda(parameters: LambdaInvokeParameters, dependencies: TaskIntegrationDependencies): Promise<unknown> {
  const fn = dependencies.functionByNameOrArn(parameters.FunctionName);
  if (!fn) throw new TaskFailure("Lambda.ResourceNotFoundException", `Function not found: ${parameters.FunctionName}`);
  try {
    const payload = await fn.invoke(parameters.Payload ?? {});
    return {
      ExecutedVersion: "$LATEST",
      Payload: payload,
      SdkHttpMetadata: { HttpStatusCode: 200 },
      SdkResponseMetadata: {},
      StatusCode: 200,
    };
  } catch (error) {
    if (error instanceof FunctionError) throw new TaskFailure(error.payload.errorType, JSON.stringify(error.payload));
    throw new TaskFailure("Lambda.Unknown", error instanceof Error ? error.message : String(error));
  }
}

type DynamoCall = (dynamo: DynamoDBClient, parameters: never) => Promise<{ $metadata: unknown }>;

/** The DynamoDB optimized integrations: each takes the API's own input shape, which is what the state's Parameters are. */
const DYNAMO_CALLS: Record<string, DynamoCall> = {
  getItem: (dynamo, parameters) => dynamo.send(new GetItemCommand(parameters)),
  putItem: (dynamo, parameters) => dynamo.send(new PutItemCommand(parameters)),
  updateItem: (dynamo, parameters) => dynamo.send(new UpdateItemCommand(parameters)),
  deleteItem: (dynamo, parameters) => dynamo.send(new DeleteItemCommand(parameters)),
};

async function callDynamo(operation: string, parameters: Record<string, unknown>, dynamo: DynamoDBClient): Promise<unknown> {
  const call = DYNAMO_CALLS[operation];
  if (!call) throw new TaskFailure("States.Runtime", `The local shop does not emulate dynamodb:${operation}`);
  try {
    const { $metadata, ...output } = await call(dynamo, parameters as never);
    return output;
  } catch (error) {
    if (error instanceof Error) throw new TaskFailure(`DynamoDB.${error.name}`, `${error.message} (Service: DynamoDb, Status Code: 400)`);
    throw error;
  }
}

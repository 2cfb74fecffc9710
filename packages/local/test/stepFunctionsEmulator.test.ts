// The local Step Functions runs the order workflow's real definition. Here its task functions are
// scripted so each path can be forced: Retry/Catch matching on the error's name (publish errors,
// function timeouts), the lambda:invoke result shape, the DynamoDB service integration, and
// execution-name semantics through the real @aws-sdk/client-sfn client.
import { DynamoDBClient, GetItemCommand, PutItemCommand } from "@aws-sdk/client-dynamodb";
import { DescribeExecutionCommand, GetExecutionHistoryCommand, SFNClient, StartExecutionCommand } from "@aws-sdk/client-sfn";
import {
  ORDER_WORKFLOW_TASKS,
  type OrderWorkflowTask,
  orderWorkflowSubstitutions,
  renderOrderWorkflowDefinition,
} from "@pizza-orders/core/workflow/orderWorkflowDefinition";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { localClientConfig } from "../src/aws/localClientConfig";
import { lambdaFunctionArn } from "../src/aws/localResources";
import { startDynamoServer } from "../src/dynamo/dynamoServer";
import { ensureOrdersTable } from "../src/dynamo/ordersTable";
import { awsJsonRequestListener } from "../src/http/awsJsonProtocol";
import { type RunningServer, startHttpServer } from "../src/http/httpServer";
import { LocalFunction } from "../src/lambda/localFunction";
import { LocalStepFunctions } from "../src/stepfunctions/localStepFunctions";
import { sfnApi } from "../src/stepfunctions/sfnApi";
import { waitFor } from "./support/waitFor";

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";

const TABLE = "workflow-test-orders";

class PaymentProviderUnavailableError extends Error {
  override readonly name = "PaymentProviderUnavailableError";
}
class BrokenNotifierError extends Error {
  override readonly name = "BrokenNotifierError";
}
/** As @aws-sdk/client-sns names SNS's transient server error. */
class SnsInternalError extends Error {
  override readonly name = "InternalErrorException";
}

/** Short, so a hung attempt times out within the test, as Lambda ends one at the function's timeout. */
const SCRIPTED_TIMEOUT_SECONDS = 1;

type Script = Partial<Record<OrderWorkflowTask, (input: Record<string, unknown>) => unknown>>;
/** Per execution (by orderId): what each task does, and what it was called with. */
const scripts = new Map<string, Script>();
const calls: Array<{ orderId: string; task: OrderWorkflowTask; input: Record<string, unknown> }> = [];

const functions = new Map(
  ORDER_WORKFLOW_TASKS.map((task) => [
    task,
    new LocalFunction({
      name: task,
      timeoutSeconds: SCRIPTED_TIMEOUT_SECONDS,
      load: async () => ({
        handler: async (event: unknown) => {
          const input = event as Record<string, unknown>;
          calls.push({ orderId: String(input.orderId), task, input });
          const step = scripts.get(String(input.orderId))?.[task];
          return step ? step(input) : { ...input, [`${task}Done`]: true };
        },
      }),
    }),
  ]),
);

let dynamoServer: RunningServer;
let sfnServer: RunningServer;
let dynamo: DynamoDBClient;
let sfn: SFNClient;
let stepFunctions: LocalStepFunctions;
let stateMachineArn: string;

beforeAll(async () => {
  dynamoServer = await startDynamoServer({ port: 0 });
  dynamo = new DynamoDBClient(localClientConfig(dynamoServer.url));
  await ensureOrdersTable(dynamo, TABLE);
  stepFunctions = new LocalStepFunctions({ functionByNameOrArn: (arn) => [...functions.values()].find((fn) => fn.arn === arn), dynamo });
  const definition = renderOrderWorkflowDefinition(orderWorkflowSubstitutions(lambdaFunctionArn));
  stateMachineArn = stepFunctions.createStateMachine("order-workflow", definition).arn;
  sfnServer = await startHttpServer(awsJsonRequestListener(sfnApi(stepFunctions)), 0);
  sfn = new SFNClient(localClientConfig(sfnServer.url));
});

afterAll(async () => {
  await stepFunctions?.stop();
  sfn?.destroy();
  dynamo?.destroy();
  await sfnServer?.close();
  await dynamoServer?.close();
});

async function runToEnd(orderId: string, script: Script) {
  scripts.set(orderId, script);
  const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn, name: orderId, input: JSON.stringify({ orderId }) }));
  const described = await waitFor(
    () => sfn.send(new DescribeExecutionCommand({ executionArn })),
    (result) => result.status !== "RUNNING",
    `execution ${orderId}`,
  );
  const { events } = await sfn.send(new GetExecutionHistoryCommand({ executionArn }));
  return { described, events: events!, callsFor: (task: OrderWorkflowTask) => calls.filter((call) => call.orderId === orderId && call.task === task) };
}

function putOrder(orderId: string, orderStatus: string) {
  return dynamo.send(new PutItemCommand({ TableName: TABLE, Item: { orderId: { S: orderId }, orderStatus: { S: orderStatus } } }));
}

describe("local Step Functions running the order workflow definition", () => {
  it("passes each task's Payload on (lambda:invoke result shape + OutputPath) and succeeds", async () => {
    const { described, callsFor } = await runToEnd("happy-1", {
      ProcessPayment: (input) => ({ ...input, paymentSucceeded: true }),
    });
    expect(described.status).toBe("SUCCEEDED");
    expect(callsFor("ProcessPayment")[0]!.input).toEqual({ orderId: "happy-1", InitializeOrderDone: true });
    expect(callsFor("CompleteOrder")[0]!.input).toMatchObject({ paymentSucceeded: true });
    expect(JSON.parse(described.output!)).toMatchObject({ orderId: "happy-1", CompleteOrderDone: true });
  });

  it("retries a task that throws PaymentProviderUnavailableError, then catches it into CancelFailedOrder with the Lambda error as Cause", async () => {
    const { described, events, callsFor } = await runToEnd("provider-down-1", {
      ProcessPayment: () => {
        throw new PaymentProviderUnavailableError("provider timed out");
      },
    });
    expect(callsFor("ProcessPayment")).toHaveLength(3);
    const failures = events.filter((event) => event.type === "TaskFailed").map((event) => event.taskFailedEventDetails!.error);
    expect(failures).toEqual(["PaymentProviderUnavailableError", "PaymentProviderUnavailableError", "PaymentProviderUnavailableError"]);
    expect(events.filter((event) => event.type === "TaskScheduled")).toHaveLength(1 + 3 + 1);

    const [cancel] = callsFor("CancelFailedOrder");
    const caught = cancel!.input.error as { Error: string; Cause: string };
    expect(caught.Error).toBe("PaymentProviderUnavailableError");
    expect(JSON.parse(caught.Cause)).toMatchObject({ errorType: "PaymentProviderUnavailableError", errorMessage: "provider timed out" });
    expect(described).toMatchObject({ status: "FAILED", error: "OrderProcessingFailed" });
  });

  it("leaves the order to the deadline reconciler when CancelFailedOrder itself keeps failing (no status written by the definition)", async () => {
    await putOrder("left-1", "PENDING_PAYMENT");
    const { described, callsFor } = await runToEnd("left-1", {
      ProcessPayment: () => {
        throw new PaymentProviderUnavailableError("down");
      },
      CancelFailedOrder: () => {
        throw new BrokenNotifierError("cannot cancel");
      },
    });
    expect(callsFor("CancelFailedOrder")).toHaveLength(1);
    expect(described).toMatchObject({ status: "FAILED", error: "OrderLeftForReconciler" });
    const { Item } = await dynamo.send(new GetItemCommand({ TableName: TABLE, Key: { orderId: { S: "left-1" } } }));
    expect(Item).toEqual({ orderId: { S: "left-1" }, orderStatus: { S: "PENDING_PAYMENT" } });
  });

  it("retries a publish error in CompleteOrder and never routes the paid order to CancelFailedOrder", async () => {
    let attempts = 0;
    const { described, events, callsFor } = await runToEnd("publish-1", {
      ProcessPayment: (input) => ({ ...input, paymentSucceeded: true }),
      CompleteOrder: (input) => {
        if (++attempts === 1) throw new SnsInternalError("SNS is unavailable");
        return { ...input, orderStatus: "done" };
      },
    });
    expect(callsFor("CompleteOrder")).toHaveLength(2);
    expect(callsFor("CancelFailedOrder")).toHaveLength(0);
    expect(events.filter((event) => event.type === "TaskFailed").map((event) => event.taskFailedEventDetails!.error)).toEqual(["InternalErrorException"]);
    expect(described.status).toBe("SUCCEEDED");
  });

  it("ends at OrderLeftForReconciler, not a cancellation, when CompleteOrder fails for good", async () => {
    const { described, callsFor } = await runToEnd("complete-broken-1", {
      ProcessPayment: (input) => ({ ...input, paymentSucceeded: true }),
      CompleteOrder: () => {
        throw new BrokenNotifierError("broken for good");
      },
    });
    expect(callsFor("CompleteOrder")).toHaveLength(1);
    expect(callsFor("CancelFailedOrder")).toHaveLength(0);
    expect(described).toMatchObject({ status: "FAILED", error: "OrderLeftForReconciler" });
  });

  it("retries a task whose function timed out (Sandbox.Timedout), then goes on", async () => {
    let attempts = 0;
    const { described, events, callsFor } = await runToEnd("timeout-1", {
      InitializeOrder: async (input) => {
        if (++attempts === 1) await new Promise((resolve) => setTimeout(resolve, (SCRIPTED_TIMEOUT_SECONDS + 1) * 1000));
        return input;
      },
      ProcessPayment: (input) => ({ ...input, paymentSucceeded: true }),
    });
    expect(events.filter((event) => event.type === "TaskFailed").map((event) => event.taskFailedEventDetails!.error)).toEqual(["Sandbox.Timedout"]);
    expect(callsFor("InitializeOrder")).toHaveLength(2);
    expect(callsFor("CancelFailedOrder")).toHaveLength(0);
    expect(described.status).toBe("SUCCEEDED");
  });

  it("runs a DynamoDB service integration and names its errors DynamoDB.<Exception>, as Step Functions does", async () => {
    await putOrder("integration-1", "COMPLETED");
    const definition = {
      StartAt: "Update",
      States: {
        Update: {
          Type: "Task",
          Resource: "arn:aws:states:::dynamodb:updateItem",
          Parameters: {
            TableName: TABLE,
            Key: { orderId: { "S.$": "$.orderId" } },
            ConditionExpression: "orderStatus = :expected",
            UpdateExpression: "SET touched = :yes",
            ExpressionAttributeValues: { ":expected": { "S.$": "$.expected" }, ":yes": { BOOL: true } },
          },
          End: true,
        },
      },
    };
    const machine = stepFunctions.createStateMachine("integration", JSON.stringify(definition));
    const run = async (name: string, expected: string) => {
      const { executionArn } = await sfn.send(
        new StartExecutionCommand({ stateMachineArn: machine.arn, name, input: JSON.stringify({ orderId: "integration-1", expected }) }),
      );
      return waitFor(
        () => sfn.send(new DescribeExecutionCommand({ executionArn })),
        (result) => result.status !== "RUNNING",
        name,
      );
    };
    expect(await run("integration-refused", "QUEUED")).toMatchObject({ status: "FAILED", error: "DynamoDB.ConditionalCheckFailedException" });
    expect(await run("integration-ok", "COMPLETED")).toMatchObject({ status: "SUCCEEDED" });
    const { Item } = await dynamo.send(new GetItemCommand({ TableName: TABLE, Key: { orderId: { S: "integration-1" } } }));
    expect(Item!.touched).toEqual({ BOOL: true });
  });

  it("keeps execution names unique: same name and input while running returns the same execution, anything else is ExecutionAlreadyExists", async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    scripts.set("named-1", { InitializeOrder: async (input) => (await gate, input) });
    const input = JSON.stringify({ orderId: "named-1" });
    const first = await sfn.send(new StartExecutionCommand({ stateMachineArn, name: "named-1", input }));
    const again = await sfn.send(new StartExecutionCommand({ stateMachineArn, name: "named-1", input }));
    expect(again.executionArn).toBe(first.executionArn);
    await expect(sfn.send(new StartExecutionCommand({ stateMachineArn, name: "named-1", input: JSON.stringify({ orderId: "other" }) }))).rejects.toMatchObject({
      name: "ExecutionAlreadyExists",
      $metadata: { httpStatusCode: 400 },
    });

    release();
    await waitFor(
      () => sfn.send(new DescribeExecutionCommand({ executionArn: first.executionArn })),
      (result) => result.status !== "RUNNING",
      "the execution to end",
    );
    await expect(sfn.send(new StartExecutionCommand({ stateMachineArn, name: "named-1", input }))).rejects.toMatchObject({ name: "ExecutionAlreadyExists" });
  });
});

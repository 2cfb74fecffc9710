// What one finished workflow execution cost, read back from the local Step Functions' own
// history (GetExecutionHistory, as the real service answers it): states entered (= Standard
// state transitions), Lambda tasks scheduled, and the bytes the history is made of (what log
// level ALL with execution data ships to CloudWatch Logs, approximately).
import { GetExecutionHistoryCommand, type HistoryEvent, SFNClient } from "@aws-sdk/client-sfn";
import { localClientConfig } from "@pizza-orders/local/aws/localClientConfig";
import { executionArn, ORDER_WORKFLOW_NAME } from "@pizza-orders/local/aws/localResources";

export interface ExecutionFacts {
  orderId: string;
  events: number;
  statesEntered: string[];
  lambdaTasksScheduled: number;
  historyBytes: number;
  /** ExecutionStarted → last event. */
  durationMs: number;
}

export async function readExecutionFacts(stepFunctionsEndpoint: string, orderId: string): Promise<ExecutionFacts> {
  const sfn = new SFNClient(localClientConfig(stepFunctionsEndpoint));
  try {
    const events: HistoryEvent[] = [];
    let nextToken: string | undefined;
    do {
      const page = await sfn.send(new GetExecutionHistoryCommand({ executionArn: executionArn(ORDER_WORKFLOW_NAME, orderId), nextToken, maxResults: 1000 }));
      events.push(...(page.events ?? []));
      nextToken = page.nextToken;
    } while (nextToken);
    return {
      orderId,
      events: events.length,
      statesEntered: events.filter((event) => event.type?.endsWith("StateEntered")).map((event) => event.stateEnteredEventDetails?.name ?? "?"),
      lambdaTasksScheduled: events.filter((event) => event.type === "TaskScheduled" || event.type === "LambdaFunctionScheduled").length,
      historyBytes: Buffer.byteLength(JSON.stringify(events)),
      durationMs: events.length ? events.at(-1)!.timestamp!.getTime() - events[0]!.timestamp!.getTime() : Number.NaN,
    };
  } finally {
    sfn.destroy();
  }
}

// Starts one workflow execution per order. The execution is named after the order and its input
// is the order key alone, so a redelivered queue message asks for the very same execution:
// Step Functions answers ExecutionAlreadyExists (or returns the running one), which means the
// order is already being handled — success, not failure.
import { StartExecutionCommand, type SFNClient } from "@aws-sdk/client-sfn";
import { type OrderAttemptKey, serializeOrderMessage } from "../order/orderMessage";

export type StartOutcome = "started" | "alreadyStarted";

export function executionNameOf(key: OrderAttemptKey): string {
  return key.paymentAttempt && key.paymentAttempt > 1 ? `${key.orderId}-attempt-${key.paymentAttempt}` : key.orderId;
}

export class OrderWorkflowStarter {
  constructor(
    private readonly sfn: SFNClient,
    private readonly stateMachineArn: string,
  ) {}

  async start(key: OrderAttemptKey): Promise<StartOutcome> {
    try {
      await this.sfn.send(
        new StartExecutionCommand({
          stateMachineArn: this.stateMachineArn,
          // A later payment attempt is its own execution (Standard keeps a name for 90 days).
          name: executionNameOf(key),
          input: serializeOrderMessage(key),
        }),
      );
      return "started";
    } catch (error) {
      if ((error as { name?: string }).name === "ExecutionAlreadyExists") return "alreadyStarted";
      throw error;
    }
  }
}

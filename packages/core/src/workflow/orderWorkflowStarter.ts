// Starts one workflow execution per order. The execution is named after the order and its input
// is the order key alone, so a redelivered queue message asks for the very same execution:
// Step Functions answers ExecutionAlreadyExists (or returns the running one), which means the
// order is already being handled — success, not failure.
import { type SFNClient, StartExecutionCommand } from "@aws-sdk/client-sfn";
import type { OrderKey } from "../order/order";
import { serializeOrderMessage } from "../order/orderMessage";

export type StartOutcome = "started" | "alreadyStarted";

export class OrderWorkflowStarter {
  constructor(
    private readonly sfn: SFNClient,
    private readonly stateMachineArn: string,
  ) {}

  async start(key: OrderKey): Promise<StartOutcome> {
    try {
      await this.sfn.send(
        new StartExecutionCommand({
          stateMachineArn: this.stateMachineArn,
          name: key.orderId,
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

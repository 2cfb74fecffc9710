import { SendMessageCommand, type SQSClient } from "@aws-sdk/client-sqs";
import { type OrderAttemptKey, serializeOrderMessage } from "./orderMessage";

/** Hands an accepted order to the pipeline. */
export class OrderQueue {
  constructor(
    private readonly sqs: SQSClient,
    private readonly queueUrl: string,
  ) {}

  async enqueue(key: OrderAttemptKey): Promise<void> {
    await this.sqs.send(new SendMessageCommand({ QueueUrl: this.queueUrl, MessageBody: serializeOrderMessage(key) }));
  }
}

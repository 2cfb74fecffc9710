// SNS's delivery to the SQS queues subscribed to a topic, with raw message delivery: the queue
// message's body is the published message and its message attributes are the published ones.
// Durable as SNS→SQS is in AWS, where a publish SNS answered reaches every subscribed queue:
//   - a publish is answered only once its message is in each queue's journal (LocalQueue.send);
//   - what the topic accepted is the outbox line, written first; the messages handed to every
//     queue are then listed in a delivery log, so one accepted just before a kill -9 (its
//     outbox line written, its delivery not logged) is delivered at the next start (resume).
// At least once, as SNS: a kill between the queue writes and the log line delivers that message
// again at the next start — its consumers are idempotent. A data folder without a delivery log
// (new, or from before the subscription) owes the queue nothing that was published before.
import { appendFileSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import type { LocalQueue } from "../sqs/localQueue";
import type { MessageAttributeValue } from "../sqs/messageChecksums";
import type { OutboxEntry } from "./notificationOutbox";

export class TopicSubscriptions {
  private readonly delivered: Set<string>;
  /** No delivery log yet: a new data folder, or one from before the subscription existed. */
  private readonly firstStart: boolean;

  constructor(
    private readonly queues: readonly LocalQueue[],
    /** One message id a line: the messages handed to every subscribed queue. */
    readonly deliveryLogPath: string,
  ) {
    this.firstStart = !existsSync(deliveryLogPath);
    this.delivered = new Set(
      existsSync(deliveryLogPath)
        ? readFileSync(deliveryLogPath, "utf8")
            .split("\n")
            .filter((line) => line.length > 0)
        : [],
    );
  }

  get count(): number {
    return this.queues.length;
  }

  /** Hands an accepted message to every subscribed queue, durably, then logs it delivered. */
  async deliver(entry: OutboxEntry): Promise<void> {
    const attributes = sqsMessageAttributes(entry.messageAttributes);
    for (const queue of this.queues) await queue.send(entry.message, attributes);
    appendFileSync(this.deliveryLogPath, `${entry.messageId}\n`, "utf8");
    this.delivered.add(entry.messageId);
  }

  /** Delivers the accepted messages of `topicArn` whose delivery was not logged (the shop was killed in between); returns how many. */
  async resume(accepted: readonly OutboxEntry[], topicArn: string): Promise<number> {
    if (this.firstStart) {
      // Messages published before the queue was subscribed were never owed to it (as in SNS).
      writeFileSync(this.deliveryLogPath, accepted.map((entry) => `${entry.messageId}\n`).join(""), "utf8");
      for (const entry of accepted) this.delivered.add(entry.messageId);
      return 0;
    }
    const owed = accepted.filter((entry) => entry.topicArn === topicArn && !this.delivered.has(entry.messageId));
    for (const entry of owed) await this.deliver(entry);
    return owed.length;
  }
}

function sqsMessageAttributes(attributes: OutboxEntry["messageAttributes"]): Record<string, MessageAttributeValue> {
  return Object.fromEntries(
    Object.entries(attributes).map(([name, { dataType, value }]) => [
      name,
      dataType.startsWith("Binary") ? { DataType: dataType, BinaryValue: value } : { DataType: dataType, StringValue: value },
    ]),
  );
}

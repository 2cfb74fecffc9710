// The event source mapping between the orders queue and its consumer: batches, record shape,
// partial batch failures, whole-batch failures, and the dead-letter queue at the end.
import type { SQSEvent } from "aws-lambda";
import { afterEach, describe, expect, it } from "vitest";
import { sqsQueueArn, sqsQueueUrl } from "../src/aws/localResources";
import { LocalFunction } from "../src/lambda/localFunction";
import { LocalQueue } from "../src/sqs/localQueue";
import { QueueEventSourceMapping } from "../src/sqs/queueEventSourceMapping";
import { waitFor } from "./support/waitFor";

let mapping: QueueEventSourceMapping | undefined;

afterEach(async () => {
  await mapping?.stop();
  mapping = undefined;
});

function queuePair() {
  const endpoint = "http://127.0.0.1";
  const deadLetterQueue = new LocalQueue({ name: "dlq", url: sqsQueueUrl(endpoint, "dlq"), arn: sqsQueueArn("dlq"), visibilityTimeoutSeconds: 30 });
  const queue = new LocalQueue({
    name: "orders",
    url: sqsQueueUrl(endpoint, "orders"),
    arn: sqsQueueArn("orders"),
    visibilityTimeoutSeconds: 0.2,
    redrivePolicy: { deadLetterQueue, maxReceiveCount: 4 },
  });
  return { queue, deadLetterQueue };
}

/** A consumer that records every event and fails the records whose body says so. */
function recordingConsumer(respond: (event: SQSEvent) => unknown) {
  const events: SQSEvent[] = [];
  const consumer = new LocalFunction({
    name: "Consumer",
    load: async () => ({
      handler: async (event: unknown) => {
        events.push(event as SQSEvent);
        return respond(event as SQSEvent);
      },
    }),
  });
  return { consumer, events };
}

describe("queue event source mapping", () => {
  it("delivers batches of at most 5 real-shaped records and deletes the ones not reported as failed", async () => {
    const { queue, deadLetterQueue } = queuePair();
    const { consumer, events } = recordingConsumer((event) => ({
      batchItemFailures: event.Records.filter((record) => record.body.startsWith("fail")).map((record) => ({ itemIdentifier: record.messageId })),
    }));
    const sent = [];
    for (const body of ["ok-1", "ok-2", "ok-3", "ok-4", "ok-5", "ok-6", "fail-1"]) sent.push(await queue.send(body));
    mapping = new QueueEventSourceMapping({ queue, consumer, batchSize: 5, pollers: 1 });
    mapping.start();

    await waitFor(
      () => deadLetterQueue.peekAll().length,
      (count) => count === 1,
      "the failing record to be dead-lettered",
    );
    expect(queue.peekAll()).toEqual([]);
    expect(deadLetterQueue.peekAll()[0]!.body).toBe("fail-1");
    expect(Math.max(...events.map((event) => event.Records.length))).toBeLessThanOrEqual(5);

    const okDeliveries = events.flatMap((event) => event.Records).filter((record) => record.body.startsWith("ok"));
    expect(okDeliveries.map((record) => record.body).sort()).toEqual(["ok-1", "ok-2", "ok-3", "ok-4", "ok-5", "ok-6"]);
    const failDeliveries = events.flatMap((event) => event.Records).filter((record) => record.body === "fail-1");
    expect(failDeliveries.map((record) => record.attributes.ApproximateReceiveCount)).toEqual(["1", "2", "3", "4"]);

    const first = events[0]!.Records[0]!;
    expect(first).toMatchObject({
      messageId: sent[0]!.messageId,
      body: "ok-1",
      md5OfBody: sent[0]!.md5OfBody,
      eventSource: "aws:sqs",
      eventSourceARN: queue.arn,
      awsRegion: "us-east-1",
      attributes: { ApproximateReceiveCount: "1", SentTimestamp: String(sent[0]!.sentTimestamp) },
    });
    expect(first.receiptHandle).toEqual(expect.any(String));
  });

  it("fails the whole batch when the consumer throws, and redelivers every record", async () => {
    const { queue } = queuePair();
    let calls = 0;
    const { consumer, events } = recordingConsumer(() => {
      calls++;
      if (calls === 1) throw new Error("consumer crashed");
      return { batchItemFailures: [] };
    });
    await queue.send("a");
    await queue.send("b");
    mapping = new QueueEventSourceMapping({ queue, consumer, batchSize: 5, pollers: 1 });
    mapping.start();

    await waitFor(
      () => queue.peekAll().length,
      (count) => count === 0,
      "the batch to succeed on redelivery",
    );
    const deliveries = events.flatMap((event) => event.Records.map((record) => `${record.body}:${record.attributes.ApproximateReceiveCount}`));
    expect(deliveries.sort()).toEqual(["a:1", "a:2", "b:1", "b:2"]);
    expect(mapping.stats.failedInvocations).toBe(1);
  });

  it("treats a batchItemFailures entry that names no record of the batch as a failure of the whole batch", async () => {
    const { queue } = queuePair();
    let calls = 0;
    const { consumer, events } = recordingConsumer(() => (++calls === 1 ? { batchItemFailures: [{ itemIdentifier: "not-in-this-batch" }] } : {}));
    await queue.send("only");
    mapping = new QueueEventSourceMapping({ queue, consumer, batchSize: 5, pollers: 1 });
    mapping.start();

    await waitFor(
      () => queue.peekAll().length,
      (count) => count === 0,
      "the redelivered batch to succeed",
    );
    expect(events.map((event) => event.Records[0]!.attributes.ApproximateReceiveCount)).toEqual(["1", "2"]);
  });
});

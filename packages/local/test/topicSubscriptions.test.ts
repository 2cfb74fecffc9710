// SNS's raw delivery to the subscribed queue, durable across a kill: a message the topic accepted
// (its outbox line written) whose delivery was not logged — the shop was killed in between — is
// delivered at the next start, once; the ones delivered before are not delivered again.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { snsTopicArn, sqsQueueArn } from "../src/aws/localResources";
import type { OutboxEntry } from "../src/sns/notificationOutbox";
import { TopicSubscriptions } from "../src/sns/topicSubscriptions";
import { LocalQueue } from "../src/sqs/localQueue";

const TOPIC = snsTopicArn("orders-topic");
let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "topic-subscriptions-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const newQueue = () =>
  new LocalQueue({ name: "accepted", url: "http://localhost/000000000000/accepted", arn: sqsQueueArn("accepted"), visibilityTimeoutSeconds: 30 });

function accepted(messageId: string, topicArn = TOPIC): OutboxEntry {
  return {
    messageId,
    topicArn,
    subject: "Pizza order",
    message: `message ${messageId}`,
    messageAttributes: { notificationId: { dataType: "String", value: `order-${messageId}:attempt-1` } },
    publishedAt: "2026-11-29T12:00:00.000Z",
  };
}

async function received(queue: LocalQueue) {
  const batch = await queue.receive({ maxMessages: 10 });
  return batch.map(({ message }) => ({ body: message.body, notificationId: message.messageAttributes.notificationId?.StringValue }));
}

describe("the topic's deliveries to its subscribed queue", () => {
  it("hands the message to the queue as raw delivery (body and attributes) and logs it delivered", async () => {
    const queue = newQueue();
    const subscriptions = new TopicSubscriptions([queue], join(dir, "deliveries.log"));
    await subscriptions.deliver(accepted("m-1"));
    expect(await received(queue)).toEqual([{ body: "message m-1", notificationId: "order-m-1:attempt-1" }]);
    expect(readFileSync(join(dir, "deliveries.log"), "utf8")).toBe("m-1\n");
  });

  it("after a kill between the outbox line and the delivery, delivers at the next start exactly the accepted messages not delivered", async () => {
    const log = join(dir, "deliveries.log");
    const first = new TopicSubscriptions([newQueue()], log);
    expect(await first.resume([], TOPIC)).toBe(0);
    await first.deliver(accepted("m-1"));
    // Killed: m-2 was accepted (its outbox line exists), never handed to the queue.
    const outbox = [accepted("m-1"), accepted("m-2"), accepted("m-3", snsTopicArn("another-topic"))];

    const restartedQueue = newQueue();
    const restarted = new TopicSubscriptions([restartedQueue], log);
    expect(await restarted.resume(outbox, TOPIC)).toBe(1);
    expect(await received(restartedQueue)).toEqual([{ body: "message m-2", notificationId: "order-m-2:attempt-1" }]);

    // And once: the next start owes nothing.
    const againQueue = newQueue();
    expect(await new TopicSubscriptions([againQueue], log).resume(outbox, TOPIC)).toBe(0);
    expect(againQueue.peekAll()).toEqual([]);
  });

  it("does not deliver what was published before the queue was subscribed (a data folder from before it)", async () => {
    const log = join(dir, "deliveries.log");
    const queue = newQueue();
    expect(await new TopicSubscriptions([queue], log).resume([accepted("old-1"), accepted("old-2")], TOPIC)).toBe(0);
    expect(queue.peekAll()).toEqual([]);
    expect(await new TopicSubscriptions([queue], log).resume([accepted("old-1"), accepted("old-2"), accepted("m-3")], TOPIC)).toBe(1);
    expect((await received(queue)).map((message) => message.body)).toEqual(["message m-3"]);
  });
});

import { createHash } from "node:crypto";
// The local SQS API, exercised with the real @aws-sdk/client-sqs client.
import {
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  SQSClient,
  StartMessageMoveTaskCommand,
} from "@aws-sdk/client-sqs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { localClientConfig } from "../src/aws/localClientConfig";
import { sqsQueueArn, sqsQueueUrl } from "../src/aws/localResources";
import { awsJsonRequestListener } from "../src/http/awsJsonProtocol";
import { type RunningServer, startHttpServer } from "../src/http/httpServer";
import { LocalQueue } from "../src/sqs/localQueue";
import { QueueRegistry } from "../src/sqs/queueRegistry";
import { sqsApi } from "../src/sqs/sqsApi";

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";

let server: RunningServer;
let sqs: SQSClient;
let queueUrl: string;
let dlqUrl: string;
let queueCounter = 0;
const registry = new QueueRegistry();

/** A fresh queue pair per test, so tests do not see each other's messages. */
function newQueuePair(): { queueUrl: string; dlqUrl: string } {
  queueCounter++;
  const [dlqName, queueName] = [`dlq-${queueCounter}`, `queue-${queueCounter}`];
  const dlq = registry.add(new LocalQueue({ name: dlqName, url: sqsQueueUrl(server.url, dlqName), arn: sqsQueueArn(dlqName), visibilityTimeoutSeconds: 30 }));
  const queue = registry.add(
    new LocalQueue({
      name: queueName,
      url: sqsQueueUrl(server.url, queueName),
      arn: sqsQueueArn(queueName),
      visibilityTimeoutSeconds: 30,
      redrivePolicy: { deadLetterQueue: dlq, maxReceiveCount: 4 },
    }),
  );
  return { queueUrl: queue.url, dlqUrl: dlq.url };
}

beforeAll(async () => {
  server = await startHttpServer(awsJsonRequestListener(sqsApi(registry)), 0);
  sqs = new SQSClient(localClientConfig(server.url));
});

afterAll(async () => {
  sqs.destroy();
  await server.close();
});

async function receive(url: string, visibilityTimeout: number) {
  const { Messages } = await sqs.send(
    new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, VisibilityTimeout: visibilityTimeout, MessageSystemAttributeNames: ["All"] }),
  );
  return Messages ?? [];
}

async function attribute(url: string, name: "ApproximateNumberOfMessages" | "ApproximateNumberOfMessagesNotVisible") {
  const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: [name] }));
  return Number(Attributes![name]);
}

describe("local SQS", () => {
  it("hides a received message for the visibility timeout, then delivers it again with a higher receive count", async () => {
    ({ queueUrl, dlqUrl } = newQueuePair());
    const sent = await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: '{"hello":"world"}' }));

    const [first] = await receive(queueUrl, 1);
    expect(first).toMatchObject({ MessageId: sent.MessageId, Body: '{"hello":"world"}', Attributes: { ApproximateReceiveCount: "1" } });
    expect(await receive(queueUrl, 1)).toEqual([]);
    expect(await attribute(queueUrl, "ApproximateNumberOfMessagesNotVisible")).toBe(1);

    const { Messages: again } = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: queueUrl, WaitTimeSeconds: 5, MessageSystemAttributeNames: ["ApproximateReceiveCount"] }),
    );
    expect(again).toHaveLength(1);
    expect(again![0]!.Attributes).toEqual({ ApproximateReceiveCount: "2" });
    expect(again![0]!.ReceiptHandle).not.toBe(first!.ReceiptHandle);

    // Only the latest receipt handle deletes the message (an old one is accepted and ignored).
    await sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: first!.ReceiptHandle }));
    expect(await attribute(queueUrl, "ApproximateNumberOfMessagesNotVisible")).toBe(1);
    await sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: again![0]!.ReceiptHandle }));
    expect(await attribute(queueUrl, "ApproximateNumberOfMessagesNotVisible")).toBe(0);
    expect(await attribute(queueUrl, "ApproximateNumberOfMessages")).toBe(0);
  });

  it("moves a message to the dead-letter queue after 4 receives, and StartMessageMoveTask moves it back with a fresh count", async () => {
    ({ queueUrl, dlqUrl } = newQueuePair());
    const sent = await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: "poison" }));
    const counts: string[] = [];
    for (let attempt = 0; attempt < 4; attempt++) {
      const [message] = await receive(queueUrl, 0);
      counts.push(message!.Attributes!.ApproximateReceiveCount!);
    }
    expect(counts).toEqual(["1", "2", "3", "4"]);
    expect(await receive(queueUrl, 0)).toEqual([]);
    expect(await attribute(dlqUrl, "ApproximateNumberOfMessages")).toBe(1);

    const [dead] = await receive(dlqUrl, 0);
    expect(dead).toMatchObject({ MessageId: sent.MessageId, Body: "poison", Attributes: { ApproximateReceiveCount: "5" } });

    const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: dlqUrl, AttributeNames: ["QueueArn"] }));
    await sqs.send(new StartMessageMoveTaskCommand({ SourceArn: Attributes!.QueueArn }));
    expect(await attribute(dlqUrl, "ApproximateNumberOfMessages")).toBe(0);
    const [back] = await receive(queueUrl, 0);
    expect(back).toMatchObject({ MessageId: sent.MessageId, Body: "poison", Attributes: { ApproximateReceiveCount: "1" } });
  });

  it("reports the redrive policy like SQS does", async () => {
    ({ queueUrl, dlqUrl } = newQueuePair());
    const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ["All"] }));
    const { Attributes: dlqAttributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: dlqUrl, AttributeNames: ["QueueArn"] }));
    expect(JSON.parse(Attributes!.RedrivePolicy!)).toEqual({ deadLetterTargetArn: dlqAttributes!.QueueArn, maxReceiveCount: 4 });
  });

  it("answers an unknown queue with QueueDoesNotExist", async () => {
    await expect(sqs.send(new GetQueueUrlCommand({ QueueName: "no-such-queue" }))).rejects.toMatchObject({ name: "QueueDoesNotExist" });
    await expect(sqs.send(new SendMessageCommand({ QueueUrl: sqsQueueUrl(server.url, "no-such-queue"), MessageBody: "x" }))).rejects.toMatchObject({
      name: "QueueDoesNotExist",
    });
  });

  it("returns message attributes with the MD5 digest AWS computes", async () => {
    ({ queueUrl } = newQueuePair());
    const sent = await sqs.send(
      new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: "with attributes", MessageAttributes: { kind: { DataType: "String", StringValue: "test" } } }),
    );
    // The digest of {kind: String "test"} per AWS's algorithm, computed independently.
    expect(sent.MD5OfMessageAttributes).toBe(expectedAttributeDigest("kind", "String", "test"));
    const { Messages } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MessageAttributeNames: ["All"] }));
    expect(Messages![0]!.MessageAttributes).toEqual({ kind: { DataType: "String", StringValue: "test" } });
    expect(Messages![0]!.MD5OfMessageAttributes).toBe(sent.MD5OfMessageAttributes);
  });
});

function expectedAttributeDigest(name: string, dataType: string, value: string): string {
  const part = (text: string) => {
    const bytes = Buffer.from(text, "utf8");
    const length = Buffer.alloc(4);
    length.writeUInt32BE(bytes.length);
    return Buffer.concat([length, bytes]);
  };
  return createHash("md5")
    .update(Buffer.concat([part(name), part(dataType), Buffer.from([1]), part(value)]))
    .digest("hex");
}

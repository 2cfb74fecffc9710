// The SQS API (JSON protocol, as @aws-sdk/client-sqs speaks it) over the local queues: the
// operations the handlers, the local tools and the tests call — nothing else.
import { randomUUID } from "node:crypto";
import { type AwsJsonServiceDefinition, AwsServiceError } from "../http/awsJsonProtocol";
import { InvalidReceiptHandleError, type LocalQueue, type ReceivedMessage, systemAttributes } from "./localQueue";
import { type MessageAttributeValue, md5OfMessageAttributes } from "./messageChecksums";
import { type QueueRegistry, redriveDeadLetterQueue } from "./queueRegistry";

const MAX_BATCH_ENTRIES = 10;

export function sqsApi(registry: QueueRegistry): AwsJsonServiceDefinition {
  const queueFor = (input: Record<string, unknown>): LocalQueue => {
    const queue = registry.byUrl(String(input.QueueUrl ?? ""));
    if (!queue) throw new AwsServiceError("QueueDoesNotExist", "The specified queue does not exist.", 400, "AWS.SimpleQueueService.NonExistentQueue");
    return queue;
  };
  const withReceiptHandleErrors = async <T>(action: () => Promise<T>): Promise<T> => {
    try {
      return await action();
    } catch (error) {
      if (error instanceof InvalidReceiptHandleError) throw new AwsServiceError("ReceiptHandleIsInvalid", error.message, 400, "ReceiptHandleIsInvalid");
      throw error;
    }
  };

  return {
    targetPrefix: "AmazonSQS",
    errorNamespace: "com.amazonaws.sqs",
    operations: {
      GetQueueUrl: (input) => {
        const queue = registry.byName(String(input.QueueName ?? ""));
        if (!queue) throw new AwsServiceError("QueueDoesNotExist", "The specified queue does not exist.", 400, "AWS.SimpleQueueService.NonExistentQueue");
        return { QueueUrl: queue.url };
      },
      GetQueueAttributes: (input) => ({ Attributes: queueAttributes(queueFor(input), input.AttributeNames as string[] | undefined) }),
      SendMessage: async (input) => {
        const queue = queueFor(input);
        const message = await queue.send(
          requireBody(input.MessageBody),
          (input.MessageAttributes ?? {}) as Record<string, MessageAttributeValue>,
          Number(input.DelaySeconds ?? 0),
        );
        return { MessageId: message.messageId, MD5OfMessageBody: message.md5OfBody, MD5OfMessageAttributes: message.md5OfMessageAttributes };
      },
      SendMessageBatch: async (input) => {
        const queue = queueFor(input);
        const entries = batchEntries(input);
        for (const entry of entries) requireBody(entry.MessageBody);
        return {
          // Sent together, so the batch shares one journal write.
          Successful: await Promise.all(
            entries.map(async (entry) => {
              const message = await queue.send(
                requireBody(entry.MessageBody),
                (entry.MessageAttributes ?? {}) as Record<string, MessageAttributeValue>,
                Number(entry.DelaySeconds ?? 0),
              );
              return {
                Id: entry.Id,
                MessageId: message.messageId,
                MD5OfMessageBody: message.md5OfBody,
                MD5OfMessageAttributes: message.md5OfMessageAttributes,
              };
            }),
          ),
          Failed: [],
        };
      },
      ReceiveMessage: async (input) => {
        const queue = queueFor(input);
        const maxMessages = Number(input.MaxNumberOfMessages ?? 1);
        if (!Number.isInteger(maxMessages) || maxMessages < 1 || maxMessages > 10) {
          throw new AwsServiceError(
            "InvalidParameterValue",
            "Value for parameter MaxNumberOfMessages is invalid. Reason: Must be between 1 and 10, if provided.",
            400,
            "InvalidParameterValue",
          );
        }
        const received = await queue.receive({
          maxMessages,
          visibilityTimeoutSeconds: input.VisibilityTimeout === undefined ? undefined : Number(input.VisibilityTimeout),
          waitTimeSeconds: Math.min(20, Number(input.WaitTimeSeconds ?? 0)),
        });
        if (received.length === 0) return {};
        const systemAttributeNames = [...((input.AttributeNames as string[]) ?? []), ...((input.MessageSystemAttributeNames as string[]) ?? [])];
        return { Messages: received.map((item) => messageOutput(item, systemAttributeNames, (input.MessageAttributeNames as string[]) ?? [])) };
      },
      DeleteMessage: async (input) => {
        const queue = queueFor(input);
        await withReceiptHandleErrors(() => queue.delete(String(input.ReceiptHandle ?? "")));
        return {};
      },
      DeleteMessageBatch: async (input) => {
        const queue = queueFor(input);
        const entries = batchEntries(input);
        return {
          Successful: await Promise.all(
            entries.map(async (entry) => {
              await withReceiptHandleErrors(() => queue.delete(String(entry.ReceiptHandle ?? "")));
              return { Id: entry.Id };
            }),
          ),
          Failed: [],
        };
      },
      StartMessageMoveTask: async (input) => {
        const source = registry.byArn(String(input.SourceArn ?? ""));
        if (!source) throw new AwsServiceError("ResourceNotFoundException", "The resource that you specified for the SourceArn parameter doesn't exist.");
        const destination = input.DestinationArn ? registry.byArn(String(input.DestinationArn)) : undefined;
        if (input.DestinationArn && !destination)
          throw new AwsServiceError("ResourceNotFoundException", "The resource that you specified for the DestinationArn parameter doesn't exist.");
        await redriveDeadLetterQueue(registry, source, destination);
        return { TaskHandle: Buffer.from(JSON.stringify({ taskId: randomUUID(), sourceArn: source.arn })).toString("base64") };
      },
    },
  };
}

function requireBody(body: unknown): string {
  if (typeof body !== "string" || body.length === 0) {
    throw new AwsServiceError("MissingParameter", "The request must contain the parameter MessageBody.", 400, "MissingParameter");
  }
  return body;
}

function batchEntries(input: Record<string, unknown>): Array<Record<string, unknown>> {
  const entries = (input.Entries ?? []) as Array<Record<string, unknown>>;
  if (entries.length === 0)
    throw new AwsServiceError("EmptyBatchRequest", "There should be at least one entry in the request.", 400, "AWS.SimpleQueueService.EmptyBatchRequest");
  if (entries.length > MAX_BATCH_ENTRIES)
    throw new AwsServiceError(
      "TooManyEntriesInBatchRequest",
      "Maximum number of entries per request are 10.",
      400,
      "AWS.SimpleQueueService.TooManyEntriesInBatchRequest",
    );
  return entries;
}

function queueAttributes(queue: LocalQueue, requested: string[] = ["All"]): Record<string, string> {
  const depth = queue.depth();
  const all: Record<string, string> = {
    QueueArn: queue.arn,
    ApproximateNumberOfMessages: String(depth.visible),
    ApproximateNumberOfMessagesNotVisible: String(depth.inFlight),
    ApproximateNumberOfMessagesDelayed: String(depth.delayed),
    VisibilityTimeout: String(queue.visibilityTimeoutSeconds),
    CreatedTimestamp: String(Math.floor(queue.createdAt.getTime() / 1000)),
    LastModifiedTimestamp: String(Math.floor(queue.createdAt.getTime() / 1000)),
    DelaySeconds: "0",
    ReceiveMessageWaitTimeSeconds: "0",
    MaximumMessageSize: "262144",
    MessageRetentionPeriod: "345600",
  };
  if (queue.redrivePolicy) {
    all.RedrivePolicy = JSON.stringify({ deadLetterTargetArn: queue.redrivePolicy.deadLetterQueue.arn, maxReceiveCount: queue.redrivePolicy.maxReceiveCount });
  }
  if (requested.includes("All")) return all;
  return Object.fromEntries(Object.entries(all).filter(([name]) => requested.includes(name)));
}

function messageOutput({ message, receiptHandle }: ReceivedMessage, systemAttributeNames: string[], messageAttributeNames: string[]) {
  const attributes = systemAttributes(message);
  const wantedAttributes = systemAttributeNames.includes("All")
    ? attributes
    : Object.fromEntries(Object.entries(attributes).filter(([name]) => systemAttributeNames.includes(name)));
  const wantsAllMessageAttributes = messageAttributeNames.includes("All") || messageAttributeNames.includes(".*");
  const wantedMessageAttributes = Object.fromEntries(
    Object.entries(message.messageAttributes).filter(
      ([name]) =>
        wantsAllMessageAttributes ||
        messageAttributeNames.some((pattern) => pattern === name || (pattern.endsWith(".*") && name.startsWith(pattern.slice(0, -2)))),
    ),
  );
  const hasMessageAttributes = Object.keys(wantedMessageAttributes).length > 0;
  return {
    MessageId: message.messageId,
    ReceiptHandle: receiptHandle,
    MD5OfBody: message.md5OfBody,
    Body: message.body,
    ...(Object.keys(wantedAttributes).length > 0 ? { Attributes: wantedAttributes } : {}),
    ...(hasMessageAttributes ? { MessageAttributes: wantedMessageAttributes, MD5OfMessageAttributes: md5OfMessageAttributes(wantedMessageAttributes) } : {}),
  };
}

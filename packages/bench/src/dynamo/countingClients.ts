// SDK clients for measuring the order's DynamoDB work in isolation. The DynamoDB client is real
// (against dynalite) and counts every command it sends; the SQS and SNS clients answer locally
// without a network call, so only DynamoDB work is timed while the core code runs unchanged.
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { SNSClient } from "@aws-sdk/client-sns";
import { SQSClient } from "@aws-sdk/client-sqs";
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { orderDocumentClient } from "@pizza-orders/core/aws/clients";
import { LOCAL_CREDENTIALS, localClientConfig } from "@pizza-orders/local/aws/localClientConfig";
import { LOCAL_REGION } from "@pizza-orders/local/aws/localResources";

export class CommandCounter {
  readonly counts = new Map<string, number>();
  record(commandName: string): void {
    this.counts.set(commandName, (this.counts.get(commandName) ?? 0) + 1);
  }
  reset(): void {
    this.counts.clear();
  }
  snapshot(): Record<string, number> {
    return Object.fromEntries([...this.counts.entries()].sort());
  }
}

export function countingDynamoClient(endpoint: string, counter?: CommandCounter): { client: DynamoDBClient; documentClient: DynamoDBDocumentClient } {
  const client = new DynamoDBClient(localClientConfig(endpoint));
  if (counter) {
    client.middlewareStack.add(
      (next, context) => async (args) => {
        counter.record(String(context.commandName));
        return next(args);
      },
      { step: "initialize", name: "benchCommandCounter" },
    );
  }
  // Same marshalling options as the handlers' shared client (packages/core/src/aws/clients.ts).
  return { client, documentClient: orderDocumentClient(client) };
}

/** An SNS client whose Publish succeeds without leaving the process. */
export function answeringSnsClient(counter?: CommandCounter): SNSClient {
  const sns = new SNSClient({ region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
  sns.middlewareStack.add(
    (_next, context) => async () => {
      counter?.record(String(context.commandName));
      return { output: { MessageId: "bench", $metadata: {} }, response: {} };
    },
    { step: "initialize", name: "benchAnsweringSns" },
  );
  return sns;
}

/** An SQS client whose SendMessage succeeds without leaving the process. */
export function answeringSqsClient(counter?: CommandCounter): SQSClient {
  const sqs = new SQSClient({ region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
  sqs.middlewareStack.add(
    (_next, context) => async () => {
      counter?.record(String(context.commandName));
      return { output: { MessageId: "bench", MD5OfMessageBody: "", $metadata: {} }, response: {} };
    },
    { step: "initialize", name: "benchAnsweringSqs" },
  );
  return sqs;
}

// GET /health: the shop is healthy only when every component answers through its own API — the
// way the handlers reach it — and the queue consumer is polling.
import { DescribeTableCommand, type DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DescribeStateMachineCommand, SFNClient } from "@aws-sdk/client-sfn";
import { GetTopicAttributesCommand, SNSClient } from "@aws-sdk/client-sns";
import { GetQueueAttributesCommand, SQSClient } from "@aws-sdk/client-sqs";
import { localClientConfig } from "./aws/localClientConfig";

export interface ShopHealth {
  healthy: boolean;
  /** "up", or "down: <why>" per component. */
  components: Record<string, string>;
}

export interface ShopHealthTargets {
  dynamo: DynamoDBClient;
  tableName: string;
  sqsEndpoint: string;
  queueUrl: string;
  isConsumerPolling: () => boolean;
  sfnEndpoint: string;
  stateMachineArn: string;
  snsEndpoint: string;
  topicArn: string;
}

const CHECK_TIMEOUT_MS = 2000;

export function shopHealthCheck(targets: ShopHealthTargets): { check: () => Promise<ShopHealth>; close: () => void } {
  const sqs = new SQSClient(localClientConfig(targets.sqsEndpoint));
  const sfn = new SFNClient(localClientConfig(targets.sfnEndpoint));
  const sns = new SNSClient(localClientConfig(targets.snsEndpoint));
  const checks: Record<string, () => Promise<unknown>> = {
    dynamodb: () => targets.dynamo.send(new DescribeTableCommand({ TableName: targets.tableName })),
    queue: async () => {
      await sqs.send(new GetQueueAttributesCommand({ QueueUrl: targets.queueUrl, AttributeNames: ["QueueArn"] }));
      if (!targets.isConsumerPolling()) throw new Error("the queue consumer is not polling");
    },
    workflow: () => sfn.send(new DescribeStateMachineCommand({ stateMachineArn: targets.stateMachineArn })),
    topic: () => sns.send(new GetTopicAttributesCommand({ TopicArn: targets.topicArn })),
  };
  return {
    check: async () => {
      // The API is up: it is answering this request.
      const components: Record<string, string> = { api: "up" };
      await Promise.all(
        Object.entries(checks).map(async ([name, check]) => {
          try {
            await withTimeout(check(), CHECK_TIMEOUT_MS);
            components[name] = "up";
          } catch (error) {
            components[name] = `down: ${error instanceof Error ? error.message || error.name : String(error)}`;
          }
        }),
      );
      return { healthy: Object.values(components).every((status) => status === "up"), components };
    },
    close: () => {
      sqs.destroy();
      sfn.destroy();
      sns.destroy();
    },
  };
}

async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([promise, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

// A dead-letter queue as the app keeps each of them: messages kept 14 days (SQS's maximum, time to
// look and redrive), encrypted at rest with SQS-managed keys (SSE-SQS: encrypted without a KMS
// key, so neither the producer nor the consumer needs KMS permissions) and reachable over TLS only.
import { Duration } from "aws-cdk-lib";
import { QueueEncryption, Queue as SqsQueue } from "aws-cdk-lib/aws-sqs";
import type { Construct } from "constructs";

export const DEAD_LETTER_RETENTION = Duration.days(14);

export function createDeadLetterQueue(scope: Construct, id: string, queueName: string): SqsQueue {
  return new SqsQueue(scope, id, {
    queueName,
    retentionPeriod: DEAD_LETTER_RETENTION,
    encryption: QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
  });
}

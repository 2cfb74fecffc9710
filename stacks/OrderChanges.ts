// The consumer of the orders table's change stream: every committed status change becomes one
// OrderChange handed to the listeners (packages/functions/src/stream/orderChanges.ts): the log,
// the live-status publish through the Api stack's IAM-only publishOrderUpdate, then the order
// event on the OrderEvents bus. The local shop's
// stream event source mapping reads the same settings.

import { Duration } from "aws-cdk-lib";
import { StartingPosition } from "aws-cdk-lib/aws-lambda";
import { DynamoEventSource, SqsDlq } from "aws-cdk-lib/aws-lambda-event-sources";
import { Function, type StackContext, use } from "sst/constructs";
import { theFunctionTriggeredBy } from "../packages/functions/src/functionManifest";
import { Api } from "./Api";
import { appFunctionProps } from "./appFunctionProps";
import { createDeadLetterQueue } from "./deadLetterQueue";
import { suppressFailureDestinationFindings, suppressLambdaBaselineFindings, suppressStreamConsumerFindings } from "./nagSuppressions";
import { OrderEvents } from "./OrderEvents";
import { Storage } from "./Storage";
import { stageConfig } from "./stageConfig";

const consumerFunction = theFunctionTriggeredBy("ordersTableStream");
const { batchSize, retryAttempts, maxRecordAgeSeconds, bisectBatchOnError, startingPosition } = consumerFunction.trigger;

export function OrderChanges({ stack, app }: StackContext) {
  const config = stageConfig(stack.stage);
  const { ordersTable } = use(Storage);
  const { api } = use(Api);
  const { orderEventsBus } = use(OrderEvents);

  // Where a batch that keeps failing is described (not its records: those stay in the stream for
  // 24 h, readable by the sequence numbers in the message).
  const deadLetterQueue = createDeadLetterQueue(stack, "OrderChangesDeadLetterQueue", app.logicalPrefixedName("orderChangesDeadLetterQueue"));
  suppressFailureDestinationFindings(deadLetterQueue);

  // Its access: appsync:GraphQL on publishOrderUpdate only, and ORDERS_API_URL.
  const consumer = new Function(
    stack,
    "OrderChangesConsumer",
    appFunctionProps(consumerFunction, {
      stack,
      config,
      logGroupId: "OrderChangesConsumerLogs",
      resources: { ordersApi: { graphqlApi: api.cdk.graphqlApi, url: api.url }, orderEventsBus },
    }),
  );
  // The event source grants exactly what the poller needs: stream reads on this table's stream,
  // dynamodb:ListStreams (no resource-level permissions) and sqs:SendMessage to the destination.
  consumer.addEventSource(
    new DynamoEventSource(ordersTable.cdk.table, {
      startingPosition: StartingPosition[startingPosition],
      batchSize,
      bisectBatchOnError,
      retryAttempts,
      maxRecordAge: Duration.seconds(maxRecordAgeSeconds),
      reportBatchItemFailures: true,
      onFailure: new SqsDlq(deadLetterQueue),
    }),
  );
  suppressLambdaBaselineFindings(consumer);
  suppressStreamConsumerFindings(consumer);

  stack.addOutputs({ OrderChangesDeadLetterQueueUrl: deadLetterQueue.queueUrl });
  return { orderChangesConsumer: consumer, orderChangesDeadLetterQueue: deadLetterQueue };
}

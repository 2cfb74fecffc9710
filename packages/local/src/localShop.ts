// Starts and stops the whole local pipeline: DynamoDB (dynalite), SQS, Step Functions and SNS
// emulators on loopback ports, the event source mapping that drives the queue consumer, and the
// AppSync stand-in. Handlers find all of it through environment variables only — the same
// variables the stack sets in the cloud — and are loaded after those are set.
import { mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { SendMessageCommand, SQSClient } from "@aws-sdk/client-sqs";
import { eventRuleNamed } from "@pizza-orders/core/events/orderEventRules";
import type { ReconcileReport } from "@pizza-orders/core/reconciler/reconcileOverdueOrders";
import { orderWorkflowSubstitutions, renderOrderWorkflowDefinition } from "@pizza-orders/core/workflow/orderWorkflowDefinition";
import { EVENT_TARGET_RETRY_POLICY, functionsTriggeredBy, theFunctionTriggeredBy } from "@pizza-orders/functions/functionManifest";
import { startShopApiServer } from "./api/shopApiServer";
import { loadAppSyncSchema } from "./appsync/appsyncSchema";
import { CognitoTokenVerifier } from "./appsync/cognitoTokenVerifier";
import { GraphqlEndpoint } from "./appsync/graphqlEndpoint";
import { RealtimeServer } from "./appsync/realtimeServer";
import { RequestAuthenticator } from "./appsync/requestAuth";
import { LOCAL_CREDENTIALS, localClientConfig } from "./aws/localClientConfig";
import {
  eventBusArn,
  eventTargetDlqName,
  iamUserArn,
  LOCAL_ACCOUNT_ID,
  LOCAL_REGION,
  NOTIFICATIONS_ACCEPTED_DLQ_NAME,
  NOTIFICATIONS_ACCEPTED_QUEUE_NAME,
  ORDER_CHANGES_DLQ_NAME,
  ORDER_EVENTS_BUS_NAME,
  ORDER_NOTIFICATIONS_TOPIC_NAME,
  ORDER_WORKFLOW_NAME,
  ORDERS_DLQ_NAME,
  ORDERS_QUEUE_NAME,
  ORDERS_TABLE_NAME,
  RECEIPTS_BUCKET_NAME,
  snsTopicArn,
  sqsQueueArn,
  sqsQueueUrl,
  stateMachineArn,
} from "./aws/localResources";
import { EmbeddedMetrics } from "./cloudwatch/embeddedMetrics";
import { type LocalUserPool, startLocalUserPool } from "./cognito/localUserPool";
import { type LocalChangeFeed, STREAM_DIR, startChangeFeed } from "./dynamo/changeFeed";
import { startDynamoServer } from "./dynamo/dynamoServer";
import { ensureOrdersTable } from "./dynamo/ordersTable";
import { eventBridgeApi } from "./events/eventBridgeApi";
import { openEventBusJournal } from "./events/eventBusJournal";
import { LocalEventBus } from "./events/localEventBus";
import { awsJsonRequestListener } from "./http/awsJsonProtocol";
import { LOOPBACK_HOST, type RunningServer, startHttpServer } from "./http/httpServer";
import { createFunctionCatalog, type FunctionCatalog } from "./lambda/functionCatalog";
import type { LocalFunction } from "./lambda/localFunction";
import type { LocalShopSettings } from "./localShopSettings";
import { type LocalMailInbox, MAIL_DIR, startLocalMailInbox } from "./mail/localMailInbox";
import { type PipelineReport, pipelineReport } from "./pipelineReport";
import { startLocalS3 } from "./s3/localS3";
import { LocalSchedule } from "./scheduler/localSchedule";
import { type ShopHealth, shopHealthCheck } from "./shopHealth";
import { EVENT_BUS_JOURNAL_FILE, FUNCTION_BUNDLES_DIR, openShopJournals, SHOP_STATE_ENTRIES } from "./shopState";
import { NotificationOutbox } from "./sns/notificationOutbox";
import { snsRequestListener } from "./sns/snsApi";
import { TopicSubscriptions } from "./sns/topicSubscriptions";
import { LocalQueue } from "./sqs/localQueue";
import { QueueEventSourceMapping } from "./sqs/queueEventSourceMapping";
import { QueueRegistry } from "./sqs/queueRegistry";
import { RedriveLog, type RedriveReport } from "./sqs/redriveLog";
import { sqsApi } from "./sqs/sqsApi";
import { LocalStepFunctions } from "./stepfunctions/localStepFunctions";
import { sfnApi } from "./stepfunctions/sfnApi";

const DYNAMODB_DIR = "dynamodb";
/** The sender of the customer e-mails locally (the cloud's comes from the stage's SES identity). */
const LOCAL_CUSTOMER_EMAIL_FROM = "orders@pizza-orders.localhost";
const OUTBOX_FILE = "outbox.jsonl";
/** The notifications topic's messages handed to its subscribed queue (TopicSubscriptions). */
const TOPIC_DELIVERIES_FILE = "topic-deliveries.log";
const COGNITO_DIR = "cognito";
const S3_DIR = "s3";
/** How long a stop waits for running executions before aborting them. */
const EXECUTION_GRACE_MS = 10_000;
/** How the orders queue and the table's stream feed their consumers (the stacks deploy the same triggers). */
const ORDERS_QUEUE_TRIGGER = theFunctionTriggeredBy("ordersQueue").trigger;
const ORDER_CHANGES_TRIGGER = theFunctionTriggeredBy("ordersTableStream").trigger;
const NOTIFICATION_ACCEPTANCE = theFunctionTriggeredBy("orderNotificationsQueue");
/** Lambda's SQS event source mapping starts with five concurrent pollers. */
const SQS_MAPPING_POLLERS = 5;

export interface LocalShop {
  settings: LocalShopSettings;
  graphqlUrl: string;
  apiUrl: string;
  apiKey: string;
  endpoints: { dynamodb: string; sqs: string; stepfunctions: string; sns: string; eventbridge: string; s3: string; cognito: string };
  /** The HTTP servers of each component (for diagnostics and for tests that take one down). */
  servers: Record<"dynamodb" | "sqs" | "stepfunctions" | "sns" | "eventbridge" | "api", RunningServer>;
  /** The environment the handlers run with (also useful for pointing SDK clients at the shop). */
  environment: Record<string, string>;
  /** What the web app is built with: the API and the user pool (VITE_GRAPHQL_*, VITE_COGNITO_*). */
  webEnvironment: Record<string, string>;
  /** The customers' e-mail inbox (maildev, standing in for SES): its web inbox, SMTP and API URLs. */
  mailInbox: LocalMailInbox;
  /** The local Cognito user pool: ids, endpoint and the confirmation codes it "e-mailed". */
  userPool: LocalUserPool;
  ordersQueue: LocalQueue;
  deadLetterQueue: LocalQueue;
  stepFunctions: LocalStepFunctions;
  outbox: NotificationOutbox;
  /** The queue subscribed to the notifications topic (its consumer records each notification sent) and its dead-letter queue. */
  notificationsAccepted: { queue: LocalQueue; deadLetterQueue: LocalQueue };
  /** The orders table's change stream (journal, checkpoint, delivery to the OrderChanges function). */
  changeFeed: LocalChangeFeed;
  /** The order-changes consumer's on-failure destination. */
  orderChangesDeadLetterQueue: LocalQueue;
  /** The order events bus (EventBridge): its archive of accepted events and their deliveries. */
  eventBus: LocalEventBus;
  /** Each order events rule target's dead-letter queue, by rule name. */
  eventTargetDeadLetterQueues: Map<string, LocalQueue>;
  functions: FunctionCatalog;
  /** The AppSync stand-in behind /graphql (its limits and document cache, for diagnostics and tests). */
  graphql: GraphqlEndpoint;
  /** AppSync's real-time endpoint (ws://…/graphql/realtime). */
  realtime: RealtimeServer;
  pipeline(): PipelineReport;
  /** Moves the dead-letter queue's messages back to the orders queue and reports which. */
  redrive(): Promise<RedriveReport>;
  /** Runs the deadline reconciler now (as its schedule would) and returns what it did. */
  reconcileNow(): Promise<ReconcileReport>;
  health(): Promise<ShopHealth>;
  stop(): Promise<void>;
}

/** Removes what the shop stores in the data folder (and nothing else a person may have put there). */
export function resetLocalData(dataDir: string): void {
  for (const entry of [DYNAMODB_DIR, STREAM_DIR, OUTBOX_FILE, TOPIC_DELIVERIES_FILE, COGNITO_DIR, S3_DIR, MAIL_DIR, ...SHOP_STATE_ENTRIES])
    rmSync(join(dataDir, entry), { recursive: true, force: true });
}

/** What a stop undoes, in reverse start order. */
type StartedComponent = { name: string; stop: () => Promise<void> };

export async function startLocalShop(settings: LocalShopSettings): Promise<LocalShop> {
  if (settings.reset) resetLocalData(settings.dataDir);
  mkdirSync(settings.dataDir, { recursive: true });
  const started: StartedComponent[] = [];
  const stopStarted = async () => {
    for (const component of started.reverse()) {
      await component.stop().catch((error: unknown) => settings.log(`stopping ${component.name} failed: ${String(error)}`));
    }
  };
  try {
    return await start(settings, started, stopStarted);
  } catch (error) {
    await stopStarted();
    throw error;
  }
}

async function start(settings: LocalShopSettings, started: StartedComponent[], stopStarted: () => Promise<void>): Promise<LocalShop> {
  // The SDK warns once per process that Node 20 support ends in 2027; it is noise in a local run.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
  // dynalite listens on a port of its own; the DynamoDB endpoint is the change-capturing proxy in
  // front of it, so every write reaches the orders table's change stream.
  const dynalite = await startDynamoServer({ path: join(settings.dataDir, DYNAMODB_DIR), port: 0, host: settings.host });
  started.push({ name: "dynalite", stop: dynalite.close });
  const changeFeed = await startChangeFeed({
    dynamo: dynalite,
    dataDir: settings.dataDir,
    tableName: ORDERS_TABLE_NAME,
    port: settings.dynamoPort,
    host: settings.host,
  });
  started.push({ name: "DynamoDB change feed", stop: changeFeed.stop });
  const dynamoServer: RunningServer = changeFeed.server;

  const [{ journal: queueJournal, recovered: queueContents }, { journal: executionJournal, recovered: executions }] = await openShopJournals(settings.dataDir);
  started.push({ name: "queue journal", stop: () => queueJournal.close() });
  started.push({ name: "execution journal", stop: () => executionJournal.close() });

  const queues = new QueueRegistry();
  const sqsServer = await startHttpServer(awsJsonRequestListener(sqsApi(queues)), settings.sqsPort, settings.host);
  started.push({ name: "SQS", stop: sqsServer.close });
  const deadLetterQueue = queues.add(
    new LocalQueue({
      name: ORDERS_DLQ_NAME,
      url: sqsQueueUrl(sqsServer.url, ORDERS_DLQ_NAME),
      arn: sqsQueueArn(ORDERS_DLQ_NAME),
      visibilityTimeoutSeconds: 30,
      journal: queueJournal,
    }),
  );
  const orderChangesDeadLetterQueue = queues.add(
    new LocalQueue({
      name: ORDER_CHANGES_DLQ_NAME,
      url: sqsQueueUrl(sqsServer.url, ORDER_CHANGES_DLQ_NAME),
      arn: sqsQueueArn(ORDER_CHANGES_DLQ_NAME),
      visibilityTimeoutSeconds: 30,
      journal: queueJournal,
    }),
  );
  const ordersQueue = queues.add(
    new LocalQueue({
      name: ORDERS_QUEUE_NAME,
      url: sqsQueueUrl(sqsServer.url, ORDERS_QUEUE_NAME),
      arn: sqsQueueArn(ORDERS_QUEUE_NAME),
      visibilityTimeoutSeconds: settings.queueVisibilitySeconds,
      redrivePolicy: { deadLetterQueue, maxReceiveCount: ORDERS_QUEUE_TRIGGER.maxReceiveCount },
      onMovedToDeadLetterQueue: (message) =>
        settings.log(
          `[orders queue] message ${message.messageId} moved to the dead-letter queue after ${message.receiveCount} receives (redrive: pnpm --filter @pizza-orders/local redrive)`,
        ),
      journal: queueJournal,
    }),
  );
  // The queue subscribed to the notifications topic, as the Notifications stack deploys it.
  const notificationsAcceptedDeadLetterQueue = queues.add(
    new LocalQueue({
      name: NOTIFICATIONS_ACCEPTED_DLQ_NAME,
      url: sqsQueueUrl(sqsServer.url, NOTIFICATIONS_ACCEPTED_DLQ_NAME),
      arn: sqsQueueArn(NOTIFICATIONS_ACCEPTED_DLQ_NAME),
      visibilityTimeoutSeconds: 30,
      journal: queueJournal,
    }),
  );
  const notificationsAcceptedQueue = queues.add(
    new LocalQueue({
      name: NOTIFICATIONS_ACCEPTED_QUEUE_NAME,
      url: sqsQueueUrl(sqsServer.url, NOTIFICATIONS_ACCEPTED_QUEUE_NAME),
      arn: sqsQueueArn(NOTIFICATIONS_ACCEPTED_QUEUE_NAME),
      visibilityTimeoutSeconds: 6 * NOTIFICATION_ACCEPTANCE.timeoutSeconds,
      redrivePolicy: { deadLetterQueue: notificationsAcceptedDeadLetterQueue, maxReceiveCount: NOTIFICATION_ACCEPTANCE.trigger.maxReceiveCount },
      onMovedToDeadLetterQueue: (message) =>
        settings.log(`[notifications accepted] message ${message.messageId} moved to the dead-letter queue after ${message.receiveCount} receives`),
      journal: queueJournal,
    }),
  );
  // The order events bus's targets (by rule name), each with its dead-letter queue.
  const orderEventRules = functionsTriggeredBy("eventRule")
    .filter((entry) => entry.trigger.bus === "orderEvents")
    .map((entry) => eventRuleNamed(entry.trigger.rule));
  const eventTargetDeadLetterQueues = new Map(
    orderEventRules.map((rule) => {
      const name = eventTargetDlqName(rule.name);
      return [
        rule.name,
        queues.add(
          new LocalQueue({ name, url: sqsQueueUrl(sqsServer.url, name), arn: sqsQueueArn(name), visibilityTimeoutSeconds: 30, journal: queueJournal }),
        ),
      ];
    }),
  );
  // Messages come back as they were stored: receive counts kept, in-flight ones invisible until their visibility timeout ends.
  for (const queue of queues.all()) for (const message of Object.values(queueContents[queue.name] ?? {})) queue.accept(message);

  const dynamo = new DynamoDBClient(localClientConfig(dynamoServer.url));
  started.push({ name: "DynamoDB client", stop: async () => dynamo.destroy() });
  // The functions are created once the environment they run with is known (below).
  let functions: FunctionCatalog | undefined;
  const stepFunctions = new LocalStepFunctions(
    { functionByNameOrArn: (nameOrArn) => functions?.byNameOrArn(nameOrArn), dynamo },
    (record) => {
      if (record.status !== "SUCCEEDED") settings.log(`[workflow] execution ${record.name} ${record.status}${record.error ? `: ${record.error}` : ""}`);
    },
    executionJournal,
    (error) => settings.log(`[workflow] could not store an execution's end: ${String(error)}`),
  );
  const sfnServer = await startHttpServer(awsJsonRequestListener(sfnApi(stepFunctions)), settings.sfnPort, settings.host);
  started.push({ name: "Step Functions", stop: sfnServer.close });

  const topic = {
    name: ORDER_NOTIFICATIONS_TOPIC_NAME,
    arn: snsTopicArn(ORDER_NOTIFICATIONS_TOPIC_NAME),
    subscriptions: new TopicSubscriptions([notificationsAcceptedQueue], join(settings.dataDir, TOPIC_DELIVERIES_FILE)),
  };
  const outbox = new NotificationOutbox(join(settings.dataDir, OUTBOX_FILE));
  // A message the topic accepted just before the shop was killed reaches its queue now.
  const owedDeliveries = await topic.subscriptions.resume(outbox.all(), topic.arn);
  if (owedDeliveries > 0) settings.log(`[notifications topic] ${owedDeliveries} accepted message(s) delivered to the subscribed queue after a restart`);
  const snsServer = await startHttpServer(snsRequestListener([topic], outbox), settings.snsPort, settings.host);
  started.push({ name: "SNS", stop: snsServer.close });

  // Receipts (and their presigned links) live in a local S3; its objects stay in the data folder.
  const s3 = await startLocalS3({ directory: join(settings.dataDir, S3_DIR), port: settings.s3Port, host: settings.host, buckets: [RECEIPTS_BUCKET_NAME] });
  started.push({ name: "S3", stop: s3.stop });
  const mailInbox = await startLocalMailInbox({
    dataDir: settings.dataDir,
    host: settings.host,
    smtpPort: settings.mailSmtpPort,
    webPort: settings.mailInboxPort,
    publicHost: settings.host === LOOPBACK_HOST ? "localhost" : settings.host,
  });
  started.push({ name: "mail inbox", stop: mailInbox.stop });

  // The event bus's endpoint listens before its target functions exist (the functions get its
  // URL); it answers once the bus is built below, before the stream delivers anything.
  const { journal: eventBusJournal, recovered: eventBusContents } = await openEventBusJournal(join(settings.dataDir, EVENT_BUS_JOURNAL_FILE));
  started.push({ name: "event bus journal", stop: () => eventBusJournal.close() });
  let eventBridgeListener: ReturnType<typeof awsJsonRequestListener> | undefined;
  const eventBridgeServer = await startHttpServer(
    (request, response) => (eventBridgeListener ? eventBridgeListener(request, response) : response.writeHead(503).end()),
    settings.eventBridgePort,
    settings.host,
  );
  started.push({ name: "EventBridge", stop: eventBridgeServer.close });

  // The API listens before the functions exist (it serves once they do): publishers get its URL
  // in their environment, as deployed functions get it at deploy time.
  const apiServer = await startShopApiServer(settings.apiPort, settings.host);
  started.push({ name: "API", stop: apiServer.close });
  const apiUrl = `http://${settings.host === LOOPBACK_HOST ? "localhost" : settings.host}:${apiServer.port}`;

  const environment: Record<string, string> = {
    AWS_REGION: LOCAL_REGION,
    AWS_DEFAULT_REGION: LOCAL_REGION,
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
    AWS_ENDPOINT_URL_DYNAMODB: dynamoServer.url,
    AWS_ENDPOINT_URL_SQS: sqsServer.url,
    AWS_ENDPOINT_URL_SFN: sfnServer.url,
    AWS_ENDPOINT_URL_SNS: snsServer.url,
    AWS_ENDPOINT_URL_S3: s3.url,
    AWS_ENDPOINT_URL_EVENTBRIDGE: eventBridgeServer.url,
    ORDERS_TABLE_NAME,
    ORDERS_QUEUE_URL: ordersQueue.url,
    ORDER_WORKFLOW_ARN: stateMachineArn(ORDER_WORKFLOW_NAME),
    ORDER_NOTIFICATIONS_TOPIC_ARN: topic.arn,
    RECEIPTS_BUCKET_NAME,
    ORDER_EVENTS_BUS_NAME,
    // The customer e-mail: SMTP to the local inbox (SES in the cloud), and the inbox's API for the resend check.
    CUSTOMER_EMAIL_TRANSPORT: "smtp",
    CUSTOMER_EMAIL_FROM: LOCAL_CUSTOMER_EMAIL_FROM,
    SMTP_URL: mailInbox.smtpUrl,
    MAIL_INBOX_API_URL: mailInbox.apiUrl,
    // What the e-mails link to: the web dev server `pnpm start` runs beside the shop (the site's URL in the cloud).
    WEB_APP_URL: settings.webAppUrl,
    // The stream consumer's AppSync publisher calls the API as in the cloud: its GraphQL URL, SigV4-signed with the credentials above.
    ORDERS_API_URL: `${apiUrl}/graphql`,
    POWERTOOLS_LOG_LEVEL: settings.functionLogLevel,
    // What SST sets on every deployed function; the business metrics carry it as their stage dimension.
    SST_STAGE: "local",
    POWERTOOLS_TRACE_ENABLED: "false",
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
  };
  if (settings.paymentSuccessRate !== undefined) environment.PAYMENT_SUCCESS_RATE = settings.paymentSuccessRate;
  if (settings.orderDeadlineSeconds !== undefined) environment.ORDER_DEADLINE_SECONDS = settings.orderDeadlineSeconds;
  delete process.env.AWS_PROFILE;
  // Also for code that runs a handler module in this process (the handler tests).
  Object.assign(process.env, environment);

  // The functions' metric records (EMF lines in their logs), added up as CloudWatch would.
  const metrics = new EmbeddedMetrics();
  const catalog = await createFunctionCatalog({
    buildDir: join(settings.dataDir, FUNCTION_BUNDLES_DIR),
    environment,
    maxInstances: settings.functionMaxInstances,
    bundleHandlers: settings.bundleHandlers,
    onLog: (functionName, line) => {
      metrics.observe(line);
      settings.functionLog(functionName, line);
    },
  });
  functions = catalog;
  started.push({ name: "function instances", stop: () => catalog.shutdown() });

  const workflow = stepFunctions.createStateMachine(
    ORDER_WORKFLOW_NAME,
    renderOrderWorkflowDefinition(orderWorkflowSubstitutions((task) => catalog.workflowTasks.get(task)!.arn)),
  );

  await ensureOrdersTable(dynamo, ORDERS_TABLE_NAME);
  // Before the queue is polled, so a redelivered message finds its execution already there.
  const restarted = stepFunctions.recover(executions);
  if (restarted.length > 0)
    settings.log(`[workflow] ${restarted.length} execution(s) that were running when the shop stopped started again from the beginning`);

  const startQueueMapping = (label: string, queue: LocalQueue, consumer: LocalFunction, batchSize: number) => {
    const mapping = new QueueEventSourceMapping({
      queue,
      consumer,
      batchSize,
      pollers: SQS_MAPPING_POLLERS,
      onError: (error) => settings.log(`[${label}] poller error: ${String(error)}`),
      onFailure: (failure) => settings.log(`[${label}] consumer failed ${failure.messageIds.length} message(s), left for redelivery: ${failure.reason}`),
    });
    mapping.start();
    return mapping;
  };
  const eventSourceMapping = startQueueMapping("orders queue", ordersQueue, catalog.queueConsumer, ORDERS_QUEUE_TRIGGER.batchSize);
  started.push({
    name: "queue pollers and running executions",
    stop: async () => {
      // The pollers stop first, so no new execution starts; running ones get a grace period, and
      // the ones still running after it are started again on the next start.
      await eventSourceMapping.stop();
      await stepFunctions.stop(EXECUTION_GRACE_MS);
    },
  });

  const notificationsAcceptedMapping = startQueueMapping(
    "notifications accepted",
    notificationsAcceptedQueue,
    catalog.notificationAcceptanceRecorder,
    NOTIFICATION_ACCEPTANCE.trigger.batchSize,
  );
  started.push({ name: "notifications accepted queue pollers", stop: () => notificationsAcceptedMapping.stop() });

  const eventBus = new LocalEventBus(
    {
      name: ORDER_EVENTS_BUS_NAME,
      arn: eventBusArn(ORDER_EVENTS_BUS_NAME),
      journal: eventBusJournal,
      targets: orderEventRules.map((rule) => ({
        rule,
        function: catalog.eventTargets.get(rule.name)!,
        deadLetterQueue: eventTargetDeadLetterQueues.get(rule.name)!,
      })),
      retryPolicy: EVENT_TARGET_RETRY_POLICY,
      log: settings.log,
    },
    eventBusContents,
  );
  eventBridgeListener = awsJsonRequestListener(eventBridgeApi(eventBus));
  const resumedDeliveries = eventBus.resume();
  if (resumedDeliveries > 0) settings.log(`[event bus] ${resumedDeliveries} event deliveries owed when the shop stopped are made again`);
  // Before the function instances shut down: a delivery under way finishes and is recorded.
  started.push({ name: "event bus deliveries", stop: () => eventBus.stop() });

  // Lambda's mapping sends a failed batch's info to the destination through the SQS API, as here.
  const destinationClient = new SQSClient(localClientConfig(sqsServer.url));
  started.push({ name: "order changes destination client", stop: async () => destinationClient.destroy() });
  const orderChangesMapping = changeFeed.startDelivery({
    ...ORDER_CHANGES_TRIGGER,
    consumer: catalog.orderChangesConsumer,
    onFailureDestination: async (failure) => {
      await destinationClient.send(new SendMessageCommand({ QueueUrl: orderChangesDeadLetterQueue.url, MessageBody: JSON.stringify(failure) }));
    },
    log: settings.log,
  });
  // Before the function instances shut down: a batch being handled finishes and is checkpointed.
  started.push({ name: "order changes stream delivery", stop: () => orderChangesMapping.stop() });

  const reconcilerSchedule = new LocalSchedule(catalog.reconciler, settings.reconcilerIntervalSeconds * 1000, (error) =>
    settings.log(`[reconciler] run failed: ${String(error)}`),
  );
  reconcilerSchedule.start();
  started.push({ name: "reconciler schedule", stop: () => reconcilerSchedule.stop() });

  const redriveLog = new RedriveLog(queues, deadLetterQueue, ordersQueue);
  const redrive = () => redriveLog.redrive();
  const pipeline = () =>
    pipelineReport({
      ordersQueue,
      deadLetterQueue,
      eventSourceMapping,
      stepFunctions,
      workflowArn: workflow.arn,
      outbox,
      redrives: redriveLog.reports(),
      orderChanges: { ...changeFeed.stats(), deadLetterQueueDepth: orderChangesDeadLetterQueue.peekAll().length },
      metrics: metrics.summary(),
    });
  const health = shopHealthCheck({
    dynamo,
    tableName: ORDERS_TABLE_NAME,
    sqsEndpoint: sqsServer.url,
    queueUrl: ordersQueue.url,
    isConsumerPolling: () => eventSourceMapping.running,
    sfnEndpoint: sfnServer.url,
    stateMachineArn: workflow.arn,
    snsEndpoint: snsServer.url,
    topicArn: topic.arn,
  });
  started.push({ name: "health clients", stop: async () => health.close() });

  const userPool = await startLocalUserPool({
    dataDir: join(settings.dataDir, COGNITO_DIR),
    port: settings.cognitoPort,
    host: settings.host,
    log: settings.log,
  });
  started.push({ name: "Cognito", stop: userPool.stop });
  const auth = new RequestAuthenticator({
    apiKey: settings.apiKey,
    userPoolTokens: await CognitoTokenVerifier.create(userPool),
    // Backend publishers sign with the credentials every local handler has.
    iam: {
      credentials: LOCAL_CREDENTIALS,
      region: LOCAL_REGION,
      principal: { accountId: LOCAL_ACCOUNT_ID, username: LOCAL_CREDENTIALS.accessKeyId, userArn: iamUserArn(LOCAL_CREDENTIALS.accessKeyId) },
    },
  });
  const graphql = new GraphqlEndpoint(loadAppSyncSchema(), catalog.resolvers, auth);
  apiServer.serve({
    graphql,
    health: health.check,
    outbox: () => ({ file: outbox.filePath, notifications: outbox.all() }),
    pipeline,
    redrive,
    confirmationCodes: () => userPool.codes.recent(),
    developerAccess: { apiKey: settings.apiKey, webOrigins: settings.webOrigins },
  });
  // AppSync's real-time endpoint on the same server (ws://…/graphql/realtime).
  const realtime = new RealtimeServer(graphql, { keepAliveMs: settings.realtimeKeepAliveMs });
  realtime.attach(apiServer.server);
  started.push({ name: "real-time subscriptions", stop: () => realtime.close() });

  const webEnvironment = {
    VITE_GRAPHQL_URL: `${apiUrl}/graphql`,
    VITE_GRAPHQL_API_KEY: settings.apiKey,
    // The web app's switch for local-only features (the outbox next to /graphql).
    VITE_SHOP_MODE: "local",
    VITE_COGNITO_REGION: userPool.region,
    VITE_COGNITO_USER_POOL_ID: userPool.userPoolId,
    VITE_COGNITO_CLIENT_ID: userPool.clientId,
    // Amplify Auth's `userPoolEndpoint`: the browser talks to cognito-local instead of Cognito.
    VITE_COGNITO_ENDPOINT: userPool.url,
    // The developer banner's link to the local user pool's confirmation codes (a developer route: the key rides along).
    VITE_LOCAL_DEV_URL: `${apiUrl}/dev/confirmation-codes?key=${encodeURIComponent(settings.apiKey)}`,
    // The developer banner's link to the customers' e-mail inbox (maildev).
    VITE_LOCAL_MAIL_URL: mailInbox.inboxUrl,
  };
  let stopping: Promise<void> | undefined;
  return {
    settings,
    apiUrl,
    graphqlUrl: `${apiUrl}/graphql`,
    apiKey: settings.apiKey,
    endpoints: {
      dynamodb: dynamoServer.url,
      sqs: sqsServer.url,
      stepfunctions: sfnServer.url,
      sns: snsServer.url,
      eventbridge: eventBridgeServer.url,
      s3: s3.url,
      cognito: userPool.url,
    },
    servers: { dynamodb: dynamoServer, sqs: sqsServer, stepfunctions: sfnServer, sns: snsServer, eventbridge: eventBridgeServer, api: apiServer },
    environment,
    webEnvironment,
    mailInbox,
    userPool,
    ordersQueue,
    deadLetterQueue,
    stepFunctions,
    outbox,
    notificationsAccepted: { queue: notificationsAcceptedQueue, deadLetterQueue: notificationsAcceptedDeadLetterQueue },
    changeFeed,
    orderChangesDeadLetterQueue,
    eventBus,
    eventTargetDeadLetterQueues,
    functions: catalog,
    graphql,
    realtime,
    pipeline,
    redrive,
    reconcileNow: () => reconcilerSchedule.runNow() as Promise<ReconcileReport>,
    health: health.check,
    stop: () => (stopping ??= stopStarted()),
  };
}

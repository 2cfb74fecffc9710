// Starts and stops the whole local pipeline: DynamoDB (dynalite), SQS, Step Functions and SNS
// emulators on loopback ports, the event source mapping that drives the queue consumer, and the
// AppSync stand-in. Handlers find all of it through environment variables only — the same
// variables the stack sets in the cloud — and are loaded after those are set.
import { mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { orderWorkflowSubstitutions, renderOrderWorkflowDefinition } from "@pizza-orders/core/workflow/orderWorkflowDefinition";
import { ORDERS_QUEUE_SETTINGS } from "@pizza-orders/functions/queue/ordersQueueSettings";
import { startShopApiServer } from "./api/shopApiServer";
import { loadAppSyncSchema } from "./appsync/appsyncSchema";
import { CognitoTokenVerifier } from "./appsync/cognitoTokenVerifier";
import { GraphqlEndpoint } from "./appsync/graphqlEndpoint";
import { RequestAuthenticator } from "./appsync/requestAuth";
import { localClientConfig, LOCAL_CREDENTIALS } from "./aws/localClientConfig";
import {
  iamUserArn,
  LOCAL_ACCOUNT_ID,
  LOCAL_REGION,
  ORDER_NOTIFICATIONS_TOPIC_NAME,
  ORDER_WORKFLOW_NAME,
  ORDERS_DLQ_NAME,
  ORDERS_QUEUE_NAME,
  ORDERS_TABLE_NAME,
  snsTopicArn,
  sqsQueueArn,
  stateMachineArn,
  sqsQueueUrl,
} from "./aws/localResources";
import { type LocalUserPool, startLocalUserPool } from "./cognito/localUserPool";
import { startDynamoServer } from "./dynamo/dynamoServer";
import { ensureOrdersTable } from "./dynamo/ordersTable";
import { awsJsonRequestListener } from "./http/awsJsonProtocol";
import { LOOPBACK_HOST, type RunningServer, startHttpServer } from "./http/httpServer";
import { createFunctionCatalog, type FunctionCatalog } from "./lambda/functionCatalog";
import type { LocalShopSettings } from "./localShopSettings";
import { pipelineReport, type PipelineReport } from "./pipelineReport";
import { FUNCTION_BUNDLES_DIR, openShopJournals, SHOP_STATE_ENTRIES } from "./shopState";
import { type ShopHealth, shopHealthCheck } from "./shopHealth";
import { NotificationOutbox } from "./sns/notificationOutbox";
import { snsRequestListener } from "./sns/snsApi";
import { LocalQueue } from "./sqs/localQueue";
import { QueueEventSourceMapping } from "./sqs/queueEventSourceMapping";
import { QueueRegistry } from "./sqs/queueRegistry";
import { RedriveLog, type RedriveReport } from "./sqs/redriveLog";
import { sqsApi } from "./sqs/sqsApi";
import { LocalSchedule } from "./scheduler/localSchedule";
import { LocalStepFunctions } from "./stepfunctions/localStepFunctions";
import type { ReconcileReport } from "@pizza-orders/core/reconciler/reconcileOverdueOrders";
import { sfnApi } from "./stepfunctions/sfnApi";

const DYNAMODB_DIR = "dynamodb";
const OUTBOX_FILE = "outbox.jsonl";
const COGNITO_DIR = "cognito";
/** How long a stop waits for running executions before aborting them. */
const EXECUTION_GRACE_MS = 10_000;
/** Lambda's SQS event source mapping starts with five concurrent pollers. */
const ORDERS_QUEUE_POLLERS = 5;

export interface LocalShop {
  settings: LocalShopSettings;
  graphqlUrl: string;
  apiUrl: string;
  apiKey: string;
  endpoints: { dynamodb: string; sqs: string; stepfunctions: string; sns: string; cognito: string };
  /** The HTTP servers of each component (for diagnostics and for tests that take one down). */
  servers: Record<"dynamodb" | "sqs" | "stepfunctions" | "sns" | "api", RunningServer>;
  /** The environment the handlers run with (also useful for pointing SDK clients at the shop). */
  environment: Record<string, string>;
  /** What the web app is built with: the API and the user pool (VITE_GRAPHQL_*, VITE_COGNITO_*). */
  webEnvironment: Record<string, string>;
  /** The local Cognito user pool: ids, endpoint and the confirmation codes it "e-mailed". */
  userPool: LocalUserPool;
  ordersQueue: LocalQueue;
  deadLetterQueue: LocalQueue;
  stepFunctions: LocalStepFunctions;
  outbox: NotificationOutbox;
  functions: FunctionCatalog;
  /** The AppSync stand-in behind /graphql (its limits and document cache, for diagnostics and tests). */
  graphql: GraphqlEndpoint;
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
  for (const entry of [DYNAMODB_DIR, OUTBOX_FILE, COGNITO_DIR, ...SHOP_STATE_ENTRIES]) rmSync(join(dataDir, entry), { recursive: true, force: true });
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
  const dynamoServer = await startDynamoServer({ path: join(settings.dataDir, DYNAMODB_DIR), port: settings.dynamoPort, host: settings.host });
  started.push({ name: "DynamoDB", stop: dynamoServer.close });

  const [{ journal: queueJournal, recovered: queueContents }, { journal: executionJournal, recovered: executions }] = await openShopJournals(settings.dataDir);
  started.push({ name: "queue journal", stop: () => queueJournal.close() });
  started.push({ name: "execution journal", stop: () => executionJournal.close() });

  const queues = new QueueRegistry();
  const sqsServer = await startHttpServer(awsJsonRequestListener(sqsApi(queues)), settings.sqsPort, settings.host);
  started.push({ name: "SQS", stop: sqsServer.close });
  const deadLetterQueue = queues.add(
    new LocalQueue({ name: ORDERS_DLQ_NAME, url: sqsQueueUrl(sqsServer.url, ORDERS_DLQ_NAME), arn: sqsQueueArn(ORDERS_DLQ_NAME), visibilityTimeoutSeconds: 30, journal: queueJournal }),
  );
  const ordersQueue = queues.add(
    new LocalQueue({
      name: ORDERS_QUEUE_NAME,
      url: sqsQueueUrl(sqsServer.url, ORDERS_QUEUE_NAME),
      arn: sqsQueueArn(ORDERS_QUEUE_NAME),
      visibilityTimeoutSeconds: settings.queueVisibilitySeconds,
      redrivePolicy: { deadLetterQueue, maxReceiveCount: ORDERS_QUEUE_SETTINGS.maxReceiveCount },
      onMovedToDeadLetterQueue: (message) =>
        settings.log(`[orders queue] message ${message.messageId} moved to the dead-letter queue after ${message.receiveCount} receives (redrive: pnpm --filter @pizza-orders/local redrive)`),
      journal: queueJournal,
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

  const topic = { name: ORDER_NOTIFICATIONS_TOPIC_NAME, arn: snsTopicArn(ORDER_NOTIFICATIONS_TOPIC_NAME) };
  const outbox = new NotificationOutbox(join(settings.dataDir, OUTBOX_FILE));
  const snsServer = await startHttpServer(snsRequestListener([topic], outbox), settings.snsPort, settings.host);
  started.push({ name: "SNS", stop: snsServer.close });

  const environment: Record<string, string> = {
    AWS_REGION: LOCAL_REGION,
    AWS_DEFAULT_REGION: LOCAL_REGION,
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
    AWS_ENDPOINT_URL_DYNAMODB: dynamoServer.url,
    AWS_ENDPOINT_URL_SQS: sqsServer.url,
    AWS_ENDPOINT_URL_SFN: sfnServer.url,
    AWS_ENDPOINT_URL_SNS: snsServer.url,
    ORDERS_TABLE_NAME,
    ORDERS_QUEUE_URL: ordersQueue.url,
    ORDER_WORKFLOW_ARN: stateMachineArn(ORDER_WORKFLOW_NAME),
    ORDER_NOTIFICATIONS_TOPIC_ARN: topic.arn,
    // Handler logs are JSON lines per invocation; locally only warnings and errors are shown unless asked for.
    POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? "WARN",
    POWERTOOLS_TRACE_ENABLED: "false",
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
  };
  if (settings.paymentSuccessRate !== undefined) environment.PAYMENT_SUCCESS_RATE = settings.paymentSuccessRate;
  if (settings.orderDeadlineSeconds !== undefined) environment.ORDER_DEADLINE_SECONDS = settings.orderDeadlineSeconds;
  delete process.env.AWS_PROFILE;
  // Also for code that runs a handler module in this process (the handler tests).
  Object.assign(process.env, environment);

  const catalog = await createFunctionCatalog({
    buildDir: join(settings.dataDir, FUNCTION_BUNDLES_DIR),
    environment,
    maxInstances: settings.functionMaxInstances,
    onLog: settings.functionLog,
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
  if (restarted.length > 0) settings.log(`[workflow] ${restarted.length} execution(s) that were running when the shop stopped started again from the beginning`);

  const eventSourceMapping = new QueueEventSourceMapping({
    queue: ordersQueue,
    consumer: catalog.queueConsumer,
    batchSize: ORDERS_QUEUE_SETTINGS.batchSize,
    pollers: ORDERS_QUEUE_POLLERS,
    onError: (error) => settings.log(`[orders queue] poller error: ${String(error)}`),
    onFailure: (failure) => settings.log(`[orders queue] consumer failed ${failure.messageIds.length} message(s), left for redelivery: ${failure.reason}`),
  });
  eventSourceMapping.start();
  started.push({
    name: "queue pollers and running executions",
    stop: async () => {
      // The pollers stop first, so no new execution starts; running ones get a grace period, and
      // the ones still running after it are started again on the next start.
      await eventSourceMapping.stop();
      await stepFunctions.stop(EXECUTION_GRACE_MS);
    },
  });

  const reconcilerSchedule = new LocalSchedule(catalog.reconciler, settings.reconcilerIntervalSeconds * 1000, (error) =>
    settings.log(`[reconciler] run failed: ${String(error)}`),
  );
  reconcilerSchedule.start();
  started.push({ name: "reconciler schedule", stop: () => reconcilerSchedule.stop() });

  const redriveLog = new RedriveLog(queues, deadLetterQueue, ordersQueue);
  const redrive = () => redriveLog.redrive();
  const pipeline = () => pipelineReport({ ordersQueue, deadLetterQueue, eventSourceMapping, stepFunctions, workflowArn: workflow.arn, outbox, redrives: redriveLog.reports() });
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

  const userPool = await startLocalUserPool({ dataDir: join(settings.dataDir, COGNITO_DIR), port: settings.cognitoPort, host: settings.host, log: settings.log });
  started.push({ name: "Cognito", stop: userPool.stop });
  const auth = new RequestAuthenticator({
    apiKey: settings.apiKey,
    userPoolTokens: await CognitoTokenVerifier.create(userPool),
    // Backend publishers sign with the credentials every local handler has.
    iam: { credentials: LOCAL_CREDENTIALS, region: LOCAL_REGION, principal: { accountId: LOCAL_ACCOUNT_ID, username: LOCAL_CREDENTIALS.accessKeyId, userArn: iamUserArn(LOCAL_CREDENTIALS.accessKeyId) } },
  });
  const graphql = new GraphqlEndpoint(loadAppSyncSchema(), catalog.resolvers, auth);
  const apiServer: RunningServer = await startShopApiServer(
    {
      graphql,
      health: health.check,
      outbox: () => ({ file: outbox.filePath, notifications: outbox.all() }),
      pipeline,
      redrive,
      confirmationCodes: () => userPool.codes.recent(),
      developerAccess: { apiKey: settings.apiKey, webOrigins: settings.webOrigins },
    },
    settings.apiPort,
    settings.host,
  );
  started.push({ name: "API", stop: apiServer.close });

  const apiUrl = `http://${settings.host === LOOPBACK_HOST ? "localhost" : settings.host}:${apiServer.port}`;
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
  };
  let stopping: Promise<void> | undefined;
  return {
    settings,
    apiUrl,
    graphqlUrl: `${apiUrl}/graphql`,
    apiKey: settings.apiKey,
    endpoints: { dynamodb: dynamoServer.url, sqs: sqsServer.url, stepfunctions: sfnServer.url, sns: snsServer.url, cognito: userPool.url },
    servers: { dynamodb: dynamoServer, sqs: sqsServer, stepfunctions: sfnServer, sns: snsServer, api: apiServer },
    environment,
    webEnvironment,
    userPool,
    ordersQueue,
    deadLetterQueue,
    stepFunctions,
    outbox,
    functions: catalog,
    graphql,
    pipeline,
    redrive,
    reconcileNow: () => reconcilerSchedule.runNow() as Promise<ReconcileReport>,
    health: health.check,
    stop: () => (stopping ??= stopStarted()),
  };
}

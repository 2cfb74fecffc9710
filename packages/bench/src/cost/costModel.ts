// AWS cost per million orders, line by line, for this app (as the synthesized template deploys
// it, with the per-order counts measured in this run) and for the original design (as its source
// describes it), side by side. Prices come from data/aws-prices-us-east-1.json only.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { OrderWorkflowTask } from "@pizza-orders/core/workflow/orderWorkflowDefinition";
import { workflowTaskFunction } from "@pizza-orders/functions/functionManifest";
import { dynamoItemSizeBytes, strongReadUnitsFor, writeUnitsFor } from "../dynamo/itemSize";
import { ADVANCE_ORDER_HANDLER, ORDER_QUERY_HANDLER, ORDER_QUEUE_CONSUMER_HANDLER, POST_ORDER_HANDLER } from "../functions/appHandlers";
import { buildLifecycleComparison } from "./lifecycleCost";
import type { FunctionFacts, TemplateFacts } from "./templateFacts";
import { statesOnPath } from "./templateFacts";

const PRICES_FILE = fileURLToPath(new URL("../../data/aws-prices-us-east-1.json", import.meta.url));
const ORIGINAL_DESIGN_FILE = fileURLToPath(new URL("../../data/original-design.json", import.meta.url));

export interface Prices {
  asOf: string;
  appsync: { perMillionQueryOrMutation: number; perMillionRealtimeUpdates: number; perMillionConnectionMinutes: number };
  lambda: { perMillionRequests: number; perGbSecond: Record<"x86_64" | "arm64", number>; billingGranularityMs: number };
  sqs: { perMillionRequests: number };
  stepFunctions: {
    perThousandStandardTransitions: number;
    expressPerMillionRequests: number;
    expressPerGbSecond: number;
    expressMemoryChunkMb: number;
    expressBillingGranularityMs: number;
  };
  dynamodb: { perMillionWriteRequestUnits: number; perMillionReadRequestUnits: number };
  sns: { perMillionPublishes: number };
  cloudwatchLogs: { perGbIngested: number };
  xray: { perMillionTracesRecorded: number; defaultSamplingRate: number };
  eventbridge: { perMillionCustomEvents: number };
  scheduler: { perMillionInvocations: number };
  ses: { perThousandEmails: number };
  s3: { perThousandPutRequests: number };
}

export interface OriginalDesign {
  lambdaMemoryMb: number;
  lambdaArchitecture: "x86_64" | "arm64";
  consumerBatchSize: number;
  paidPathStates: string[];
  dynamoWritesPerOrder: Record<string, number>;
  snsPublishesPerOrder: number;
  exampleItem: Record<string, unknown>;
}

export const loadPrices = () => JSON.parse(readFileSync(PRICES_FILE, "utf8")) as Prices;
export const loadOriginalDesign = () => JSON.parse(readFileSync(ORIGINAL_DESIGN_FILE, "utf8")) as OriginalDesign;

/** Measured in this run. */
export interface MeasuredPerOrder {
  dynamoCommandsPerOrder: Record<string, number>;
  orderItemBytes: number;
  /** Median ms per handler (core step against dynalite + other AWS calls at one request each). */
  handlerMs: Record<string, number>;
  /** Orders per consumer invocation, from the local event source mapping's counters. */
  averageBatchFill: number;
  /** States entered by a paid order's execution (local Step Functions history). */
  statesEntered: number;
  lambdaTasksPerExecution: number;
  executionHistoryBytes: number;
  executionDurationMs: number;
  /** Status requests the web app's tracker makes per order (replayed against this run). */
  trackerRequestsPerOrder: number;
  /** Live status measured through the real-time endpoint (steady run), when it was. */
  live?: LiveStatusPerOrder;
  /** The kitchen's part of the order's lifecycle, measured through the core (DynamoDB limit section). */
  kitchen: KitchenPerOrder;
}

export interface KitchenPerOrder {
  /** advanceOrder calls from RECEIVED to COMPLETED (pickup), counted while the core ran them. */
  stageMoves: number;
  /** Commands of all those calls together. */
  commandsPerOrder: Record<string, number>;
  /** Commands of the payment path (its kitchen-index Queries: admission's queue, the ETA at RECEIVED). */
  paymentPathCommands: Record<string, number>;
  /** Status changes an order commits from placement to COMPLETED (each is a stream record, an AppSync publish and an order event). */
  changesPerOrder: number;
  /** Stream records per invocation of the order-changes consumer (the local stream mapping's counters). */
  streamBatchFill: number;
  /** The order's item once completed: what the kitchen's and the listeners' writes carry at most. */
  completedItemBytes: number;
}

export interface LiveStatusPerOrder {
  /** publishOrderUpdate calls: one per committed change. */
  publishesPerOrder: number;
  /** Real-time messages delivered per order (one screen watching it). */
  messagesPerOrder: number;
  /** Minutes a screen holds its socket open for the order. */
  connectionMinutesPerOrder: number;
  /** Status requests per order while the socket is healthy, and the one catch-up read a tracker makes when it goes live. */
  statusRequestsPerOrder: number;
  /** Fixed polling just as fresh (p95) on the same orders: its interval and requests per order. */
  sameFreshnessIntervalMs: number;
  sameFreshnessPollsPerOrder: number;
}

export interface CostLine {
  service: string;
  item: string;
  quantityPerOrder: number;
  unit: string;
  usdPerMillionOrders: number;
  basis: string;
}

export interface CostModel {
  pricesAsOf: string;
  trackerRequestsPerOrder: number;
  ours: CostLine[];
  original: CostLine[];
  totals: { ours: { pipeline: number; tracking: number; total: number }; original: { pipeline: number; tracking: number; total: number } };
  /** The workflow's share of this app's total, and what an Express workflow would cost instead. */
  workflow: { standardUsd: number; shareOfTotal: number; expressUsd: number; executionMs: number };
  /** Live status (push) beside polling that would be as fresh, both per million orders. */
  liveStatus?: { push: CostLine[]; samePolling: CostLine[]; totals: { push: number; samePolling: number; trackerPolling: number } };
  pushPrices: Prices["appsync"];
  /** Issue 10: the whole lifecycle (payment, kitchen, events) per million orders, three ways. */
  lifecycle: LifecycleComparison;
  notes: string[];
}

export interface LifecycleComparison {
  /** Lines the new lifecycle adds to today's (the payment path and tracking priced above). */
  kitchenLines: CostLine[];
  /** Lines the Serverlesspresso shape adds to the new lifecycle (a workflow waiting at each kitchen stage). */
  waitLines: CostLine[];
  /** USD per million orders by service, one column per design; services in report order. */
  services: string[];
  columns: Array<{ design: string; byService: Record<string, number>; total: number }>;
  kitchenStages: string[];
  orchestration: {
    targetUsd: number;
    /** Step Functions + orders queue + its consumer, as built (Standard payment workflow). */
    asBuiltUsd: number;
    /** One Standard state transition per order, per million orders. */
    perTransitionUsd: number;
    /** The same with one Standard transition only: the least a Standard workflow can cost. */
    standardFloorUsd: number;
    /** The same with the payment workflow as an Express workflow (measured execution duration). */
    expressUsd: number;
    holds: boolean;
  };
  lifecycleBelowServerlesspresso: boolean;
}

/** The Lambda tasks on a path through the workflow, as the handlers that run them. */
function lambdaTasksOn(path: string[], facts: TemplateFacts): string[] {
  return path
    .filter((state) => facts.stateMachine.definition.States[state]?.Resource?.endsWith(":lambda:invoke"))
    .map((state) => workflowTaskFunction(state as OrderWorkflowTask).handler);
}

const MILLION = 1_000_000;
export const line = (service: string, item: string, quantityPerOrder: number, unit: string, usdPerUnit: number, basis: string): CostLine => ({
  service,
  item,
  quantityPerOrder,
  unit,
  usdPerMillionOrders: quantityPerOrder * usdPerUnit * MILLION,
  basis,
});

function lambdaLines(
  prefix: string,
  invocations: Array<{ handler: string; perOrder: number; memoryMb: number; architecture: "x86_64" | "arm64"; ms: number }>,
  prices: Prices,
  basis: string,
): CostLine[] {
  const requests = invocations.reduce((sum, invocation) => sum + invocation.perOrder, 0);
  const gbSeconds = invocations.map((invocation) => ({
    ...invocation,
    gbs:
      (invocation.perOrder *
        (invocation.memoryMb / 1024) *
        (Math.ceil(invocation.ms / prices.lambda.billingGranularityMs) * prices.lambda.billingGranularityMs)) /
      1000,
  }));
  return [
    line(
      "Lambda",
      `${prefix}invocations (${invocations.map((i) => `${i.handler} ×${round(i.perOrder)}`).join(", ")})`,
      requests,
      "request",
      prices.lambda.perMillionRequests / MILLION,
      basis,
    ),
    ...gbSeconds.map((invocation) =>
      line(
        "Lambda",
        `${prefix}duration ${invocation.handler} (${invocation.memoryMb} MB ${invocation.architecture}, ${round(invocation.ms)} ms)`,
        invocation.gbs,
        "GB-s",
        prices.lambda.perGbSecond[invocation.architecture],
        basis,
      ),
    ),
  ];
}

const round = (value: number) => Math.round(value * 100) / 100;

function memoryOf(facts: TemplateFacts, handler: string): FunctionFacts {
  const fn = facts.functions.find((candidate) => candidate.handler === handler);
  if (!fn) throw new Error(`the template has no function for ${handler}`);
  return fn;
}

export function buildCostModel(facts: TemplateFacts, measured: MeasuredPerOrder, prices: Prices, original: OriginalDesign): CostModel {
  const polls = measured.trackerRequestsPerOrder;
  const batch = Math.min(measured.averageBatchFill, facts.queueBatchSize);
  const paidPath = statesOnPath(facts.stateMachine.definition, { payment: { outcome: "SUCCEEDED" }, paymentSucceeded: true });
  const notes: string[] = [];
  if (paidPath.length !== measured.statesEntered) {
    notes.push(
      `The template's ASL paid path has ${paidPath.length} states; the local execution entered ${measured.statesEntered}. The measured count is used.`,
    );
  }
  const c = measured.dynamoCommandsPerOrder;
  const writes = (c.PutItemCommand ?? 0) + (c.UpdateItemCommand ?? 0) + (c.DeleteItemCommand ?? 0);
  const strongReads = c.GetItemCommand ?? 0;
  const wru = writeUnitsFor(measured.orderItemBytes);
  const rru = strongReadUnitsFor(measured.orderItemBytes);
  const fnFacts = (handler: string) => memoryOf(facts, handler);
  const invocation = (handler: string, perOrder: number) => ({
    handler,
    perOrder,
    memoryMb: fnFacts(handler).memoryMb,
    architecture: fnFacts(handler).architecture,
    ms: measured.handlerMs[handler] ?? Number.NaN,
  });
  const workflowTasks = lambdaTasksOn(paidPath, facts);
  if (measured.lambdaTasksPerExecution !== workflowTasks.length)
    notes.push(`The local execution scheduled ${measured.lambdaTasksPerExecution} Lambda tasks (model uses the paid path's ${workflowTasks.length}).`);
  const logs = facts.stateMachine.logLevel === "ALL" ? measured.executionHistoryBytes : 0;

  const oursPipeline: CostLine[] = [
    line("AppSync", "postOrder", 1, "request", prices.appsync.perMillionQueryOrMutation / MILLION, "1 mutation per order"),
    ...lambdaLines(
      "",
      [invocation(POST_ORDER_HANDLER, 1), invocation(ORDER_QUEUE_CONSUMER_HANDLER, 1 / batch), ...workflowTasks.map((task) => invocation(task, 1))],
      prices,
      `memory/arch from template; ms = the core step against dynalite + one measured request per other AWS call; consumer per ${round(batch)} orders (measured batch fill)`,
    ),
    line(
      "SQS",
      "SendMessage + ReceiveMessage + DeleteMessageBatch",
      1 + 2 / batch,
      "request",
      prices.sqs.perMillionRequests / MILLION,
      `receive and delete once per batch of ${round(batch)}`,
    ),
    line(
      "Step Functions",
      `${facts.stateMachine.type} state transitions (${paidPath.join(" → ")})`,
      measured.statesEntered,
      "transition",
      prices.stepFunctions.perThousandStandardTransitions / 1000,
      "states entered, measured in the local execution history",
    ),
    line(
      "DynamoDB",
      `writes (${writes} per order × ${wru} WRU, item ${measured.orderItemBytes} B)`,
      writes * wru,
      "WRU",
      prices.dynamodb.perMillionWriteRequestUnits / MILLION,
      "commands counted in the core code path",
    ),
    line(
      "DynamoDB",
      `strongly consistent reads in the pipeline (${strongReads})`,
      strongReads * rru,
      "RRU",
      prices.dynamodb.perMillionReadRequestUnits / MILLION,
      "commands counted in the core code path",
    ),
    line(
      "SNS",
      "Publish",
      c.PublishCommand ?? 0,
      "publish",
      prices.sns.perMillionPublishes / MILLION,
      "counted in the core code path; deliveries depend on subscriptions",
    ),
    line(
      "CloudWatch Logs",
      `workflow log level ${facts.stateMachine.logLevel ?? "OFF"}${facts.stateMachine.includeExecutionData ? " + execution data" : ""}`,
      logs / 1024 ** 3,
      "GB",
      prices.cloudwatchLogs.perGbIngested,
      "bytes of the measured execution history",
    ),
    line(
      "X-Ray",
      "traces (postOrder)",
      facts.appsyncXray ? prices.xray.defaultSamplingRate : 0,
      "trace",
      prices.xray.perMillionTracesRecorded / MILLION,
      "default sampling 5%",
    ),
  ];
  const statusQueryLines = (requests: number, basis: string): CostLine[] => [
    line("AppSync", `tracker status queries (order)`, requests, "request", prices.appsync.perMillionQueryOrMutation / MILLION, basis),
    ...lambdaLines("tracker ", [invocation(ORDER_QUERY_HANDLER, requests)], prices, "one GetItem per request"),
    line(
      "DynamoDB",
      "tracker reads (GetItem, strongly consistent)",
      requests * rru,
      "RRU",
      prices.dynamodb.perMillionReadRequestUnits / MILLION,
      "one GetItem per status request",
    ),
    line(
      "X-Ray",
      "traces (status queries)",
      facts.appsyncXray ? requests * prices.xray.defaultSamplingRate : 0,
      "trace",
      prices.xray.perMillionTracesRecorded / MILLION,
      "default sampling 5%",
    ),
  ];
  const oursTracking = statusQueryLines(polls, "replayed tracker requests per order");

  // The original, per its source. Durations: the same measured ones as the equivalent step here
  // (Python handlers doing the same calls), so differences come from the architecture alone.
  const originalBatch = Math.min(measured.averageBatchFill, original.consumerBatchSize);
  const originalItemBytes = dynamoItemSizeBytes(original.exampleItem);
  const originalWrites = Object.values(original.dynamoWritesPerOrder).reduce((sum, count) => sum + count, 0);
  // Listing is a Scan of the whole table (eventually consistent: 0.5 RRU per 4 KB scanned). Over
  // the first million orders the table holds half a million on average.
  const averageStoredOrders = MILLION / 2;
  const scanRru = 0.5 * Math.ceil((averageStoredOrders * originalItemBytes) / 4096);
  const originalFn = (handler: string, perOrder: number, msFrom: string) => ({
    handler,
    perOrder,
    memoryMb: original.lambdaMemoryMb,
    architecture: original.lambdaArchitecture,
    ms: measured.handlerMs[msFrom] ?? Number.NaN,
  });
  const originalPipeline: CostLine[] = [
    line("AppSync", "postOrder", 1, "request", prices.appsync.perMillionQueryOrMutation / MILLION, "1 mutation per order"),
    ...lambdaLines(
      "",
      [
        originalFn("send_sqs_message", 1, POST_ORDER_HANDLER),
        originalFn("post_order (consumer)", 1 / originalBatch, ORDER_QUEUE_CONSUMER_HANDLER),
        originalFn("initialize_order", 1, workflowTaskFunction("InitializeOrder").handler),
        originalFn("process_payment", 1, workflowTaskFunction("ProcessPayment").handler),
        originalFn("complete_order", 1, workflowTaskFunction("CompleteOrder").handler),
      ],
      prices,
      `${original.lambdaMemoryMb} MB ${original.lambdaArchitecture} (CfnFunction default); ms as the equivalent step here`,
    ),
    line(
      "SQS",
      "SendMessage + ReceiveMessage + DeleteMessageBatch",
      1 + 2 / originalBatch,
      "request",
      prices.sqs.perMillionRequests / MILLION,
      `batch size ${original.consumerBatchSize}`,
    ),
    line(
      "Step Functions",
      `STANDARD state transitions (${original.paidPathStates.join(" → ")})`,
      original.paidPathStates.length,
      "transition",
      prices.stepFunctions.perThousandStandardTransitions / 1000,
      "states on the original's path",
    ),
    line(
      "DynamoDB",
      `writes (${originalWrites} per order, item ${originalItemBytes} B)`,
      originalWrites * writeUnitsFor(originalItemBytes),
      "WRU",
      prices.dynamodb.perMillionWriteRequestUnits / MILLION,
      "PutItem + UpdateItem",
    ),
    line("SNS", "Publish", original.snsPublishesPerOrder, "publish", prices.sns.perMillionPublishes / MILLION, "one e-mail notification"),
    line(
      "X-Ray",
      "traces (postOrder)",
      prices.xray.defaultSamplingRate,
      "trace",
      prices.xray.perMillionTracesRecorded / MILLION,
      "xray_enabled, default sampling 5%",
    ),
  ];
  const originalTracking: CostLine[] = [
    line(
      "AppSync",
      "status checks (orders listing: the only way to see a status)",
      polls,
      "request",
      prices.appsync.perMillionQueryOrMutation / MILLION,
      "same number of checks as the tracker",
    ),
    ...lambdaLines("status ", [originalFn("get_orders", polls, ORDER_QUERY_HANDLER)], prices, "duration as one read here (a full Scan takes far longer)"),
    line(
      "DynamoDB",
      `Scan of the table per check (${averageStoredOrders.toLocaleString("en-US")} orders × ${originalItemBytes} B on average)`,
      polls * scanRru,
      "RRU",
      prices.dynamodb.perMillionReadRequestUnits / MILLION,
      "eventually consistent Scan: 0.5 RRU per 4 KB",
    ),
    line(
      "X-Ray",
      "traces (status checks)",
      polls * prices.xray.defaultSamplingRate,
      "trace",
      prices.xray.perMillionTracesRecorded / MILLION,
      "default sampling 5%",
    ),
  ];
  const sum = (lines: CostLine[]) => lines.reduce((total, entry) => total + entry.usdPerMillionOrders, 0);
  notes.push(
    "Free tiers are ignored; prices are marginal list prices. Lambda durations are local measurements (dynalite is faster than DynamoDB over the network), so Lambda GB-s is a lower bound.",
  );
  notes.push(
    "Not modelled: Lambda's own log lines (START/END/REPORT, Powertools), AppSync logging, data transfer, the idle cost of the queue pollers (about 3 empty receives per poller per minute), CloudFront/S3 for the web app.",
  );
  const standardUsd = oursPipeline.find((entry) => entry.service === "Step Functions")!.usdPerMillionOrders;
  const sfn = prices.stepFunctions;
  const expressBilledSeconds = (Math.ceil(measured.executionDurationMs / sfn.expressBillingGranularityMs) * sfn.expressBillingGranularityMs) / 1000;
  const expressUsd = MILLION * (sfn.expressPerMillionRequests / MILLION + (sfn.expressMemoryChunkMb / 1024) * expressBilledSeconds * sfn.expressPerGbSecond);
  const live = measured.live;
  const liveStatus =
    live &&
    (() => {
      const push: CostLine[] = [
        line(
          "AppSync",
          "publishOrderUpdate (IAM mutation, one per committed change)",
          live.publishesPerOrder,
          "mutation",
          prices.appsync.perMillionQueryOrMutation / MILLION,
          "changes per order in the stored histories",
        ),
        line(
          "AppSync",
          "real-time messages",
          live.messagesPerOrder,
          "message",
          prices.appsync.perMillionRealtimeUpdates / MILLION,
          "messages delivered per order, one screen watching",
        ),
        line(
          "AppSync",
          "connection-minutes",
          live.connectionMinutesPerOrder,
          "minute",
          prices.appsync.perMillionConnectionMinutes / MILLION,
          "socket time per order: accepted → last change shown (measured)",
        ),
        ...(live.statusRequestsPerOrder > 0 ? statusQueryLines(live.statusRequestsPerOrder, "status requests while live") : []),
      ];
      const samePolling = statusQueryLines(live.sameFreshnessPollsPerOrder, `fixed ${live.sameFreshnessIntervalMs} ms polling, replayed on the same orders`);
      return { push, samePolling, totals: { push: sum(push), samePolling: sum(samePolling), trackerPolling: sum(oursTracking) } };
    })();
  if (live)
    notes.push(
      "Live status: the stream consumer that calls publishOrderUpdate (Lambda per stream batch) is not priced here; the socket time is this run's (a page left open longer adds $0.08 per million orders per minute).",
    );
  const lifecycle = buildLifecycleComparison({
    prices,
    todayPipeline: oursPipeline,
    todayTracking: oursTracking,
    original: [...originalPipeline, ...originalTracking],
    statusQueryLines,
    lambdaLines: (prefix, invocations, basis) => lambdaLines(prefix, invocations, prices, basis),
    functionFacts: fnFacts,
    writeUnits: writeUnitsFor(measured.kitchen.completedItemBytes),
    strongReadUnits: strongReadUnitsFor(measured.kitchen.completedItemBytes),
    orderItemBytes: measured.orderItemBytes,
    measured: {
      kitchenStageMoves: measured.kitchen.stageMoves,
      kitchenCommands: measured.kitchen.commandsPerOrder,
      paymentPathCommands: measured.kitchen.paymentPathCommands,
      changesPerOrder: measured.kitchen.changesPerOrder,
      streamBatchFill: measured.kitchen.streamBatchFill,
      advanceOrderMs: measured.handlerMs[ADVANCE_ORDER_HANDLER] ?? Number.NaN,
      consumerMs: measured.handlerMs[ORDER_QUEUE_CONSUMER_HANDLER] ?? Number.NaN,
      queueBatchFill: batch,
      executionDurationMs: measured.executionDurationMs,
      live: live && { connectionMinutesPerOrder: live.connectionMinutesPerOrder, statusRequestsPerOrder: live.statusRequestsPerOrder },
    },
  });
  if (lifecycle.kitchenStages.length !== measured.kitchen.stageMoves)
    notes.push(
      `The core's rules give ${lifecycle.kitchenStages.length} kitchen stages after RECEIVED (pickup); the bench's order made ${measured.kitchen.stageMoves} advanceOrder calls. The rules' count is used.`,
    );
  return {
    lifecycle,
    liveStatus,
    pushPrices: prices.appsync,
    workflow: { standardUsd, shareOfTotal: standardUsd / (sum(oursPipeline) + sum(oursTracking)), expressUsd, executionMs: measured.executionDurationMs },
    pricesAsOf: prices.asOf,
    trackerRequestsPerOrder: polls,
    ours: [
      ...oursPipeline.map((entry) => ({ ...entry, service: entry.service })),
      ...oursTracking.map((entry) => ({ ...entry, service: `${entry.service} (tracking)` })),
    ],
    original: [...originalPipeline, ...originalTracking.map((entry) => ({ ...entry, service: `${entry.service} (tracking)` }))],
    totals: {
      ours: { pipeline: sum(oursPipeline), tracking: sum(oursTracking), total: sum(oursPipeline) + sum(oursTracking) },
      original: { pipeline: sum(originalPipeline), tracking: sum(originalTracking), total: sum(originalPipeline) + sum(originalTracking) },
    },
    notes,
  };
}

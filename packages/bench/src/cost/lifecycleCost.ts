// Issue 10's comparison: the order's whole lifecycle per million orders — payment, kitchen,
// events, e-mails, receipt, deadlines — by service, three ways:
//   (i)   today's: the payment path and tracking as costModel.ts prices them;
//   (ii)  as built: the Standard payment workflow (exactly-once start by execution name = order id,
//         which the crash and duplicate guarantees rely on) and the kitchen as guarded conditional-
//         write transitions the staff drive through AppSync (advanceOrder), deadlines enforced by
//         one scheduled reconciler; status pushed through AppSync real-time;
//   (iii) Serverlesspresso-shaped: the same lifecycle with a Standard workflow that also waits on a
//         task token at each kitchen stage (github.com/aws-samples/serverless-coffee).
// Counts come from the core's rules and this run's measurements; where a number has to be
// assumed it is a named constant below, with its reason.

import { CUSTOMER_EMAIL_STATUSES, Fulfilment, nextKitchenStage, OrderStatus } from "@pizza-orders/core/order/rules";
import { RECEIPT_STATUSES } from "@pizza-orders/core/receipt/receipt";
import { APP_FUNCTIONS, type AppFunction, theFunctionTriggeredBy } from "@pizza-orders/functions/functionManifest";
import { ADVANCE_ORDER_HANDLER } from "../functions/appHandlers";
import { type CostLine, type LifecycleComparison, line, type Prices } from "./costModel";

const MILLION = 1_000_000;

/**
 * States a Serverlesspresso-shaped workflow enters per kitchen stage: the Task that waits for the
 * staff (`arn:aws:states:::events:putEvents.waitForTaskToken`, emitting the "waiting" event) and
 * the Choice on what the staff answered (next stage, or cancelled/timed out) — the pair
 * Serverlesspresso's order workflow has at each barista step. A Pass or a Catch per stage would
 * only add to it, so 2 is the least the shape costs.
 */
export const SERVERLESSPRESSO_STATES_PER_STAGE = 2;
/**
 * The kitchen index's size at admission: a busy restaurant at the default capacity (8 pizzas per
 * 10-minute slot, 15 minutes to make: about 2 slots of orders in the kitchen) holds ~20 orders.
 * Admission reads them all (one Query); not measured, since the bench's kitchen is emptied between runs.
 */
export const KITCHEN_ORDERS_AT_ADMISSION = 20;
/**
 * A million orders a month: what the reconciler's fixed schedule is spread over. At fewer orders a
 * month each order carries more of it (runs are priced per run, whatever they find).
 */
export const ORDERS_PER_MONTH = MILLION;
const MINUTES_PER_MONTH = 30 * 24 * 60;
/**
 * Milliseconds billed per run of the functions the bench does not time (stream consumer, e-mail
 * and receipt listeners, reconciler, the token-storing task): a nominal figure for a few AWS calls
 * (a receipt renders a PDF). At these memory sizes 100 ms is ~$1.7 per million runs at 1 GB.
 */
export const UNTIMED_FUNCTION_MS = 100;
/** DynamoDB writes per customer e-mail: the send's claim and the acceptance record (core/email/customerEmailDeliveries.ts). */
export const WRITES_PER_EMAIL = 2;
/** DynamoDB writes per receipt: the receipt's record on the order (core/receipt). */
export const WRITES_PER_RECEIPT = 1;

export interface LifecycleInputs {
  prices: Prices;
  /** Today's lines (payment path and tracking), as costModel.ts priced them. */
  todayPipeline: CostLine[];
  todayTracking: CostLine[];
  /** The original design's lines, when priced. */
  original?: CostLine[];
  /** Status queries priced like the tracker's, for `requests` per order. */
  statusQueryLines: (requests: number, basis: string) => CostLine[];
  lambdaLines: (
    prefix: string,
    invocations: Array<{ handler: string; perOrder: number; memoryMb: number; architecture: "x86_64" | "arm64"; ms: number }>,
    basis: string,
  ) => CostLine[];
  functionFacts: (handler: string) => { memoryMb: number; architecture: "x86_64" | "arm64" };
  /** Units per write and per strongly consistent read of the completed order's item (the largest it gets). */
  writeUnits: number;
  strongReadUnits: number;
  orderItemBytes: number;
  measured: {
    kitchenStageMoves: number;
    kitchenCommands: Record<string, number>;
    /** The payment path's commands (today's lines price its writes and GetItems, not its Queries). */
    paymentPathCommands: Record<string, number>;
    changesPerOrder: number;
    streamBatchFill: number;
    advanceOrderMs: number;
    consumerMs: number;
    queueBatchFill: number;
    executionDurationMs: number;
    /** Live status (steady run), when measured. */
    live?: { connectionMinutesPerOrder: number; statusRequestsPerOrder: number };
  };
}

/** The kitchen's stages after RECEIVED for a pickup order, from the core's rules. */
export function kitchenStagesFromRules(): OrderStatus[] {
  const stages: OrderStatus[] = [];
  for (let at: OrderStatus | undefined = nextKitchenStage(Fulfilment.Pickup, OrderStatus.Received); at; at = nextKitchenStage(Fulfilment.Pickup, at))
    stages.push(at);
  return stages;
}

const handlerOf = (predicate: (fn: AppFunction) => boolean, what: string): string => {
  const found = APP_FUNCTIONS.find(predicate);
  if (!found) throw new Error(`the function manifest has no ${what}`);
  return found.handler;
};
const eventRuleHandler = (rule: string) => handlerOf((fn) => fn.trigger.kind === "eventRule" && fn.trigger.rule === rule, `listener of ${rule}`);

/** Report rows: DynamoDB split into writes and reads, tracking folded into its service. */
export function serviceOf(entry: CostLine): string {
  const service = entry.service.replace(/ \(tracking\)$/, "");
  if (service === "DynamoDB") return entry.unit === "WRU" ? "DynamoDB writes" : "DynamoDB reads";
  return service;
}

const byService = (lines: CostLine[]): Record<string, number> => {
  const totals: Record<string, number> = {};
  for (const entry of lines) totals[serviceOf(entry)] = (totals[serviceOf(entry)] ?? 0) + entry.usdPerMillionOrders;
  return totals;
};
const total = (lines: CostLine[]) => lines.reduce((sum, entry) => sum + entry.usdPerMillionOrders, 0);

/** Eventually consistent Query RRU for `items` items of `bytes` each (0.5 RRU per 4 KB read). */
const queryReadUnits = (items: number, bytes: number) => 0.5 * Math.max(1, Math.ceil((items * bytes) / 4096));

export function buildLifecycleComparison(inputs: LifecycleInputs): LifecycleComparison {
  const { prices, measured } = inputs;
  const stages = kitchenStagesFromRules();
  const moves = stages.length;
  const passedStatuses: OrderStatus[] = [OrderStatus.Queued, OrderStatus.PendingPayment, OrderStatus.Received, ...stages];
  const emails = passedStatuses.filter((status) => CUSTOMER_EMAIL_STATUSES.includes(status)).length;
  const receipts = passedStatuses.filter((status) => RECEIPT_STATUSES.includes(status)).length;
  const changes = measured.changesPerOrder;
  const reconciler = theFunctionTriggeredBy("schedule");
  const reconcilerRunsPerOrder = MINUTES_PER_MONTH / reconciler.trigger.rateMinutes / ORDERS_PER_MONTH;
  const streamConsumer = theFunctionTriggeredBy("ordersTableStream").handler;
  const advanceOrderHandler = ADVANCE_ORDER_HANDLER;
  const invocation = (handler: string, perOrder: number, ms: number) => ({ handler, perOrder, ms, ...inputs.functionFacts(handler) });
  const k = measured.kitchenCommands;
  const kitchenWrites = (k.PutItemCommand ?? 0) + (k.UpdateItemCommand ?? 0) + (k.DeleteItemCommand ?? 0);
  const appsyncRequest = prices.appsync.perMillionQueryOrMutation / MILLION;
  const wru = prices.dynamodb.perMillionWriteRequestUnits / MILLION;
  const rru = prices.dynamodb.perMillionReadRequestUnits / MILLION;
  const kitchenQueryUnits = queryReadUnits(KITCHEN_ORDERS_AT_ADMISSION, inputs.orderItemBytes);

  const kitchenLines: CostLine[] = [
    line("AppSync", `advanceOrder (${stages.join(" → ")})`, moves, "request", appsyncRequest, "one staff mutation per kitchen stage (core rules, pickup)"),
    line(
      "AppSync",
      "publishOrderUpdate (one per committed change)",
      changes,
      "mutation",
      appsyncRequest,
      "changes per order: pipeline history + kitchen stages",
    ),
    line(
      "AppSync",
      "real-time messages (one screen watching)",
      changes,
      "message",
      prices.appsync.perMillionRealtimeUpdates / MILLION,
      "one message per change",
    ),
    line(
      "AppSync",
      "connection-minutes",
      measured.live?.connectionMinutesPerOrder ?? 0,
      "minute",
      prices.appsync.perMillionConnectionMinutes / MILLION,
      measured.live ? "socket time per order, measured (live status section)" : "live status not measured",
    ),
    ...inputs.lambdaLines(
      "lifecycle ",
      [
        invocation(advanceOrderHandler, moves, measured.advanceOrderMs),
        invocation(streamConsumer, changes / Math.max(1, measured.streamBatchFill), UNTIMED_FUNCTION_MS),
        invocation(eventRuleHandler("CustomerEmail"), emails, UNTIMED_FUNCTION_MS),
        invocation(eventRuleHandler("CustomerEmailSent"), emails, UNTIMED_FUNCTION_MS),
        invocation(eventRuleHandler("Receipts"), receipts, UNTIMED_FUNCTION_MS),
        invocation(reconciler.handler, reconcilerRunsPerOrder, UNTIMED_FUNCTION_MS),
      ],
      `advanceOrder: measured core step; stream consumer per ${measured.streamBatchFill.toFixed(1)} changes (measured batch fill); others ${UNTIMED_FUNCTION_MS} ms (not timed)`,
    ),
    line(
      "DynamoDB",
      `kitchen stage writes (${kitchenWrites} per order × ${inputs.writeUnits} WRU)`,
      kitchenWrites * inputs.writeUnits,
      "WRU",
      wru,
      "advanceOrder's commands, counted",
    ),
    line(
      "DynamoDB",
      `e-mail and receipt records (${emails} × ${WRITES_PER_EMAIL} + ${receipts} × ${WRITES_PER_RECEIPT})`,
      (emails * WRITES_PER_EMAIL + receipts * WRITES_PER_RECEIPT) * inputs.writeUnits,
      "WRU",
      wru,
      "per e-mail: claim + acceptance; per receipt: its record",
    ),
    line(
      "DynamoDB",
      `kitchen-index Queries on the payment path: admission, the ETA at RECEIVED (${measured.paymentPathCommands.QueryCommand ?? 0} × ${KITCHEN_ORDERS_AT_ADMISSION} orders in the kitchen)`,
      (measured.paymentPathCommands.QueryCommand ?? 0) * kitchenQueryUnits,
      "RRU",
      rru,
      "eventually consistent index Query: 0.5 RRU per 4 KB (not in today's lines, which price GetItem reads and every write, the order-number counter's included)",
    ),
    line(
      "DynamoDB",
      `kitchen stage reads (${k.GetItemCommand ?? 0} GetItem, ${k.QueryCommand ?? 0} kitchen Query for the ETA)`,
      (k.GetItemCommand ?? 0) * inputs.strongReadUnits + (k.QueryCommand ?? 0) * kitchenQueryUnits,
      "RRU",
      rru,
      "advanceOrder's commands, counted",
    ),
    line(
      "DynamoDB",
      `reconciler's deadline Query (${reconcilerRunsPerOrder.toFixed(4)} runs per order)`,
      reconcilerRunsPerOrder * 0.5,
      "RRU",
      rru,
      `every ${reconciler.trigger.rateMinutes} min, ${ORDERS_PER_MONTH.toLocaleString("en-US")} orders a month`,
    ),
    line(
      "EventBridge",
      "PutEvents (one order event per committed change)",
      changes,
      "event",
      prices.eventbridge.perMillionCustomEvents / MILLION,
      "rule deliveries to Lambda: no charge",
    ),
    line(
      "EventBridge Scheduler",
      "reconciler runs, amortised",
      reconcilerRunsPerOrder,
      "invocation",
      prices.scheduler.perMillionInvocations / MILLION,
      `rate ${reconciler.trigger.rateMinutes} min (function manifest), ${ORDERS_PER_MONTH.toLocaleString("en-US")} orders a month`,
    ),
    line(
      "SES",
      `customer e-mails (${passedStatuses.filter((status) => CUSTOMER_EMAIL_STATUSES.includes(status)).join(", ")})`,
      emails,
      "e-mail",
      prices.ses.perThousandEmails / 1000,
      "CUSTOMER_EMAIL_STATUSES on the pickup path",
    ),
    line("S3", "receipt PUT", receipts, "PUT", prices.s3.perThousandPutRequests / 1000, "RECEIPT_STATUSES on the pickup path"),
  ];
  // Push replaces polling while the socket is healthy: today's tracking becomes the requests a
  // live screen still makes (its catch-up read), when measured.
  const liveTracking = measured.live
    ? inputs.statusQueryLines(measured.live.statusRequestsPerOrder, "status requests while live (measured)")
    : inputs.todayTracking;

  const tokenStore = advanceOrderHandler;
  const waitLines: CostLine[] = [
    line(
      "Step Functions",
      `STANDARD transitions waiting on the kitchen (${SERVERLESSPRESSO_STATES_PER_STAGE} per stage × ${moves})`,
      SERVERLESSPRESSO_STATES_PER_STAGE * moves,
      "transition",
      prices.stepFunctions.perThousandStandardTransitions / 1000,
      "waitForTaskToken Task + Choice per stage (Serverlesspresso's shape)",
    ),
    line(
      "EventBridge",
      "waitForTaskToken task's event (one per stage)",
      moves,
      "event",
      prices.eventbridge.perMillionCustomEvents / MILLION,
      "events:putEvents.waitForTaskToken",
    ),
    ...inputs.lambdaLines(
      "token ",
      [invocation(tokenStore, moves, measured.advanceOrderMs)],
      "the function storing each stage's task token on the order, sized and timed like advanceOrder (one write)",
    ),
    line(
      "DynamoDB",
      `task token writes (1 per stage × ${inputs.writeUnits} WRU)`,
      moves * inputs.writeUnits,
      "WRU",
      wru,
      "the token stored where the staff's call finds it",
    ),
    line("Step Functions", "SendTaskSuccess (one per stage)", moves, "call", 0, "API calls are not billed; the transitions they cause are"),
  ];
  // Everything the as-built lifecycle does stays in this shape (the stage writes, the pushes, the
  // events), so the column is a lower bound for a Serverlesspresso-shaped shop.

  const previous = [...inputs.todayPipeline, ...inputs.todayTracking];
  const asBuilt = [...inputs.todayPipeline, ...liveTracking, ...kitchenLines];
  const serverlesspresso = [...asBuilt, ...waitLines];
  const columns = [
    { design: "Today (payment path + tracking)", byService: byService(previous), total: total(previous) },
    { design: "New lifecycle as built", byService: byService(asBuilt), total: total(asBuilt) },
    { design: "Serverlesspresso-shaped", byService: byService(serverlesspresso), total: total(serverlesspresso) },
    ...(inputs.original ? [{ design: "Original (payment + tracking)", byService: byService(inputs.original), total: total(inputs.original) }] : []),
  ];
  const services = [...new Set(columns.flatMap((column) => Object.keys(column.byService)))];

  // Orchestration: the workflow, the orders queue and its consumer.
  const sfn = inputs.todayPipeline.find((entry) => entry.service === "Step Functions")!;
  const sqs = inputs.todayPipeline.find((entry) => entry.service === "SQS")!;
  const consumerHandler = theFunctionTriggeredBy("ordersQueue").handler;
  const consumer = total(inputs.lambdaLines("", [invocation(consumerHandler, 1 / Math.max(1, measured.queueBatchFill), measured.consumerMs)], ""));
  const asBuiltUsd = sfn.usdPerMillionOrders + sqs.usdPerMillionOrders + consumer;
  const perTransitionUsd = (prices.stepFunctions.perThousandStandardTransitions / 1000) * MILLION;
  const standardFloorUsd = perTransitionUsd + sqs.usdPerMillionOrders + consumer;
  const s = prices.stepFunctions;
  const billedSeconds = (Math.ceil(measured.executionDurationMs / s.expressBillingGranularityMs) * s.expressBillingGranularityMs) / 1000;
  const expressWorkflow = MILLION * (s.expressPerMillionRequests / MILLION + (s.expressMemoryChunkMb / 1024) * billedSeconds * s.expressPerGbSecond);
  const targetUsd = 5;
  return {
    kitchenLines,
    waitLines,
    services,
    columns,
    kitchenStages: stages,
    orchestration: {
      targetUsd,
      asBuiltUsd,
      perTransitionUsd,
      standardFloorUsd,
      expressUsd: expressWorkflow + sqs.usdPerMillionOrders + consumer,
      holds: asBuiltUsd <= targetUsd,
    },
    lifecycleBelowServerlesspresso: total(asBuilt) < total(serverlesspresso),
  };
}

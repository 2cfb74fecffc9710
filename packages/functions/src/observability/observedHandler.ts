// The one Powertools setup every handler goes through (Powertools' own middy middlewares):
//  - Tracer: the invocation is an X-Ray segment (responses are not captured: postOrder's answer
//    carries a guest's secret), annotated with the order id so a trace is found by it;
//  - Logger: every line carries the Lambda context (function, request id, cold start) and, for
//    an invocation about one order, its `orderId` — the order id is the correlation id, see
//    orderLogKeys.ts. `resetKeys` drops them after every invocation: a warm instance's next
//    event never inherits the previous order's id;
//  - Metrics: what the handler recorded is flushed as EMF when it returns or throws.
import { injectLambdaContext } from "@aws-lambda-powertools/logger/middleware";
import { captureLambdaHandler } from "@aws-lambda-powertools/tracer/middleware";
import middy, { type MiddlewareObj } from "@middy/core";
import type { Context } from "aws-lambda";
import { logger } from "./logger";
import { metrics } from "./metrics";
import { ORDER_ID_KEY, orderIdOfEvent } from "./orderLogKeys";
import { tracer } from "./tracer";

/**
 * Flushes the metrics a handler recorded. Powertools' logMetrics middleware would also do this,
 * but it warns "No application metrics to publish" on every invocation that recorded none —
 * most of ours (reads, subscriptions) — so a log line per request would say nothing.
 */
const publishRecordedMetrics = (): MiddlewareObj => {
  const publish = () => {
    if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
  };
  return { after: publish, onError: publish };
};

/** The order the event is about (a resolver's id argument, a workflow task's state) on every line, and the uncaught error logged with it. */
const orderCorrelation = (): MiddlewareObj<unknown> => ({
  before: (request) => {
    const orderId = orderIdOfEvent(request.event);
    if (orderId === undefined) return;
    logger.appendKeys({ [ORDER_ID_KEY]: orderId });
    tracer.putAnnotation(ORDER_ID_KEY, orderId);
  },
  onError: (request) => {
    logger.error("invocation failed", request.error as Error);
  },
});

export type Handler<Event, Result> = (event: Event, context: Context) => Promise<Result>;

export function observedHandler<Event, Result>(handler: (event: Event, context: Context) => Promise<Result>): Handler<Event, Result> {
  // No early timeout: middy would fail a slow invocation just before Lambda does, as a
  // "TimeoutError" — a name the workflow's Retry does not list — where Lambda's own timeout
  // (Sandbox.Timedout) is retried (workflowErrorNames.ts).
  return middy(handler, { timeoutEarlyInMillis: 0 })
    .use(captureLambdaHandler(tracer, { captureResponse: false }))
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(orderCorrelation())
    .use(publishRecordedMetrics()) as unknown as Handler<Event, Result>;
}

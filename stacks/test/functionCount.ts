// How many Lambda functions the app deploys, from the code that defines them (the resolver map
// gives one function per field), so adding a resolver or a consumer does not leave counts behind.
import { API_RESOLVERS } from "../../packages/functions/src/api/resolverMap";

/** InitializeOrder, ProcessPayment, CompleteOrder, CancelFailedOrder (the workflow's Lambda tasks). */
export const WORKFLOW_TASK_FUNCTIONS = 4;
/** The queue consumer, the order-changes stream consumer and the deadline reconciler (30 s timeouts). */
export const BACKGROUND_FUNCTIONS = 3;
export const RESOLVER_FUNCTIONS = API_RESOLVERS.length;
export const FUNCTION_COUNT = WORKFLOW_TASK_FUNCTIONS + BACKGROUND_FUNCTIONS + RESOLVER_FUNCTIONS;

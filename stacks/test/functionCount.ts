// How many Lambda functions the app deploys, from the function manifest (APP_FUNCTIONS), so adding
// a function does not leave counts behind; the tests check the app deploys exactly that list.
import { APP_FUNCTIONS, functionsTriggeredBy } from "../../packages/functions/src/functionManifest";

/** InitializeOrder, ProcessPayment, CompleteOrder, CancelFailedOrder (the workflow's Lambda tasks). */
export const WORKFLOW_TASK_FUNCTIONS = functionsTriggeredBy("workflowTask").length;
export const RESOLVER_FUNCTIONS = functionsTriggeredBy("graphqlField").length;
/** Triggered by neither the API nor the workflow: the queue consumer, the order-changes stream consumer and the deadline reconciler. */
export const BACKGROUND_FUNCTIONS = APP_FUNCTIONS.length - WORKFLOW_TASK_FUNCTIONS - RESOLVER_FUNCTIONS;
export const FUNCTION_COUNT = APP_FUNCTIONS.length;

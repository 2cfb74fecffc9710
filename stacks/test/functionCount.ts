// How many Lambda functions the app deploys, from the functions package's list of them
// (APP_FUNCTIONS, built from the resolver map, the workflow's tasks and the background handlers),
// so adding a function does not leave counts behind; the tests check the app deploys exactly that list.
import { APP_FUNCTIONS } from "../../packages/functions/src/appFunctions";

const invokedBy = (by: (typeof APP_FUNCTIONS)[number]["invokedBy"]) => APP_FUNCTIONS.filter((fn) => fn.invokedBy === by).length;

/** InitializeOrder, ProcessPayment, CompleteOrder, CancelFailedOrder (the workflow's Lambda tasks). */
export const WORKFLOW_TASK_FUNCTIONS = invokedBy("workflow");
/** The queue consumer, the order-changes stream consumer and the deadline reconciler (30 s timeouts). */
export const BACKGROUND_FUNCTIONS = invokedBy("background");
export const RESOLVER_FUNCTIONS = invokedBy("api");
export const FUNCTION_COUNT = APP_FUNCTIONS.length;

// What the stacks deploy for each function that the local runtime must reproduce: where its
// handler is and how long it may run. (The queue consumer's timeout sits with the queue's settings,
// since the visibility timeout is derived from it.)

/** Path of a handler module relative to the repository root, as SST's `handler` option wants it. */
export function handlerPath(handler: string): string {
  return `packages/functions/src/${handler}.handler`;
}

/** Lambda timeouts in seconds. AppSync gives up on a resolver after 30 s anyway. */
export const FUNCTION_TIMEOUT_SECONDS = {
  apiResolver: 10,
  workflowTask: 10,
  /** Below the notification claim's 60 s lease (OrderNotifier), so a live reconciler never loses a claim. */
  reconciler: 30,
} as const;

// How the orders queue feeds its consumer. The stack deploys these values and the local runtime
// runs its queue with them, so the two behave alike by construction.
export const ORDERS_QUEUE_SETTINGS = {
  /** Records per consumer invocation. */
  batchSize: 5,
  /** Receives before a message moves to the dead-letter queue. */
  maxReceiveCount: 4,
  /** The consumer's timeout; the queue's visibility timeout is 6 × this (AWS guidance). */
  consumerTimeoutSeconds: 30,
} as const;

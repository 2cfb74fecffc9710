// How the orders table's change stream is consumed: the stack's DynamoDB event source and the
// local stream event source mapping read these same values.
export const ORDER_CHANGES_HANDLER = "stream/orderChanges";

export const ORDER_CHANGES_STREAM_SETTINGS = {
  /** Records per invocation. */
  batchSize: 25,
  /** Retries of a failing batch before it goes to the on-failure destination (bisected halves retry on their own). */
  retryAttempts: 5,
  /** Older records are not delivered but sent to the on-failure destination (the stream keeps 24 h). */
  maxRecordAgeSeconds: 6 * 60 * 60,
  /** Split a failing batch in two and retry the halves, so one bad record cannot hold up its neighbours for long. */
  bisectBatchOnError: true,
  /** Read the stream from its oldest record when the mapping is created. */
  startingPosition: "TRIM_HORIZON",
  consumerTimeoutSeconds: 30,
} as const;

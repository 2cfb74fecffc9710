// How often the deadline reconciler runs: EventBridge Scheduler's rate in the cloud
// (stacks/Reconciler.ts) and the local shop's default timer read this same value.
export const RECONCILER_SETTINGS = {
  /** Minutes between runs; the deadlines it enforces are 20 minutes (core deadlines.ts). */
  rateMinutes: 1,
} as const;

// The kitchen stages' default deadlines in seconds, as the README promises them (deadlines.ts is
// the code): the expected part of every ORDER_DEADLINE_SECONDS the tests read, written out once.
export const KITCHEN_STAGE_DEFAULT_DEADLINES = {
  RECEIVED: 20 * 60,
  PREPARING: 60 * 60,
  BAKING: 60 * 60,
  READY: 60 * 60,
  OUT_FOR_DELIVERY: 2 * 60 * 60,
  CANCELLED_BY_SHOP: 20 * 60,
} as const;

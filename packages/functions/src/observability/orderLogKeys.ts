// The correlation id of an order is its id. It already travels everywhere the order goes — the
// queue message ({orderId}), the execution (named after it, its input), every task's state, the
// stream's change events and live updates, the notification's `orderId` attribute — and a
// customer or the kitchen can quote it, so one search finds everything. A separate correlation id
// would have to be stored and carried beside it, and the queue message and execution input must
// stay the order's key alone (a redelivery must ask for an identical execution).
//
// On a log line it is the `orderId` key: per invocation for an event about one order (see
// observedHandler.ts), per record for a batch of several orders (withOrderLogKey).
import { logger } from "./logger";

export const ORDER_ID_KEY = "orderId";

/** Order ids are ULIDs; a longer value in an argument is not one and is not worth a log key. */
const MAX_ORDER_ID_CHARS = 64;

const asOrderId = (value: unknown): string | undefined =>
  typeof value === "string" && value.length > 0 && value.length <= MAX_ORDER_ID_CHARS ? value : undefined;

/**
 * The order an event is about: a workflow task's state ({orderId, …}), or a GraphQL field's `id`
 * argument or `input.id` (order, updateOrder, cancelOrder, deleteOrder) or `orderId` argument
 * (onOrderUpdate). postOrder's order has no id until it is placed; its handler logs the new id.
 */
export function orderIdOfEvent(event: unknown): string | undefined {
  if (typeof event !== "object" || event === null) return undefined;
  const { orderId, arguments: args } = event as {
    orderId?: unknown;
    arguments?: { id?: unknown; orderId?: unknown; input?: { id?: unknown } | null } | null;
  };
  return asOrderId(orderId) ?? asOrderId(args?.id) ?? asOrderId(args?.input?.id) ?? asOrderId(args?.orderId);
}

/**
 * Runs `work` for one order of a batch with its id on every log line, and takes the key off again
 * afterwards (also when it throws). The records of a batch must be handled one after another for
 * this, which the queue consumer and the stream consumer do.
 */
export async function withOrderLogKey<T>(orderId: string | undefined, work: () => Promise<T>): Promise<T> {
  const key = asOrderId(orderId);
  if (key === undefined) return work();
  logger.appendKeys({ [ORDER_ID_KEY]: key });
  try {
    return await work();
  } finally {
    logger.removeKeys([ORDER_ID_KEY]);
  }
}

// The queues of the local shop, found by URL, name or ARN, plus DLQ redrive (what SQS's
// StartMessageMoveTask does for a dead-letter queue: move its messages back to the source queue).
import type { LocalQueue, QueueMessage } from "./localQueue";

export class QueueRegistry {
  private readonly queues = new Map<string, LocalQueue>();

  add(queue: LocalQueue): LocalQueue {
    this.queues.set(queue.name, queue);
    return queue;
  }

  all(): LocalQueue[] {
    return [...this.queues.values()];
  }

  byName(name: string): LocalQueue | undefined {
    return this.queues.get(name);
  }

  /** The last path segment of a queue URL is the queue name; the host may be any alias of loopback. */
  byUrl(url: string): LocalQueue | undefined {
    return this.queues.get(url.split("/").filter(Boolean).pop() ?? "");
  }

  byArn(arn: string): LocalQueue | undefined {
    return this.all().find((queue) => queue.arn === arn);
  }

  /** Queues whose redrive policy names `deadLetterQueue`. */
  sourcesOf(deadLetterQueue: LocalQueue): LocalQueue[] {
    return this.all().filter((queue) => queue.redrivePolicy?.deadLetterQueue === deadLetterQueue);
  }
}

/**
 * Moves every message of a dead-letter queue to `destination` (default: its source queue) as a
 * fresh delivery: the receive count starts again, so the consumer gets the full 4 attempts.
 */
export function redriveDeadLetterQueue(registry: QueueRegistry, deadLetterQueue: LocalQueue, destination?: LocalQueue): Promise<QueueMessage[]> {
  const target = destination ?? registry.sourcesOf(deadLetterQueue)[0];
  if (!target) throw new Error(`${deadLetterQueue.name} is not the dead-letter queue of any queue`);
  return deadLetterQueue.moveAllTo(target);
}

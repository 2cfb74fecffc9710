// Hands a batch of stream records to the listeners, in record order.
//
// Guarantees, layer by layer:
//  - the stream (DynamoDB Streams, or the local change feed) holds one record per committed
//    write, in order per item key, and delivers it at least once;
//  - the dispatcher calls every listener for every change, in order, and stops at the first
//    failure, reporting that record and all after it as failed (ReportBatchItemFailures), so the
//    stream resumes from it and no listener ever sees a change before the ones preceding it;
//  - listeners make the effect exactly once by the change id (see OrderChangeListener).
import type { DynamoDBBatchResponse, DynamoDBRecord } from "aws-lambda";
import { type OrderChange, orderChangeFromStreamRecord } from "./orderChange";
import type { OrderChangeListener } from "./orderChangeListener";

export interface DispatchReport {
  /** Changes every listener handled. */
  handled: OrderChange[];
  /** Records that carried no status change. */
  skipped: number;
  /** The record that failed (and the error), if any; everything from it on is reported failed. */
  failure?: { sequenceNumber: string; orderId?: string; listener?: string; error: unknown };
  response: DynamoDBBatchResponse;
}

export class OrderChangeDispatcher {
  constructor(private readonly listeners: readonly OrderChangeListener[]) {}

  async dispatch(records: readonly DynamoDBRecord[]): Promise<DispatchReport> {
    const handled: OrderChange[] = [];
    let skipped = 0;
    for (const [position, record] of records.entries()) {
      const sequenceNumber = record.dynamodb?.SequenceNumber ?? "";
      let listenerName: string | undefined;
      try {
        const change = orderChangeFromStreamRecord(record);
        if (!change) {
          skipped++;
          continue;
        }
        for (const listener of this.listeners) {
          listenerName = listener.name;
          await listener.handle(change);
        }
        handled.push(change);
      } catch (error) {
        // Lambda resumes from the lowest reported sequence number; reporting only that one is enough,
        // but naming the rest says plainly that none of them was handled.
        const failed = records.slice(position).map((rest) => ({ itemIdentifier: rest.dynamodb?.SequenceNumber ?? "" }));
        const orderId = record.dynamodb?.Keys?.orderId?.S;
        return { handled, skipped, failure: { sequenceNumber, orderId, listener: listenerName, error }, response: { batchItemFailures: failed } };
      }
    }
    return { handled, skipped, response: { batchItemFailures: [] } };
  }
}

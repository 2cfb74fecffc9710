// What the rest of the system learns when an order changes: one OrderChange per committed status
// change, read from the orders table's change stream (DynamoDB Streams in AWS, the local change
// feed in local mode — both NEW_AND_OLD_IMAGES).
//
// What counts as a change: a record whose new image has a status different from the old image's
// (an INSERT counts as the change to the first status, "placed"). Everything else makes no change:
// a customer's edit of an unpaid order, a payment being recorded, a notification claim, and the
// removal of an order (REMOVE). A later refund or kitchen stage is a new status in rules.ts and so
// becomes a change with no code here. The change id is `<orderId>#<index of the history entry the
// write added>`: status writes append exactly one entry (rules.ts conditions make them serial), so
// the id is the same however often the record is delivered, and receivers dedupe by it.
import type { AttributeValue as SdkAttributeValue } from "@aws-sdk/client-dynamodb";
import { unmarshall } from "@aws-sdk/util-dynamodb";
import type { DynamoDBRecord } from "aws-lambda";
import type { Order, OrderStatusChange } from "../order/order";
import { fromItem } from "../order/orderRepository";
import { type OrderView, toOrderView } from "../order/orderView";
import type { OrderStatus } from "../order/rules";

export interface OrderChange {
  /** `<orderId>#<sequence>`: stable under redelivery; receivers dedupe by it. */
  changeId: string;
  /** The index of the status-history entry this change added: grows by one with each change of the order. */
  sequence: number;
  orderId: string;
  /** The owner, for routing (per-customer channels, e-mail); never sent to other customers. */
  customerId?: string;
  restaurantId: string;
  /** Absent when the order was just placed. */
  previousStatus?: OrderStatus;
  status: OrderStatus;
  /** The status-history entry this change added (who and when, as the writer recorded them). */
  entry: OrderStatusChange;
  /** The order after the change, as its owner may see it: no payment record, token, secret or version. */
  order: OrderView;
  /**
   * The stored SHA-256 (base64url) of a guest order's secret, only while no account owns the order:
   * the live update carries it as `guestTrackingKey`, the one value a guest's subscription can match
   * (see mayWatchOrderUpdates). Never the secret itself, which the server does not keep.
   */
  guestSecretHash?: string;
  /** The stream's sequence number of the record (ordering and diagnostics). */
  sequenceNumber: string;
}

type StreamImage = NonNullable<NonNullable<DynamoDBRecord["dynamodb"]>["NewImage"]>;

function orderFromImage(image: StreamImage | undefined): Order | undefined {
  if (!image) return undefined;
  // aws-lambda's AttributeValue and the SDK's describe the same wire shape with different typings.
  return fromItem(unmarshall(image as Record<string, SdkAttributeValue>));
}

/** The change a stream record carries, or undefined when the record changes no order status. */
export function orderChangeFromStreamRecord(record: DynamoDBRecord): OrderChange | undefined {
  if (record.eventName === "REMOVE") return undefined;
  const stream = record.dynamodb;
  if (!stream) throw new Error(`Stream record ${record.eventID} has no dynamodb section (is the stream view NEW_AND_OLD_IMAGES?)`);
  // Checkout attempts, restaurant settings and order-number counters share the table (tableDesign.ts): not orders.
  if (stream.NewImage?.recordType !== undefined) return undefined;
  const after = orderFromImage(stream.NewImage);
  if (!after) throw new Error(`Stream record ${record.eventID} has no new image (is the stream view NEW_AND_OLD_IMAGES?)`);
  const before = orderFromImage(stream.OldImage);
  if (before && before.orderStatus === after.orderStatus) return undefined;
  const sequence = after.statusHistory.length - 1;
  const entry = after.statusHistory[sequence];
  if (!entry || entry.status !== after.orderStatus) {
    throw new Error(`Order ${after.id} changed to ${after.orderStatus} without a matching status-history entry`);
  }
  return {
    changeId: `${after.id}#${sequence}`,
    sequence,
    orderId: after.id,
    customerId: after.customerId,
    restaurantId: after.restaurantId,
    previousStatus: before?.orderStatus,
    status: after.orderStatus,
    entry,
    order: toOrderView(after),
    ...(after.customerId === undefined && after.guestSecretHash !== undefined ? { guestSecretHash: after.guestSecretHash } : {}),
    sequenceNumber: stream.SequenceNumber ?? "",
  };
}

// Test orders and the stream records a write of them makes (DynamoDB Streams, NEW_AND_OLD_IMAGES):
// one builder for the core's change tests and the local stream tests.
import { marshall } from "@aws-sdk/util-dynamodb";
import type { DynamoDBRecord } from "aws-lambda";
import type { Order } from "../../src/order/order";
import { toStoredItem } from "../../src/order/orderRepository";

/** An unpaid QUEUED order of customer-1 at Luigis; `overrides` replace any field (undefined removes it). */
export function testOrder(overrides: Partial<Order> = {}): Order {
  const at = overrides.createdAt ?? "2026-11-29T10:00:00.000Z";
  return {
    customerId: "customer-1",
    id: "01ORDER",
    name: "Margherita",
    quantity: 2,
    restaurantId: "Luigis",
    size: "LARGE",
    toppings: ["Chilli"],
    customerEmail: "a@example.com",
    paymentToken: "tok_visa",
    orderStatus: "QUEUED",
    totalCents: 2400,
    currency: "EUR",
    createdAt: at,
    updatedAt: at,
    statusHistory: [{ status: "QUEUED", at }],
    version: 1,
    ...overrides,
  };
}

/** The order as the table stores it (and as a stream image shows it). */
export function storedItem(overrides: Partial<Order> = {}): Record<string, unknown> {
  return toStoredItem(testOrder(overrides));
}

let lastSequenceNumber = 100;

/** The stream record of one write: the item before and after it (absent for an INSERT / a REMOVE). */
export function streamRecord(eventName: "INSERT" | "MODIFY" | "REMOVE", oldItem?: Record<string, unknown>, newItem?: Record<string, unknown>): DynamoDBRecord {
  const image = (item?: Record<string, unknown>) => (item ? (marshall(item, { removeUndefinedValues: true }) as never) : undefined);
  const sequenceNumber = String(++lastSequenceNumber);
  return {
    eventID: `event-${sequenceNumber}`,
    eventName,
    eventSource: "aws:dynamodb",
    dynamodb: {
      Keys: { orderId: { S: String((newItem ?? oldItem)?.orderId) } },
      OldImage: image(oldItem),
      NewImage: image(newItem),
      SequenceNumber: sequenceNumber,
      StreamViewType: "NEW_AND_OLD_IMAGES",
    },
  };
}

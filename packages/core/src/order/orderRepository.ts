// Persistence of orders in DynamoDB. Every state change is a single conditional write: the
// condition names the statuses the change is allowed from (taken from the lifecycle in rules.ts),
// so concurrent writers — the workflow, a redelivered message, the customer — can never both win.
import {
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from "@aws-sdk/lib-dynamodb";
import type { Order, OrderKey, PaymentRecord } from "./order";
import { CUSTOMER_CHANGEABLE_STATUSES, statusesAllowedBefore, type OrderStatus } from "./rules";

type StoredOrder = Omit<Order, "id"> & { orderId: string };

function toItem(order: Order): StoredOrder {
  const { id, ...rest } = order;
  return { ...rest, orderId: id };
}

/** A stored item as an order (also used to read stream images). */
export function fromItem(item: Record<string, unknown>): Order {
  const { orderId, ...rest } = item as StoredOrder;
  return { ...(rest as Omit<Order, "id">), id: orderId };
}

function keyOf(key: OrderKey) {
  return { customerId: key.customerId, orderId: key.orderId };
}

/** Result of a conditional write: the order after it, or `undefined` when the condition failed. */
async function conditional<T>(write: () => Promise<T>): Promise<T | undefined> {
  try {
    return await write();
  } catch (error) {
    // By name rather than instanceof: it holds whichever copy of the SDK threw it.
    if ((error as { name?: string }).name === "ConditionalCheckFailedException") return undefined;
    throw error;
  }
}

/** `orderStatus IN (:prefix0, :prefix1, ...)`, adding the statuses to the expression values. */
function statusIn(statuses: readonly OrderStatus[], prefix: string, values: Record<string, unknown>): string {
  statuses.forEach((status, index) => (values[`:${prefix}${index}`] = status));
  return `orderStatus IN (${statuses.map((_, index) => `:${prefix}${index}`).join(", ")})`;
}

export interface CustomerChange {
  name: string;
  quantity: number;
  restaurantId: string;
  size: Order["size"];
  toppings: string[];
  customerEmail?: string;
  totalCents: number;
}

export class OrderRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** Writes a new order; false when an order with that key already exists. */
  async create(order: Order): Promise<boolean> {
    const written = await conditional(() =>
      this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: toItem(order),
          ConditionExpression: "attribute_not_exists(orderId)",
        }),
      ),
    );
    return written !== undefined;
  }

  async get(key: OrderKey): Promise<Order | undefined> {
    const result = await this.db.send(new GetCommand({ TableName: this.tableName, Key: keyOf(key), ConsistentRead: true }));
    return result.Item ? fromItem(result.Item) : undefined;
  }

  /** The customer's orders, newest first (order ids are ULIDs, so the sort key is time order). */
  async listForCustomer(
    customerId: string,
    limit: number,
    startAfter?: OrderKey,
  ): Promise<{ orders: Order[]; lastKey?: OrderKey }> {
    const result = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: "customerId = :customerId",
        ExpressionAttributeValues: { ":customerId": customerId },
        ScanIndexForward: false,
        Limit: limit,
        ExclusiveStartKey: startAfter ? keyOf(startAfter) : undefined,
      }),
    );
    const lastKey = result.LastEvaluatedKey as { customerId: string; orderId: string } | undefined;
    return {
      orders: (result.Items ?? []).map(fromItem),
      lastKey: lastKey ? { customerId: lastKey.customerId, orderId: lastKey.orderId } : undefined,
    };
  }

  /**
   * Moves the order to `to` if its current status allows it (per the lifecycle) and, when given,
   * only if no payment has been recorded / the payment succeeded; optionally claims the order's
   * notification in the same write. Returns the updated order, or
   * undefined when the condition did not hold (nothing was changed).
   */
  async transition(
    key: OrderKey,
    to: OrderStatus,
    at: string,
    options: { failureReason?: string; require?: "noPayment" | "paymentSucceeded"; claimNotification?: boolean } = {},
  ): Promise<Order | undefined> {
    const values: Record<string, unknown> = {
      ":to": to,
      ":at": at,
      ":entry": [{ status: to, at }],
      ":empty": [],
    };
    const conditions = [statusIn(statusesAllowedBefore(to), "from", values)];
    if (options.require === "noPayment") conditions.push("attribute_not_exists(payment)");
    if (options.require === "paymentSucceeded") {
      conditions.push("payment.outcome = :succeeded");
      values[":succeeded"] = "SUCCEEDED";
    }
    let update = "SET orderStatus = :to, updatedAt = :at, statusHistory = list_append(if_not_exists(statusHistory, :empty), :entry)";
    if (options.failureReason !== undefined) {
      update += ", failureReason = :reason";
      values[":reason"] = options.failureReason;
    }
    // A terminal status is where the one notification gets sent: claiming it in the same write
    // saves the separate claim write on the normal path (see OrderNotifier).
    if (options.claimNotification) update += ", notificationClaimedAt = :at";
    const result = await conditional(() =>
      this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keyOf(key),
          UpdateExpression: update,
          ConditionExpression: conditions.join(" AND "),
          ExpressionAttributeValues: values,
          ReturnValues: "ALL_NEW",
        }),
      ),
    );
    return result?.Attributes ? fromItem(result.Attributes) : undefined;
  }

  /** Applies a customer's change if the order is still at `expectedVersion` and unpaid. */
  async applyCustomerChange(key: OrderKey, change: CustomerChange, expectedVersion: number, at: string): Promise<Order | undefined> {
    const values: Record<string, unknown> = {
      ":name": change.name,
      ":quantity": change.quantity,
      ":restaurantId": change.restaurantId,
      ":size": change.size,
      ":toppings": change.toppings,
      ":totalCents": change.totalCents,
      ":at": at,
      ":version": expectedVersion,
      ":nextVersion": expectedVersion + 1,
    };
    // Every attribute goes through a name placeholder: several (name, size) are DynamoDB reserved words.
    const fields = ["name", "quantity", "restaurantId", "size", "toppings", "totalCents"];
    const names: Record<string, string> = Object.fromEntries(fields.map((field) => [`#${field}`, field]));
    names["#version"] = "version";
    const sets = [...fields.map((field) => `#${field} = :${field}`), "updatedAt = :at", "#version = :nextVersion"];
    if (change.customerEmail !== undefined) {
      sets.push("customerEmail = :customerEmail");
      values[":customerEmail"] = change.customerEmail;
    }
    const result = await conditional(() =>
      this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keyOf(key),
          UpdateExpression: `SET ${sets.join(", ")}`,
          ConditionExpression: `#version = :version AND attribute_not_exists(payment) AND ${statusIn(CUSTOMER_CHANGEABLE_STATUSES, "changeable", values)}`,
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
          ReturnValues: "ALL_NEW",
        }),
      ),
    );
    return result?.Attributes ? fromItem(result.Attributes) : undefined;
  }

  /**
   * Records the payment exactly once, and only against the version that was priced, so a change
   * made while the card was being charged can never leave the charge and the total apart.
   */
  async recordPayment(key: OrderKey, payment: PaymentRecord, pricedVersion: number): Promise<Order | undefined> {
    const result = await conditional(() =>
      this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keyOf(key),
          UpdateExpression: "SET payment = :payment, updatedAt = :at",
          ConditionExpression: "attribute_not_exists(payment) AND #version = :version AND orderStatus = :pendingPayment",
          ExpressionAttributeNames: { "#version": "version" },
          ExpressionAttributeValues: {
            ":payment": payment,
            ":at": payment.at,
            ":version": pricedVersion,
            ":pendingPayment": "PENDING_PAYMENT",
          },
          ReturnValues: "ALL_NEW",
        }),
      ),
    );
    return result?.Attributes ? fromItem(result.Attributes) : undefined;
  }

  /** Claims the right to send the order's notification; false when it was claimed before. */
  async claimNotification(key: OrderKey, at: string): Promise<boolean> {
    const result = await conditional(() =>
      this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keyOf(key),
          UpdateExpression: "SET notificationClaimedAt = :at",
          ConditionExpression: "attribute_exists(orderId) AND attribute_not_exists(notificationClaimedAt)",
          ExpressionAttributeValues: { ":at": at },
        }),
      ),
    );
    return result !== undefined;
  }

  /** Gives a claim back when sending failed, so a retry can send. */
  async releaseNotification(key: OrderKey): Promise<void> {
    await this.db.send(
      new UpdateCommand({ TableName: this.tableName, Key: keyOf(key), UpdateExpression: "REMOVE notificationClaimedAt" }),
    );
  }

  /** Deletes the order if it is still in `status`; false when it changed meanwhile. */
  async deleteIfStatus(key: OrderKey, status: OrderStatus): Promise<boolean> {
    const result = await conditional(() =>
      this.db.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: keyOf(key),
          ConditionExpression: "orderStatus = :status",
          ExpressionAttributeValues: { ":status": status },
        }),
      ),
    );
    return result !== undefined;
  }
}

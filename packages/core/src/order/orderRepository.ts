// Persistence of orders in DynamoDB. Every state change is a single conditional write: the
// condition names the statuses the change is allowed from (taken from the lifecycle in rules.ts),
// so concurrent writers — the workflow, a redelivered message, the customer — can never both win.
import {
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
  type UpdateCommandInput,
  type DynamoDBDocumentClient,
} from "@aws-sdk/lib-dynamodb";
import { RestaurantRepository } from "../kitchen/restaurantRepository";
import type { PricedLine } from "../menu/pricing";
import { CHECKOUT_ATTEMPT_RECORD_TYPE, type CheckoutAttempt } from "./checkoutAttempt";
import { DEFAULT_ORDER_DEADLINE_SECONDS, IN_FLIGHT, type InFlightTracking, inFlightTracking, type OrderDeadlines } from "./deadlines";
import { UPDATED_AT_NOT_LATER, writeNotBeforeStored } from "./monotonicTime";
import type { NotificationClaim, Order, OrderKey, OrderStatusChange, PaymentRecord, RefundRecord } from "./order";
import type { HistoryPageKey } from "./pageToken";
import { CUSTOMER_CHANGEABLE_STATUSES, isTerminal, KITCHEN_INDEXED_STATUSES, OrderStatus, statusesAllowedBefore, TERMINAL_STATUSES } from "./rules";
import { IN_FLIGHT_INDEX, KITCHEN_INDEX, ORDERS_BY_CUSTOMER_INDEX, type OrdersTableIndex } from "./tableDesign";

type StoredOrder = Omit<Order, "id"> & { orderId: string };

/** An order as the table stores it: its id under the key attribute's name. */
export function toStoredItem(order: Order): StoredOrder {
  const { id, ...rest } = order;
  return { ...rest, orderId: id };
}

/** A stored item as an order (also used to read stream images). */
export function fromItem(item: Record<string, unknown>): Order {
  const { orderId, ...rest } = item as StoredOrder;
  return { ...(rest as Omit<Order, "id">), id: orderId };
}

function keyOf(key: OrderKey) {
  return { orderId: key.orderId };
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

/** What the payment record must say for a status change: none yet, a success, or a decline. */
export type PaymentRequirement = "noPayment" | "paymentSucceeded" | "paymentDeclined";

function paymentCondition(requirement: PaymentRequirement, values: Record<string, unknown>): string {
  if (requirement === "noPayment") return "attribute_not_exists(payment)";
  values[":outcome"] = requirement === "paymentSucceeded" ? "SUCCEEDED" : "DECLINED";
  return "payment.outcome = :outcome";
}

/** What a status change may also require or record besides the status (see transition). */
export interface TransitionOptions {
  /** Who makes the change (status history); a ChangedBy value or a staff member's user id. */
  by?: string;
  /** Why, for the status history (a cancellation's reason). */
  reason?: string;
  /** Only from exactly this status (a kitchen step decided from the status it read), not any `to` allows. */
  from?: OrderStatus;
  /** The order's ETA after the change (a terminal status removes it). */
  eta?: string;
  /** The refund this change records; written once (the write requires none recorded). */
  refund?: RefundRecord;
  /** The order still owes its notification: it stays in the in-flight index for it (see deadlines.ts). */
  notificationStillDue?: boolean;
  failureReason?: string;
  require?: PaymentRequirement;
  /** Makes the customer's notification due and claims it for this writer, in the status write. */
  claimNotification?: NotificationClaim;
  onlyIfOverdueAt?: string;
}

/** One page of overdue orders (listOverdue). */
export interface OverduePage {
  keys: OrderKey[];
  /** Where the next page starts; undefined when this was the last. */
  next?: Record<string, unknown>;
}

export interface CustomerChange {
  name: string;
  quantity: number;
  restaurantId: string;
  size: Order["size"];
  toppings: string[];
  customerEmail?: string;
  lines: PricedLine[];
  subtotalCents: number;
  deliveryFeeCents: number;
  totalCents: number;
  /** A new number when the order moved to another restaurant. */
  orderNumber?: string;
}

export class OrderRepository {
  /** The restaurants' settings and order-number counters, kept in the same table. */
  readonly restaurants: RestaurantRepository;

  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
    /** The deployment's deadlines (config.ts readOrderDeadlines); every write that tracks an order uses them. */
    private readonly deadlines: OrderDeadlines = DEFAULT_ORDER_DEADLINE_SECONDS,
  ) {
    this.restaurants = new RestaurantRepository(db, tableName);
  }

  /** The in-flight index entry (deadlines.ts) of an order entering `status` at `at`, by this deployment's deadlines. */
  inFlightTracking(status: OrderStatus, at: string, notificationDue = false): InFlightTracking | undefined {
    return inFlightTracking(status, at, notificationDue, this.deadlines);
  }

  /** Writes a new order; false when an order with that key already exists. */
  async create(order: Order): Promise<boolean> {
    return this.putIfAbsent(toStoredItem(order));
  }

  async get(key: OrderKey): Promise<Order | undefined> {
    const result = await this.db.send(new GetCommand({ TableName: this.tableName, Key: keyOf(key), ConsistentRead: true }));
    // Checkout attempts, restaurant settings and counters share the key space (tableDesign.ts); they are never orders.
    if (!result.Item || result.Item.recordType !== undefined) return undefined;
    return fromItem(result.Item);
  }

  /** Reserves a checkout attempt (postOrder's client token); false when it is already reserved. */
  async reserveCheckoutAttempt(attempt: CheckoutAttempt): Promise<boolean> {
    const { key, ...rest } = attempt;
    return this.putIfAbsent({ ...rest, orderId: key, recordType: CHECKOUT_ATTEMPT_RECORD_TYPE });
  }

  async getCheckoutAttempt(key: string): Promise<CheckoutAttempt | undefined> {
    const result = await this.db.send(new GetCommand({ TableName: this.tableName, Key: { orderId: key }, ConsistentRead: true }));
    const item = result.Item;
    if (!item || item.recordType !== CHECKOUT_ATTEMPT_RECORD_TYPE) return undefined;
    return { key, placedOrderId: item.placedOrderId, inputFingerprint: item.inputFingerprint, createdAt: item.createdAt };
  }

  /**
   * The customer's history, newest first (order ids are ULIDs, so the index's sort key is time
   * order): a Query on the sparse byCustomer index. Index reads are eventually consistent.
   */
  async listHistory(customerId: string, limit: number, startAfter?: HistoryPageKey): Promise<{ orders: Order[]; lastKey?: HistoryPageKey }> {
    const page = await this.queryIndex(
      ORDERS_BY_CUSTOMER_INDEX,
      { partition: customerId },
      { limit, startAt: startAfter ? { ...startAfter } : undefined, newestFirst: true },
    );
    const lastKey = page.lastKey as HistoryPageKey | undefined;
    return {
      orders: page.items.map(fromItem),
      lastKey: lastKey ? { historyCustomerId: lastKey.historyCustomerId, orderId: lastKey.orderId } : undefined,
    };
  }

  /**
   * The keys of orders whose deadline is at or before `now`, oldest deadline first: one Query on
   * the sparse in-flight index (tableDesign.ts), never a Scan. The index is eventually consistent;
   * the reconciler re-reads each order consistently before it acts, and every write it makes is
   * conditional.
   */
  async listOverdue(now: string, limit: number, startAt?: Record<string, unknown>): Promise<OverduePage> {
    const page = await this.queryIndex(IN_FLIGHT_INDEX, { partition: IN_FLIGHT, sortAtMost: now }, { limit, startAt });
    // The index projects the table's key attributes (KEYS_ONLY), which is what an order key is.
    return { keys: page.items.map((item) => ({ orderId: String(item.orderId) })), next: page.lastKey };
  }

  /**
   * The restaurant's orders in its kitchen (paid, not yet completed or refunded), oldest first: one
   * Query on the sparse kitchen index per page, never a Scan. Eventually consistent, like any
   * index read: a screen shows what the kitchen has; every change is a conditional write anyway.
   */
  async listKitchen(restaurantId: string): Promise<Order[]> {
    const orders: Order[] = [];
    let startAt: Record<string, unknown> | undefined;
    do {
      const page = await this.queryIndex(KITCHEN_INDEX, { partition: restaurantId }, { limit: 200, startAt });
      orders.push(...page.items.map(fromItem));
      startAt = page.lastKey;
    } while (startAt);
    return orders;
  }

  /**
   * Moves the order to `to` if its current status allows it (per the lifecycle) and, when given,
   * only if the payment record allows it and the order is still overdue (the reconciler's guard
   * against the workflow having moved on). Keeps the in-flight index entry (deadlines.ts) in step
   * with the status; a terminal status can make the customer's notification due and claim it in
   * the same write (claimNotification). Returns the updated order, or undefined when the condition did not hold
   * (nothing was changed).
   */
  async transition(key: OrderKey, to: OrderStatus, at: string, options: TransitionOptions = {}): Promise<Order | undefined> {
    return writeNotBeforeStored(
      at,
      (stamp) => this.transitionAt(key, to, stamp, options),
      () => this.storedUpdatedAt(key),
    );
  }

  private async transitionAt(key: OrderKey, to: OrderStatus, at: string, options: TransitionOptions): Promise<Order | undefined> {
    const entry: OrderStatusChange = { status: to, at, ...(options.by ? { by: options.by } : {}), ...(options.reason ? { reason: options.reason } : {}) };
    const values: Record<string, unknown> = {
      ":to": to,
      ":at": at,
      ":entry": [entry],
      ":empty": [],
    };
    const allowedFrom = options.from === undefined ? statusesAllowedBefore(to) : statusesAllowedBefore(to).filter((status) => status === options.from);
    const conditions = [statusIn(allowedFrom, "from", values), UPDATED_AT_NOT_LATER];
    if (options.require) conditions.push(paymentCondition(options.require, values));
    if (options.onlyIfOverdueAt !== undefined) {
      conditions.push("deadlineAt <= :overdueAt");
      values[":overdueAt"] = options.onlyIfOverdueAt;
    }
    const sets = ["orderStatus = :to", "updatedAt = :at", "statusHistory = list_append(if_not_exists(statusHistory, :empty), :entry)"];
    const removes: string[] = [];
    if (options.failureReason !== undefined) {
      sets.push("failureReason = :reason");
      values[":reason"] = options.failureReason;
    }
    // The kitchen index (tableDesign.ts) holds the order while its restaurant's kitchen has it.
    if (KITCHEN_INDEXED_STATUSES.includes(to)) sets.push("kitchenRestaurantId = restaurantId");
    else removes.push("kitchenRestaurantId");
    if (isTerminal(to)) removes.push("eta");
    else if (options.eta !== undefined) {
      sets.push("eta = :eta");
      values[":eta"] = options.eta;
    }
    if (options.refund) {
      conditions.push("attribute_not_exists(refund)");
      sets.push("refund = :refund");
      values[":refund"] = options.refund;
    }
    const notificationDue = options.claimNotification !== undefined || options.notificationStillDue === true;
    const tracking = this.inFlightTracking(to, at, notificationDue);
    if (tracking) {
      sets.push("inFlight = :inFlight", "deadlineAt = :deadlineAt");
      values[":inFlight"] = tracking.inFlight;
      values[":deadlineAt"] = tracking.deadlineAt;
    } else {
      removes.push("inFlight", "deadlineAt");
    }
    // Claiming in the status write saves a separate claim write on the normal path (OrderNotifier).
    if (options.claimNotification) {
      sets.push("notificationDue = :due", "notificationClaim = :claim");
      values[":due"] = true;
      values[":claim"] = options.claimNotification;
    }
    return this.updateIfConditionHolds({
      Key: keyOf(key),
      UpdateExpression: `SET ${sets.join(", ")}${removes.length ? ` REMOVE ${removes.join(", ")}` : ""}`,
      ConditionExpression: conditions.join(" AND "),
      ExpressionAttributeValues: values,
    });
  }

  private async storedUpdatedAt(key: OrderKey): Promise<string | undefined> {
    return (await this.get(key))?.updatedAt;
  }

  /** Applies a customer's change if the order is still at `expectedVersion` and unpaid. */
  async applyCustomerChange(key: OrderKey, change: CustomerChange, expectedVersion: number, at: string): Promise<Order | undefined> {
    return writeNotBeforeStored(
      at,
      (stamp) => this.applyCustomerChangeAt(key, change, expectedVersion, stamp),
      () => this.storedUpdatedAt(key),
    );
  }

  private async applyCustomerChangeAt(key: OrderKey, change: CustomerChange, expectedVersion: number, at: string): Promise<Order | undefined> {
    const values: Record<string, unknown> = {
      ":name": change.name,
      ":quantity": change.quantity,
      ":restaurantId": change.restaurantId,
      ":size": change.size,
      ":toppings": change.toppings,
      ":totalCents": change.totalCents,
      ":lines": change.lines,
      ":subtotalCents": change.subtotalCents,
      ":deliveryFeeCents": change.deliveryFeeCents,
      ":at": at,
      ":version": expectedVersion,
      ":nextVersion": expectedVersion + 1,
    };
    // Every attribute goes through a name placeholder: several (name, size) are DynamoDB reserved words.
    const fields = ["name", "quantity", "restaurantId", "size", "toppings", "totalCents", "lines", "subtotalCents", "deliveryFeeCents"];
    const names: Record<string, string> = Object.fromEntries(fields.map((field) => [`#${field}`, field]));
    names["#version"] = "version";
    const sets = [...fields.map((field) => `#${field} = :${field}`), "updatedAt = :at", "#version = :nextVersion"];
    if (change.customerEmail !== undefined) {
      sets.push("customerEmail = :customerEmail");
      values[":customerEmail"] = change.customerEmail;
    }
    if (change.orderNumber !== undefined) {
      sets.push("orderNumber = :orderNumber");
      values[":orderNumber"] = change.orderNumber;
    }
    return this.updateIfConditionHolds({
      Key: keyOf(key),
      UpdateExpression: `SET ${sets.join(", ")}`,
      ConditionExpression: `#version = :version AND attribute_not_exists(payment) AND ${UPDATED_AT_NOT_LATER} AND ${statusIn(CUSTOMER_CHANGEABLE_STATUSES, "changeable", values)}`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    });
  }

  /**
   * Records the payment exactly once, and only against the version that was priced, so a change
   * made while the card was being charged can never leave the charge and the total apart.
   */
  async recordPayment(key: OrderKey, payment: PaymentRecord, pricedVersion: number): Promise<Order | undefined> {
    return writeNotBeforeStored(
      payment.at,
      (stamp) => this.recordPaymentAt(key, payment, pricedVersion, stamp),
      () => this.storedUpdatedAt(key),
    );
  }

  private async recordPaymentAt(key: OrderKey, payment: PaymentRecord, pricedVersion: number, at: string): Promise<Order | undefined> {
    return this.updateIfConditionHolds({
      Key: keyOf(key),
      UpdateExpression: "SET payment = :payment, updatedAt = :at",
      ConditionExpression: `attribute_not_exists(payment) AND #version = :version AND orderStatus = :pendingPayment AND ${UPDATED_AT_NOT_LATER}`,
      ExpressionAttributeNames: { "#version": "version" },
      ExpressionAttributeValues: {
        ":payment": payment,
        ":at": at,
        ":version": pricedVersion,
        ":pendingPayment": OrderStatus.PendingPayment,
      },
    });
  }

  /**
   * Claims the order's due notification for `claim.holder` until `claim.expiresAt`: granted when
   * it is due, not sent, and unclaimed or its claim has run out. Returns the order, or undefined.
   */
  async claimNotification(key: OrderKey, claim: NotificationClaim, now: string): Promise<Order | undefined> {
    return this.updateIfConditionHolds({
      Key: keyOf(key),
      UpdateExpression: "SET notificationClaim = :claim",
      ConditionExpression:
        "notificationDue = :due AND attribute_not_exists(notificationSentAt) AND (attribute_not_exists(notificationClaim) OR notificationClaim.expiresAt < :now)",
      ExpressionAttributeValues: { ":claim": claim, ":due": true, ":now": now },
    });
  }

  /** Gives the holder's claim back when sending failed, so the next attempt need not wait for it to run out. */
  async releaseNotification(key: OrderKey, holder: string): Promise<void> {
    await this.updateIfConditionHolds({
      Key: keyOf(key),
      UpdateExpression: "REMOVE notificationClaim",
      ConditionExpression: "notificationClaim.holder = :holder",
      ExpressionAttributeValues: { ":holder": holder },
    });
  }

  /**
   * Records that the topic accepted the notification: it is never sent again, and the order
   * leaves the in-flight index. False when the holder had lost its claim meanwhile.
   */
  async markNotificationSent(key: OrderKey, holder: string, at: string, finished = true): Promise<boolean> {
    // A finished order leaves the index; one still in the kitchen keeps its stage's deadline (its
    // status write set it). Which one is a condition, so a stage change in between cannot confuse
    // it: the other is tried only when the status was not what the sender saw.
    const attempt = async (terminal: boolean) => {
      const values: Record<string, unknown> = { ":at": at, ":holder": holder };
      const removes = terminal ? "notificationDue, notificationClaim, inFlight, deadlineAt" : "notificationDue, notificationClaim";
      return this.updateIfConditionHolds({
        Key: keyOf(key),
        UpdateExpression: `SET notificationSentAt = :at REMOVE ${removes}`,
        ConditionExpression: `notificationClaim.holder = :holder AND attribute_not_exists(notificationSentAt) AND ${terminal ? "" : "NOT "}${statusIn(TERMINAL_STATUSES, "terminal", values)}`,
        ExpressionAttributeValues: values,
      });
    };
    return (await attempt(finished)) !== undefined || (await attempt(!finished)) !== undefined;
  }

  /**
   * Another card for a declined order: PAYMENT_FAILED → QUEUED with the new token, the decline
   * kept in declinedPayments, the next attempt number, a fresh deadline and notification. One
   * conditional write (still declined, still at that attempt), so two retries cannot both reopen it.
   */
  async reopenForPayment(order: Order, paymentToken: string, at: string): Promise<Order | undefined> {
    const attempt = (order.paymentAttempt ?? 1) + 1;
    const tracking = this.inFlightTracking(OrderStatus.Queued, at)!;
    return this.updateIfConditionHolds({
      Key: keyOf({ orderId: order.id }),
      UpdateExpression:
        "SET orderStatus = :queued, paymentToken = :token, paymentAttempt = :attempt, updatedAt = :at, #version = #version + :one, " +
        "declinedPayments = list_append(if_not_exists(declinedPayments, :empty), :declined), " +
        "statusHistory = list_append(statusHistory, :entry), inFlight = :inFlight, deadlineAt = :deadlineAt " +
        "REMOVE payment, failureReason, notificationDue, notificationClaim, notificationSentAt",
      ConditionExpression: `orderStatus = :failed AND payment.outcome = :declinedOutcome AND ${order.paymentAttempt ? "paymentAttempt = :previous" : "attribute_not_exists(paymentAttempt)"} AND ${UPDATED_AT_NOT_LATER}`,
      ExpressionAttributeNames: { "#version": "version" },
      ExpressionAttributeValues: {
        ":queued": OrderStatus.Queued,
        ":failed": OrderStatus.PaymentFailed,
        ":declinedOutcome": "DECLINED",
        ":token": paymentToken,
        ":attempt": attempt,
        ...(order.paymentAttempt ? { ":previous": order.paymentAttempt } : {}),
        ":at": at,
        ":one": 1,
        ":empty": [],
        ":declined": order.payment ? [order.payment] : [],
        ":entry": [{ status: OrderStatus.Queued, at, by: "customer", reason: "Another card" }],
        ":inFlight": tracking.inFlight,
        ":deadlineAt": tracking.deadlineAt,
      },
    });
  }

  /** Takes a finished order that owes nothing out of the in-flight index (the reconciler's clean-up). */
  async stopTracking(key: OrderKey, finishedStatuses: readonly OrderStatus[]): Promise<boolean> {
    const values: Record<string, unknown> = {};
    const untracked = await this.updateIfConditionHolds({
      Key: keyOf(key),
      UpdateExpression: "REMOVE inFlight, deadlineAt",
      ConditionExpression: `attribute_exists(inFlight) AND attribute_not_exists(notificationDue) AND ${statusIn(finishedStatuses, "finished", values)}`,
      ExpressionAttributeValues: values,
    });
    return untracked !== undefined;
  }

  /**
   * Takes a finished order out of its customer's history (the byCustomer index) and keeps the
   * record; only a terminal one (who may ask is the access check's business, removeFromHistory.ts).
   * Undefined when the condition did not hold.
   */
  async removeFromHistory(key: OrderKey): Promise<Order | undefined> {
    const values: Record<string, unknown> = {};
    return this.updateIfConditionHolds({
      Key: keyOf(key),
      UpdateExpression: "REMOVE historyCustomerId",
      ConditionExpression: statusIn(TERMINAL_STATUSES, "terminal", values),
      ExpressionAttributeValues: values,
    });
  }

  /**
   * Moves a guest order into the customer's account, if it is still unowned and still has the
   * proven secret's hash: owner, history, and the secret retired. Undefined when it did not hold.
   */
  async claimGuestOrder(key: OrderKey, customerId: string, guestSecretHash: string): Promise<Order | undefined> {
    return this.updateIfConditionHolds({
      Key: keyOf(key),
      UpdateExpression: "SET customerId = :customerId, historyCustomerId = :customerId REMOVE guestSecretHash",
      ConditionExpression: "attribute_exists(orderId) AND attribute_not_exists(customerId) AND guestSecretHash = :hash",
      ExpressionAttributeValues: { ":customerId": customerId, ":hash": guestSecretHash },
    });
  }

  /** Deletes the order if it is still in `status`; false when it changed meanwhile. Only placeOrder's undo uses it. */
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

  /**
   * One conditional UpdateItem: the order as it is after the update, or undefined when the
   * condition did not hold. (Returning the new image costs no capacity, so every update asks for it.)
   */
  private async updateIfConditionHolds(update: Omit<UpdateCommandInput, "TableName" | "ReturnValues">): Promise<Order | undefined> {
    const result = await conditional(() => this.db.send(new UpdateCommand({ TableName: this.tableName, ...update, ReturnValues: "ALL_NEW" })));
    return result?.Attributes ? fromItem(result.Attributes) : undefined;
  }

  /** One conditional PutItem of a new item; false when an item with its key already exists. */
  private async putIfAbsent(item: Record<string, unknown>): Promise<boolean> {
    const written = await conditional(() =>
      this.db.send(new PutCommand({ TableName: this.tableName, Item: item, ConditionExpression: "attribute_not_exists(orderId)" })),
    );
    return written !== undefined;
  }

  /**
   * One page of a Query on a global secondary index: its partition value, and for the in-flight
   * index a sort key at most `sortAtMost`. Index reads are eventually consistent.
   */
  private async queryIndex(
    index: OrdersTableIndex,
    key: { partition: string; sortAtMost?: string },
    page: { limit: number; startAt?: Record<string, unknown>; newestFirst?: boolean },
  ): Promise<{ items: Record<string, unknown>[]; lastKey?: Record<string, unknown> }> {
    const values: Record<string, unknown> = { ":partition": key.partition };
    const names: Record<string, string> = { "#partition": index.partitionKey.name };
    let condition = "#partition = :partition";
    if (key.sortAtMost !== undefined) {
      condition += " AND #sort <= :sortAtMost";
      names["#sort"] = index.sortKey.name;
      values[":sortAtMost"] = key.sortAtMost;
    }
    const result = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: index.indexName,
        KeyConditionExpression: condition,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
        ScanIndexForward: !page.newestFirst,
        Limit: page.limit,
        ExclusiveStartKey: page.startAt,
      }),
    );
    return { items: result.Items ?? [], lastKey: result.LastEvaluatedKey };
  }
}

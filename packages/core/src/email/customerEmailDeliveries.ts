// Where the sending of each customer e-mail is claimed and recorded: on the order's own item, in
// the map `customerEmails` keyed by the event's status-history index (one e-mail per event). No
// separate items, so the table's item count and indexes are unchanged, and the writes make no
// order change (the status stays; the stream consumer skips them).
//   - claim: granted when the e-mail was never claimed, or its claim ran out and it was not sent;
//     the answer says whether it took over an earlier claim (then the mail may have gone out);
//   - markSent: only by the claim's holder;
//   - recordAccepted: the provider reported it accepted the message (SES's Send event).
import { type DynamoDBDocumentClient, GetCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import type { CustomerEmailDelivery, Order } from "../order/order";
import { fromItem } from "../order/orderRepository";

export type ClaimOutcome =
  | { kind: "claimed"; order: Order; tookOver: boolean }
  | { kind: "alreadySent"; order: Order }
  | { kind: "heldElsewhere"; order: Order }
  | { kind: "noOrder" };

const isConditionFailure = (error: unknown) => (error as { name?: string }).name === "ConditionalCheckFailedException";

export class CustomerEmailDeliveries {
  constructor(
    private readonly documents: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async claim(orderId: string, key: string, holder: string, now: Date, leaseSeconds: number): Promise<ClaimOutcome> {
    // The map must exist before a path inside it can be set (an order written before e-mails had none).
    try {
      await this.documents.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { orderId },
          UpdateExpression: "SET customerEmails = if_not_exists(customerEmails, :empty)",
          ConditionExpression: "attribute_exists(orderId)",
          ExpressionAttributeValues: { ":empty": {} },
        }),
      );
    } catch (error) {
      if (isConditionFailure(error)) return { kind: "noOrder" };
      throw error;
    }
    const claim: CustomerEmailDelivery = { holder, expiresAt: new Date(now.getTime() + leaseSeconds * 1000).toISOString() };
    try {
      const { Attributes } = await this.documents.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { orderId },
          UpdateExpression: "SET customerEmails.#key = :claim",
          ConditionExpression:
            "attribute_not_exists(customerEmails.#key) OR (attribute_not_exists(customerEmails.#key.sentAt) AND customerEmails.#key.expiresAt < :now)",
          ExpressionAttributeNames: { "#key": key },
          ExpressionAttributeValues: { ":claim": claim, ":now": now.toISOString() },
          ReturnValues: "ALL_OLD",
        }),
      );
      const order = fromItem(Attributes!);
      return { kind: "claimed", order, tookOver: order.customerEmails?.[key] !== undefined };
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
    const order = await this.get(orderId);
    if (!order) return { kind: "noOrder" };
    return order.customerEmails?.[key]?.sentAt ? { kind: "alreadySent", order } : { kind: "heldElsewhere", order };
  }

  /** Records the send; false if the claim is no longer this holder's (it ran out and was taken over). */
  async markSent(orderId: string, key: string, holder: string, at: Date): Promise<boolean> {
    try {
      await this.documents.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { orderId },
          UpdateExpression: "SET customerEmails.#key.sentAt = :at",
          ConditionExpression: "customerEmails.#key.holder = :holder",
          ExpressionAttributeNames: { "#key": key },
          ExpressionAttributeValues: { ":at": at.toISOString(), ":holder": holder },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  /**
   * Ends this holder's claim at once after a failed send (the provider may still have taken the
   * message), so the next delivery takes it over — and asks the provider first — without waiting for the lease.
   */
  async expireClaim(orderId: string, key: string, holder: string): Promise<void> {
    try {
      await this.documents.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { orderId },
          UpdateExpression: "SET customerEmails.#key.expiresAt = :past",
          ConditionExpression: "customerEmails.#key.holder = :holder",
          ExpressionAttributeNames: { "#key": key },
          ExpressionAttributeValues: { ":past": new Date(0).toISOString(), ":holder": holder },
        }),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
  }

  /** Whether the provider has reported accepting this e-mail (recordAccepted). */
  async wasAccepted(orderId: string, key: string): Promise<boolean> {
    return (await this.get(orderId))?.customerEmails?.[acceptanceKey(key)]?.acceptedAt !== undefined;
  }

  /** The provider accepted the message of this e-mail (kept beside the claim, which a takeover rewrites). */
  async recordAccepted(orderId: string, key: string, at: string): Promise<void> {
    await this.documents.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { orderId },
        UpdateExpression: "SET customerEmails = if_not_exists(customerEmails, :empty)",
        ConditionExpression: "attribute_exists(orderId)",
        ExpressionAttributeValues: { ":empty": {} },
      }),
    );
    await this.documents.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { orderId },
        UpdateExpression: "SET customerEmails.#accepted = :accepted",
        ExpressionAttributeNames: { "#accepted": acceptanceKey(key) },
        ExpressionAttributeValues: { ":accepted": { acceptedAt: at } },
      }),
    );
  }

  private async get(orderId: string): Promise<Order | undefined> {
    const { Item } = await this.documents.send(new GetCommand({ TableName: this.tableName, Key: { orderId }, ConsistentRead: true }));
    return Item ? fromItem(Item) : undefined;
  }
}

const acceptanceKey = (key: string) => `${key}-accepted`;

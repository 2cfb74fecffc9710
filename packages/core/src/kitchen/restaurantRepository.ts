// A restaurant's records in the orders table: its settings and its order-number counters. Both
// are small items beside the orders (see tableDesign.ts), with a key no order id can have.
import { GetCommand, UpdateCommand, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { defaultSettings, type RestaurantSettings, type ValidRestaurantSettingsInput } from "./restaurantSettings";

export const RESTAURANT_SETTINGS_RECORD_TYPE = "restaurantSettings";
export const ORDER_NUMBER_COUNTER_RECORD_TYPE = "orderNumberCounter";

const settingsKey = (restaurantId: string) => ({ orderId: `restaurant#${restaurantId}` });
const counterKey = (restaurantId: string, day: string) => ({ orderId: `orderNumber#${restaurantId}#${day}` });

/** "#042": at least three digits, what a counter calls out. */
export function formatOrderNumber(number: number): string {
  return `#${String(number).padStart(3, "0")}`;
}

export class RestaurantRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** The restaurant's settings; the defaults for what its staff have not set. */
  async getSettings(restaurantId: string): Promise<RestaurantSettings> {
    const result = await this.db.send(new GetCommand({ TableName: this.tableName, Key: settingsKey(restaurantId), ConsistentRead: true }));
    const defaults = defaultSettings(restaurantId);
    const item = result.Item;
    if (!item || item.recordType !== RESTAURANT_SETTINGS_RECORD_TYPE) return defaults;
    return {
      restaurantId,
      acceptingOrders: item.acceptingOrders ?? defaults.acceptingOrders,
      openingHours: item.openingHours ?? defaults.openingHours,
      capacity: item.capacity ?? defaults.capacity,
      updatedBy: item.updatedBy,
      updatedAt: item.updatedAt,
    };
  }

  /** Sets the given settings only (one UpdateItem: two staff changing different settings both keep theirs). */
  async updateSettings(input: ValidRestaurantSettingsInput, by: string, at: string): Promise<RestaurantSettings> {
    const values: Record<string, unknown> = { ":type": RESTAURANT_SETTINGS_RECORD_TYPE, ":by": by, ":at": at };
    const names: Record<string, string> = {};
    const sets = ["recordType = :type", "updatedBy = :by", "updatedAt = :at"];
    for (const field of ["acceptingOrders", "openingHours", "capacity"] as const) {
      if (input[field] === null || input[field] === undefined) continue;
      // Through a name placeholder: `capacity` is a DynamoDB reserved word.
      names[`#${field}`] = field;
      sets.push(`#${field} = :${field}`);
      values[`:${field}`] = input[field];
    }
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: settingsKey(input.restaurantId),
        UpdateExpression: `SET ${sets.join(", ")}`,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      }),
    );
    return this.getSettings(input.restaurantId);
  }

  /**
   * The restaurant's next order number for its local `day` (YYYY-MM-DD): one atomic ADD on that
   * day's counter item, so concurrent orders never share a number (a refused or undone order
   * leaves a gap, never a duplicate). A new day starts a new item, at 1.
   */
  async issueOrderNumber(restaurantId: string, day: string): Promise<string> {
    const result = await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: counterKey(restaurantId, day),
        UpdateExpression: "SET recordType = :type ADD lastNumber :one",
        ExpressionAttributeValues: { ":type": ORDER_NUMBER_COUNTER_RECORD_TYPE, ":one": 1 },
        ReturnValues: "UPDATED_NEW",
      }),
    );
    return formatOrderNumber(Number(result.Attributes?.lastNumber));
  }
}

// The customer and restaurant channels' functions run without the orders table's configuration
// (their role has no table access): the subscribe-time check must decide from the identity alone.
import type { AppSyncResolverEvent, Context } from "aws-lambda";
import { beforeAll, describe, expect, it } from "vitest";
import { testLambdaContext } from "./support/testLambdaContext";

let subscriptionHandler: (event: AppSyncResolverEvent<Record<string, unknown>>, context: Context) => Promise<unknown>;
const handler = (event: AppSyncResolverEvent<Record<string, unknown>>) => subscriptionHandler(event, testLambdaContext("onCustomerOrderUpdates"));

const event = (fieldName: string, args: Record<string, unknown>, sub: string | null, groups: string[] = []) =>
  ({
    arguments: args,
    identity: sub === null ? null : { sub, groups, claims: {}, issuer: "", username: sub, sourceIp: [], defaultAuthStrategy: "ALLOW" },
    info: { fieldName, parentTypeName: "Subscription", variables: {}, selectionSetList: [], selectionSetGraphQL: "" },
  }) as unknown as AppSyncResolverEvent<Record<string, unknown>>;

beforeAll(async () => {
  delete process.env.ORDERS_TABLE_NAME;
  ({ handler: subscriptionHandler } = await import("../src/api/onCustomerOrderUpdates"));
});

describe("subscription resolvers without table configuration", () => {
  it("admits the customer to their own channel and staff to their restaurant's", async () => {
    await expect(handler(event("onCustomerOrderUpdates", { customerId: "alice" }, "alice"))).resolves.toBeNull();
    await expect(handler(event("onRestaurantOrderUpdates", { restaurantId: "Luigis" }, "cook", ["staff-Luigis"]))).resolves.toBeNull();
  });

  it("refuses another customer, a guest and another restaurant's staff with AppSync's Unauthorized", async () => {
    // Returned for graphql/lambdaResolver.js to raise as util.error(message, "Unauthorized"): a
    // thrown error would reach the client as Lambda:Unhandled.
    const refusal = (fieldName: string) => ({
      resolverError: { errorType: "Unauthorized", message: `Not Authorized to access ${fieldName} on type Subscription`, errorInfo: null },
    });
    await expect(handler(event("onCustomerOrderUpdates", { customerId: "alice" }, "bob"))).resolves.toEqual(refusal("onCustomerOrderUpdates"));
    await expect(handler(event("onCustomerOrderUpdates", { customerId: "guest" }, null))).resolves.toEqual(refusal("onCustomerOrderUpdates"));
    await expect(handler(event("onRestaurantOrderUpdates", { restaurantId: "Luigis" }, "cook", ["staff-Dominos"]))).resolves.toEqual(
      refusal("onRestaurantOrderUpdates"),
    );
  });
});

// Orders placed through the local API as a guest (the API key), and read back with each order's
// guest secret, the way the web app's guest tracker reads them. One instance per test file.
import { expect } from "vitest";
import { graphql } from "./graphqlClient";
import { TEST_API_KEY } from "./testShop";

export class GuestOrders {
  /** The guest secret of each order placed here: a guest reads its order with it. */
  private readonly secrets = new Map<string, string>();

  constructor(private readonly graphqlUrl: () => string) {}

  /** Places an order (postOrder's input) and returns its id; `graphqlUrl` another shop's API than the file's. */
  async place(input: Record<string, unknown>, graphqlUrl = this.graphqlUrl()): Promise<string> {
    const result = await graphql<{ postOrder: { id: string; guestSecret: string } }>(
      graphqlUrl,
      "mutation Place($input: OrderInput!) { postOrder(input: $input) { id guestSecret } }",
      { input },
      TEST_API_KEY,
    );
    expect(result.body.errors).toBeUndefined();
    this.secrets.set(result.body.data!.postOrder.id, result.body.data!.postOrder.guestSecret);
    return result.body.data!.postOrder.id;
  }

  /** The order's status as its guest reads it (undefined when the API answers no order). */
  readonly statusOf = async (id: string): Promise<string | undefined> => {
    const result = await graphql<{ order: { orderStatus: string } | null }>(
      this.graphqlUrl(),
      "query Read($id: String!, $guestSecret: String) { order(id: $id, guestSecret: $guestSecret) { orderStatus } }",
      { id, guestSecret: this.secrets.get(id) },
      TEST_API_KEY,
    );
    return result.body.data?.order?.orderStatus;
  };
}

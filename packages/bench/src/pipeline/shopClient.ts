// The bench's view of a running local shop: GraphQL calls with the API key, and the pipeline
// snapshot (GET /pipeline), which tells how many executions have ended without asking per order.
import type { LocalShop } from "@pizza-orders/local/localShop";
import type { PipelineReport } from "@pizza-orders/local/pipelineReport";
import type { UserPoolShop } from "../../../local/test/support/customers";
import { type GraphqlAuth, graphql } from "../../../local/test/support/graphqlClient";

/** What the shop's process announces: enough to reach it from another process. */
export type ShopEndpoints = Pick<LocalShop, "graphqlUrl" | "apiUrl" | "apiKey" | "endpoints"> &
  Pick<UserPoolShop, "userPool"> & {
    /** GET: the shop process's memory after a full GC ({ rss, heapUsed, external } in bytes). */
    memoryUrl: string;
  };

export interface ShopMemory {
  rss: number;
  heapUsed: number;
  external: number;
  afterGc: boolean;
}

class GraphqlRequestError extends Error {
  override readonly name = "GraphqlRequestError";
}

export class ShopClient {
  constructor(private readonly shop: ShopEndpoints) {}

  /** The query's data; a GraphQL error or a non-200 answer throws (counted as a failed request). */
  async graphql<T>(query: string, variables?: Record<string, unknown>, auth: GraphqlAuth = this.shop.apiKey): Promise<T> {
    const { status, body } = await graphql<T>(this.shop.graphqlUrl, query, variables, auth);
    if (status !== 200 || body.errors?.length || !body.data) {
      throw new GraphqlRequestError(`HTTP ${status}: ${body.errors?.map((error) => `${error.errorType ?? ""} ${error.message}`).join("; ")}`);
    }
    return body.data;
  }

  async pipelineReport(): Promise<PipelineReport> {
    const response = await fetch(`${this.shop.apiUrl}/pipeline`, { headers: { "x-api-key": this.shop.apiKey } });
    if (!response.ok) throw new Error(`GET /pipeline answered ${response.status}`);
    return (await response.json()) as PipelineReport;
  }

  async memory(): Promise<ShopMemory> {
    const response = await fetch(this.shop.memoryUrl);
    if (!response.ok) throw new Error(`GET /memory answered ${response.status}`);
    return (await response.json()) as ShopMemory;
  }

  /** Executions that have ended, whatever the outcome. */
  async endedExecutions(): Promise<number> {
    const { succeeded, failed, timedOut, aborted } = (await this.pipelineReport()).executions;
    return succeeded + failed + timedOut + aborted;
  }
}

export const MENU_CURRENCY_QUERY = "{ menu { currency } }";
// The bench orders as a guest (the API key): each order comes with the guest secret that reads it back.
export const POST_ORDER_MUTATION = `mutation PostOrder($input: OrderInput!) { postOrder(input: $input) { id guestSecret orderStatus createdAt } }`;
export const ORDER_TIMELINE_QUERY = `query OrderTimeline($id: String!, $guestSecret: String) { order(id: $id, guestSecret: $guestSecret) { id orderStatus createdAt statusHistory { status at } } }`;
/** What the web app's tracker asks for on each poll: every field of the order (its OrderFields fragment). */
export const TRACK_ORDER_QUERY = `query TrackOrder($id: String!, $guestSecret: String) { order(id: $id, guestSecret: $guestSecret) { id name quantity restaurantId size toppings customerEmail orderStatus totalCents total currency failureReason createdAt updatedAt statusHistory { status at } } }`;

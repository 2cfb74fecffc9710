// The bench's view of a running local shop: GraphQL calls with the API key, and the pipeline
// snapshot (GET /pipeline), which tells how many executions have ended without asking per order.
export interface ShopEndpoints {
  graphqlUrl: string;
  apiUrl: string;
  apiKey: string;
  endpoints: { dynamodb: string; sqs: string; stepfunctions: string; sns: string };
  dataDir: string;
}

export class GraphqlRequestError extends Error {
  override readonly name = "GraphqlRequestError";
}

export class ShopClient {
  constructor(readonly shop: ShopEndpoints) {}

  async graphql<T>(query: string, variables?: Record<string, unknown>): Promise<T> {
    const response = await fetch(this.shop.graphqlUrl, {
      method: "POST",
      headers: { "content-type": "application/json", "x-api-key": this.shop.apiKey },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: T; errors?: Array<{ message: string; errorType?: string }> };
    if (!response.ok || body.errors?.length) {
      throw new GraphqlRequestError(`HTTP ${response.status}: ${body.errors?.map((error) => `${error.errorType ?? ""} ${error.message}`).join("; ")}`);
    }
    return body.data as T;
  }

  async pipelineReport(): Promise<{ consumer: { batches: number; recordsSucceeded: number; recordsFailed: number }; executions: Record<string, number> }> {
    const response = await fetch(`${this.shop.apiUrl}/pipeline`);
    if (!response.ok) throw new Error(`GET /pipeline answered ${response.status}`);
    return (await response.json()) as never;
  }

  /** Executions that have ended, whatever the outcome. */
  async endedExecutions(): Promise<number> {
    const response = await fetch(`${this.shop.apiUrl}/pipeline`);
    if (!response.ok) throw new Error(`GET /pipeline answered ${response.status}`);
    const report = (await response.json()) as { executions: Record<"succeeded" | "failed" | "timedOut" | "aborted", number> };
    const { succeeded, failed, timedOut, aborted } = report.executions;
    return succeeded + failed + timedOut + aborted;
  }
}

export const MENU_CURRENCY_QUERY = "{ menu { currency } }";
export const POST_ORDER_MUTATION = `mutation PostOrder($input: OrderInput!) { postOrder(input: $input) { id orderStatus createdAt } }`;
export const ORDER_TIMELINE_QUERY = `query OrderTimeline($id: ID!) { order(id: $id) { id orderStatus createdAt statusHistory { status at } } }`;
/** What the web app's tracker asks for on each poll: every field of the order (its OrderFields fragment). */
export const TRACK_ORDER_QUERY = `query TrackOrder($id: ID!) { order(id: $id) { id name quantity restaurantId size toppings customerEmail orderStatus totalCents total currency failureReason createdAt updatedAt statusHistory { status at } } }`;

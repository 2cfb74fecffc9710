// The API key guards every call, as AppSync's API_KEY mode does: a refused call runs no resolver.
// Also the API server's other contracts: AppSync's error shape, CORS, and /health.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LocalShop } from "../src/localShop";
import { graphql } from "./support/graphqlClient";
import { startTestShop, stopTestShop, storedOrderCount, TEST_API_KEY } from "./support/testShop";

const POST_ORDER = 'mutation { postOrder(input: { name: "Pizza", quantity: 6, restaurantId: "Dominos", paymentToken: "tok_visa" }) { id orderStatus } }';
const UNAUTHORIZED = { errors: [{ errorType: "UnauthorizedException", message: "You are not authorized to make this call." }] };

let shop: LocalShop;

beforeAll(async () => {
  shop = await startTestShop();
});

afterAll(() => stopTestShop(shop));

describe("API key", () => {
  it("refuses a call without a key and writes nothing", async () => {
    const result = await graphql(shop.graphqlUrl, POST_ORDER, {}, undefined);
    expect(result).toEqual({ status: 401, body: UNAUTHORIZED });
    expect(await storedOrderCount(shop)).toBe(0);
    expect(shop.ordersQueue.counters.sent).toBe(0);
  });

  it("refuses a call with a wrong key and writes nothing", async () => {
    const result = await graphql(shop.graphqlUrl, POST_ORDER, {}, `${TEST_API_KEY}-wrong`);
    expect(result).toEqual({ status: 401, body: UNAUTHORIZED });
    expect(await storedOrderCount(shop)).toBe(0);
    expect(shop.functions.resolvers.get("Mutation.postOrder")!.invocations).toBe(0);
  });

  it("accepts the right key (so the refusals above are about the key)", async () => {
    const result = await graphql<{ postOrder: { id: string; orderStatus: string } }>(shop.graphqlUrl, POST_ORDER, {}, TEST_API_KEY);
    expect(result.status).toBe(200);
    expect(result.body.data!.postOrder.orderStatus).toBe("QUEUED");
    expect(await storedOrderCount(shop)).toBe(1);
  });

  it("answers a domain error in AppSync's error shape: errorType the error's name, errorInfo the field it concerns", async () => {
    const result = await graphql(
      shop.graphqlUrl,
      'mutation { postOrder(input: { name: "Pizza", quantity: 0, restaurantId: "Dominos" }) { id } }',
      {},
      TEST_API_KEY,
    );
    expect(result.status).toBe(200);
    expect(result.body.data).toBeNull();
    expect(result.body.errors).toEqual([
      {
        path: ["postOrder"],
        data: null,
        errorType: "ValidationError",
        errorInfo: { fieldErrors: { quantity: "Quantity must be at least 1" } },
        locations: [{ line: 1, column: 12, sourceName: null }],
        message: "Quantity must be at least 1",
      },
    ]);
  });

  it("reports itself unhealthy (503) when a component stops answering", async () => {
    expect((await fetch(`${shop.apiUrl}/health`)).status).toBe(200);
    await shop.servers.sns.close();
    const response = await fetch(`${shop.apiUrl}/health`);
    expect(response.status).toBe(503);
    const health = (await response.json()) as { healthy: boolean; components: Record<string, string> };
    expect(health.healthy).toBe(false);
    expect(health.components).toMatchObject({ api: "up", dynamodb: "up", queue: "up", workflow: "up", topic: expect.stringMatching(/^down: /) });
  });

  it("answers CORS preflight for the web app", async () => {
    const response = await fetch(shop.graphqlUrl, {
      method: "OPTIONS",
      headers: { origin: "http://localhost:5173", "access-control-request-headers": "x-api-key,content-type" },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    expect(response.headers.get("access-control-allow-headers")).toContain("x-api-key");
  });
});

// AppSync's limits as the local API enforces them, from the same configuration the stack deploys
// (packages/functions/src/api/apiLimits.ts): request size, resolver count, query depth, parser
// nesting, introspection, malformed bodies, and a document cache bounded by bytes. Every refusal
// is checked for what it left behind: no order stored, no message queued, no resolver run.
import { request as httpRequest } from "node:http";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { API_LIMITS } from "@pizza-orders/functions/api/apiLimits";
import { buildSchema, getNamedType, isObjectType } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadAppSyncSchema } from "../src/appsync/appsyncSchema";
import { GraphqlEndpoint } from "../src/appsync/graphqlEndpoint";
import { RequestAuthenticator } from "../src/appsync/requestAuth";
import type { LocalFunction } from "../src/lambda/localFunction";
import type { LocalShop } from "../src/localShop";
import { startTestShop, stopTestShop, storedOrderCount, TEST_API_KEY } from "./support/testShop";
import { waitFor } from "./support/waitFor";

let shop: LocalShop;

beforeAll(async () => {
  shop = await startTestShop();
});

afterAll(() => stopTestShop(shop));

interface RawAnswer {
  status: number;
  body: { data?: Record<string, unknown> | null; errors?: Array<{ errorType?: string | null; message: string; path?: unknown[] | null }> };
}

async function postRaw(body: string, headers: Record<string, string> = { "x-api-key": TEST_API_KEY }): Promise<RawAnswer> {
  const response = await fetch(shop.graphqlUrl, { method: "POST", headers: { "content-type": "application/json", ...headers }, body });
  return { status: response.status, body: (await response.json()) as RawAnswer["body"] };
}

const postQuery = (query: string, variables?: unknown) => postRaw(JSON.stringify({ query, variables }));

async function storedState() {
  return { orders: await storedOrderCount(shop), queued: shop.ordersQueue.counters.sent };
}

function resolverInvocations(field: string): number {
  return shop.functions.resolvers.get(field)!.invocations;
}

const ORDER_INPUT = { name: "Pizza", quantity: 1, restaurantId: "Dominos", paymentToken: "tok_visa" };

function aliasedPostOrders(count: number): string {
  const fields = Array.from({ length: count }, (_, index) => `o${index}:postOrder(input:$i){id}`).join(" ");
  return `mutation($i:OrderInput!){${fields}}`;
}

/** The caller's order list as the loaded schema shapes it (a page object, or a plain list). */
function ordersSelection(): string {
  const orders = loadAppSyncSchema().getQueryType()!.getFields().orders!;
  const limitArgument = orders.args.some((argument) => argument.name === "limit") ? "(limit:50)" : "";
  const returned = getNamedType(orders.type);
  const returnsPage = isObjectType(returned) && "items" in returned.getFields();
  return `orders${limitArgument}${returnsPage ? "{items{id}}" : "{id}"}`;
}

describe("request size", () => {
  it("refuses 1,000 aliased postOrder fields whole (the body is over the limit): no order, no message", async () => {
    const before = await storedState();
    const invocationsBefore = resolverInvocations("Mutation.postOrder");
    const body = JSON.stringify({ query: aliasedPostOrders(1000), variables: { i: ORDER_INPUT } });
    expect(Buffer.byteLength(body)).toBeGreaterThan(API_LIMITS.maxRequestBodyBytes);

    const answer = await postRaw(body);

    expect(answer.status).toBe(413);
    expect(answer.body.errors).toEqual([
      { errorType: "PayloadTooLargeException", message: `The request body is larger than ${API_LIMITS.maxRequestBodyBytes} bytes.` },
    ]);
    expect(await storedState()).toEqual(before);
    expect(resolverInvocations("Mutation.postOrder")).toBe(invocationsBefore);
  });

  it("refuses a declared oversized body before reading it, and checks the key before the size", async () => {
    const declare = (headers: Record<string, string>) =>
      new Promise<{ status: number; body: string }>((resolve, reject) => {
        // Declares 100 MB but sends only a few bytes: an answer can only come from the headers.
        const request = httpRequest(shop.graphqlUrl, {
          method: "POST",
          headers: { "content-type": "application/json", "content-length": String(100 * 1024 * 1024), ...headers },
        });
        request.on("response", (response) => {
          let body = "";
          response.on("data", (chunk: Buffer) => (body += chunk.toString()));
          response.on("end", () => resolve({ status: response.statusCode!, body }));
        });
        request.on("error", reject);
        request.write('{"query":"');
      });
    const withKey = await declare({ "x-api-key": TEST_API_KEY });
    expect(withKey.status).toBe(413);
    expect(JSON.parse(withKey.body).errors[0].errorType).toBe("PayloadTooLargeException");
    const withoutKey = await declare({});
    expect(withoutKey.status).toBe(401);
    expect(JSON.parse(withoutKey.body).errors[0].errorType).toBe("UnauthorizedException");
  });

  it("refuses a chunked body (no Content-Length) as soon as it passes the limit", async () => {
    const before = await storedState();
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const request = httpRequest(shop.graphqlUrl, {
        method: "POST",
        headers: { "content-type": "application/json", "x-api-key": TEST_API_KEY, "transfer-encoding": "chunked" },
      });
      let answered = false;
      request.on("response", (response) => {
        answered = true;
        let body = "";
        response.on("data", (chunk: Buffer) => (body += chunk.toString()));
        response.on("end", () => resolve({ status: response.statusCode!, body }));
      });
      // Once the server has answered and closed, the client's further writes fail: expected.
      request.on("error", (error) => (answered ? undefined : reject(error)));
      // Keeps sending 1 KB chunks (a stream that would never end) until the server answers.
      const chunk = "x".repeat(1024);
      const timer = setInterval(() => {
        if (!request.destroyed) request.write(chunk);
      }, 1);
      request.on("response", () => clearInterval(timer));
      request.on("close", () => clearInterval(timer));
      request.write(`{"query":"mutation{postOrder(input:{name:\\"Pizza\\",quantity:1,restaurantId:\\"Dominos\\"}){id}}","padding":"`);
    });
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body).errors[0].errorType).toBe("PayloadTooLargeException");
    expect(await storedState()).toEqual(before);
  });
});

describe("resolver count limit", () => {
  it("runs the first 5 of 250 aliased postOrder fields; the 6th is refused ResolverExecutionLimitReached and the rest never run, as in AppSync", async () => {
    const before = await storedState();
    const invocationsBefore = resolverInvocations("Mutation.postOrder");
    const body = JSON.stringify({ query: aliasedPostOrders(250), variables: { i: ORDER_INPUT } });
    expect(Buffer.byteLength(body)).toBeLessThanOrEqual(API_LIMITS.maxRequestBodyBytes);

    const answer = await postRaw(body);

    expect(answer.status).toBe(200);
    // postOrder is non-null: the refused field nulls the whole data object and mutations run one
    // after another, so execution stops at it.
    expect(answer.body.data).toBeNull();
    expect(answer.body.errors).toEqual([
      expect.objectContaining({
        errorType: "ResolverExecutionLimitReached",
        message: "Resolver execution limit reached",
        path: [`o${API_LIMITS.resolverCountLimit}`],
      }),
    ]);
    expect(resolverInvocations("Mutation.postOrder") - invocationsBefore).toBe(API_LIMITS.resolverCountLimit);
    const after = await storedState();
    expect(after.orders - before.orders).toBe(API_LIMITS.resolverCountLimit);
    expect(after.queued - before.queued).toBe(API_LIMITS.resolverCountLimit);
  });

  it("reads 5 of 200 aliased orders pages; the other 195 never run", async () => {
    const invocationsBefore = resolverInvocations("Query.orders");
    const selection = ordersSelection();
    const query = `{${Array.from({ length: 200 }, (_, index) => `p${index}:${selection}`).join(" ")}}`;

    const answer = await postQuery(query);

    expect(answer.status).toBe(200);
    // The answer can come before the five admitted invocations have finished (a null in a
    // non-null root field ends the response early), so they are awaited, then given time to overshoot.
    await waitFor(
      () => resolverInvocations("Query.orders") - invocationsBefore,
      (count) => count >= API_LIMITS.resolverCountLimit,
      "the admitted orders resolvers to run",
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(resolverInvocations("Query.orders") - invocationsBefore).toBe(API_LIMITS.resolverCountLimit);
    expect(answer.body.errors!.length).toBeGreaterThan(0);
    expect(answer.body.errors!.every((error) => error.errorType === "ResolverExecutionLimitReached")).toBe(true);
  });

  it("lets a request within the limit through untouched", async () => {
    const answer = await postQuery(`{${Array.from({ length: API_LIMITS.resolverCountLimit }, (_, index) => `m${index}:menu{currency}`).join(" ")}}`);
    expect(answer.status).toBe(200);
    expect(answer.body.errors).toBeUndefined();
    expect(Object.keys(answer.body.data!)).toHaveLength(API_LIMITS.resolverCountLimit);
  });
});

describe("query nesting and malformed requests", () => {
  it("answers a query nested thousands of levels deep with 400, without overflowing the stack", async () => {
    const depth = 2_500;
    const query = `${"{a".repeat(depth)}${"}".repeat(depth)}`;
    expect(Buffer.byteLength(JSON.stringify({ query }))).toBeLessThanOrEqual(API_LIMITS.maxRequestBodyBytes);
    const answer = await postQuery(query);
    expect(answer.status).toBe(400);
    expect(answer.body.errors![0]).toMatchObject({ errorType: "BadRequestException", message: expect.stringContaining("nests deeper than 75 levels") });
    // 20,000 levels are refused even earlier, by size.
    expect((await postQuery(`${"{a".repeat(20_000)}${"}".repeat(20_000)}`)).status).toBe(413);
  });

  it.each([
    ["bad JSON", "{not json", "The request body is not valid JSON."],
    ["variables that are not an object", JSON.stringify({ query: "{menu{currency}}", variables: "x" }), "variables must be a JSON object."],
    ["variables alone", JSON.stringify({ variables: "x" }), "The request has no query."],
    ["a query that is not a string", JSON.stringify({ query: 42 }), "The request has no query."],
    ["an empty query", JSON.stringify({ query: "  " }), "The request has no query."],
    ["an array body", JSON.stringify([{ query: "{menu{currency}}" }]), "The request body must be a JSON object with a query."],
    ["a null body", "null", "The request body must be a JSON object with a query."],
    ["an operationName that is not a string", JSON.stringify({ query: "{menu{currency}}", operationName: 7 }), "operationName must be a string."],
  ])("answers %s with 400 MalformedHttpRequestException", async (_, body, message) => {
    const before = await storedState();
    const answer = await postRaw(body);
    expect(answer).toEqual({ status: 400, body: { errors: [{ errorType: "MalformedHttpRequestException", message }] } });
    expect(await storedState()).toEqual(before);
  });

  it("serves introspection in local mode, as the stack's non-production stages do", async () => {
    const answer = await postQuery("{__schema{queryType{name}}}");
    expect(answer).toEqual({ status: 200, body: { data: { __schema: { queryType: { name: "Query" } } } } });
  });
});

describe("the GraphQL endpoint's limits, on a schema that can nest", () => {
  // A recursive type, which the shop's schema does not have, to reach the depth limit; the root
  // field's resolver is a stand-in function that returns a chain of layers.
  const schema = buildSchema("type Layer { value: Int next: Layer } type Query { layer: Layer }");
  const chain = (levels: number): unknown => (levels === 0 ? null : { value: levels, next: chain(levels - 1) });
  const layerResolver = { invoke: async () => chain(20) } as unknown as LocalFunction;
  const request = { headers: { "x-api-key": "k" } } as never;
  const endpoint = (options: ConstructorParameters<typeof GraphqlEndpoint>[3]) =>
    new GraphqlEndpoint(schema, new Map([["Query.layer", layerResolver]]), new RequestAuthenticator({ apiKey: "k" }), options);

  it("resolves up to the depth limit and answers deeper fields QueryDepthLimitReached (root = level 1, leaves count)", async () => {
    const answer = await endpoint({ limits: { ...API_LIMITS, queryDepthLimit: 2 } }).handle(
      request,
      JSON.stringify({ query: "{ layer { value next { value next { value } } } }" }),
    );
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      data: { layer: { value: 20, next: { value: null, next: null } } },
      errors: [
        { path: ["layer", "next", "value"], errorType: "QueryDepthLimitReached", message: "Query depth limit of 2 reached" },
        { path: ["layer", "next", "next"], errorType: "QueryDepthLimitReached" },
      ],
    });
  });

  it("uses the configured depth limit of 10 by default", async () => {
    const nested = (levels: number): string => (levels === 1 ? "value" : `next { ${nested(levels - 1)} }`);
    const deepest = await endpoint({}).handle(request, JSON.stringify({ query: `{ layer { ${nested(API_LIMITS.queryDepthLimit - 1)} } }` }));
    expect((deepest.body as { errors?: unknown }).errors).toBeUndefined();
    const tooDeep = await endpoint({}).handle(request, JSON.stringify({ query: `{ layer { ${nested(API_LIMITS.queryDepthLimit)} } }` }));
    expect((tooDeep.body as { errors: Array<{ errorType: string }> }).errors.map((error) => error.errorType)).toEqual(["QueryDepthLimitReached"]);
  });

  it("answers introspection with a validation error when it is disabled, as production does", async () => {
    const answer = await endpoint({ introspection: false }).handle(request, JSON.stringify({ query: "{ __schema { types { name } } }" }));
    expect(answer.status).toBe(200);
    const { data, errors } = answer.body as { data: unknown; errors: Array<{ message: string }> };
    expect(data).toBeNull();
    expect(errors.length).toBeGreaterThan(0);
    for (const error of errors) expect(error.message).toContain("GraphQL introspection has been disabled");
    const typename = await endpoint({ introspection: false }).handle(request, JSON.stringify({ query: "{ __typename }" }));
    expect(typename.body).toEqual({ data: { __typename: "Query" } });
  });
});

describe("memory", () => {
  function heapAfterGc(): number {
    setFlagsFromString("--expose-gc");
    (runInNewContext("gc") as () => void)();
    return process.memoryUsage().heapUsed;
  }

  /** A valid query of about 7 KB, distinct per index, that runs no resolver. */
  function largeQuery(index: number): string {
    const fields: string[] = [];
    for (let field = 0; fields.join(" ").length < API_LIMITS.maxRequestBodyBytes - 1_200; field += 1) fields.push(`q${index}_${field}:__typename`);
    return `query Large${index} { ${fields.join(" ")} }`;
  }

  it("stays bounded under 200 distinct large queries: the document cache keeps to its byte budget", async () => {
    const cache = shop.graphql.documents;
    const heapBefore = heapAfterGc();
    for (let index = 0; index < 200; index += 1) {
      const answer = await postQuery(largeQuery(index));
      expect(answer.status).toBe(200);
      expect(answer.body.errors).toBeUndefined();
      expect(cache.bytes).toBeLessThanOrEqual(cache.maxBytes);
    }
    // Each document is accounted at ~0.5 MB (its tokens), so 200 would be ~100 MB: most were evicted.
    expect(cache.size).toBeLessThan(200);
    expect(cache.bytes).toBeGreaterThan(cache.maxBytes / 2);
    const growth = heapAfterGc() - heapBefore;
    // Loose on purpose (other allocations come and go): unbounded, the 200 documents alone hold ~100 MB.
    expect(growth).toBeLessThan(cache.maxBytes * 3);
  });
});

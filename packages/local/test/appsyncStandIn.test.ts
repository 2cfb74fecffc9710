// The AppSync stand-in: the schema file loads with AppSync's scalars and directives, and a root
// field's resolver receives the direct Lambda resolver event AppSync builds.
import { readFileSync } from "node:fs";
import type { IncomingMessage } from "node:http";
import type { AppSyncResolverEvent } from "aws-lambda";
import { type GraphQLScalarType, Kind, parse } from "graphql";
import { describe, expect, it } from "vitest";
import { APPSYNC_BUILTINS_PATH, loadAppSyncSchema } from "../src/appsync/appsyncSchema";
import { GraphqlEndpoint } from "../src/appsync/graphqlEndpoint";
import { RequestAuthenticator } from "../src/appsync/requestAuth";
import { LocalFunction } from "../src/lambda/localFunction";

const API_KEY = "unit-key";
const apiKeyOnly = new RequestAuthenticator({ apiKey: API_KEY });

function requestWith(headers: Record<string, string>): IncomingMessage {
  return { headers } as IncomingMessage;
}

describe("AppSync stand-in", () => {
  it("builds the schema file with AppSync's scalars", () => {
    const schema = loadAppSyncSchema();
    expect(schema.getType("AWSDateTime")).toBeDefined();
    expect(schema.getMutationType()?.getFields().postOrder).toBeDefined();
  });

  it("gives every scalar appsync-builtins.graphql declares a check, not graphql-js's pass-through", () => {
    const schema = loadAppSyncSchema();
    const declaredScalars = parse(readFileSync(APPSYNC_BUILTINS_PATH, "utf8")).definitions.flatMap((definition) =>
      definition.kind === Kind.SCALAR_TYPE_DEFINITION ? [definition.name.value] : [],
    );
    expect(declaredScalars).toContain("AWSDateTime");
    for (const name of declaredScalars) {
      const type = schema.getType(name) as GraphQLScalarType;
      expect(() => type.parseValue({ not: "a scalar" }), name).toThrow(name);
    }
  });

  it("invokes the mapped resolver with AppSync's direct Lambda resolver event", async () => {
    const events: AppSyncResolverEvent<Record<string, unknown>>[] = [];
    const orderResolver = new LocalFunction({
      name: "Query-order",
      load: async () => ({
        handler: async (event: unknown) => {
          events.push(event as AppSyncResolverEvent<Record<string, unknown>>);
          return { id: "01ABC", orderStatus: "QUEUED", statusHistory: [{ status: "QUEUED", at: "2026-01-01T00:00:00.000Z" }] };
        },
      }),
    });
    const endpoint = new GraphqlEndpoint(loadAppSyncSchema(), new Map([["Query.order", orderResolver]]), apiKeyOnly);
    const query = "query Read($id: String!) { order(id: $id) { id ...Status } } fragment Status on Order { orderStatus statusHistory { status at } }";
    const response = await endpoint.handle(
      requestWith({ "x-api-key": API_KEY, "content-type": "application/json" }),
      JSON.stringify({ query, variables: { id: "01ABC" } }),
    );

    expect(response).toEqual({
      status: 200,
      body: { data: { order: { id: "01ABC", orderStatus: "QUEUED", statusHistory: [{ status: "QUEUED", at: "2026-01-01T00:00:00.000Z" }] } } },
    });
    expect(events).toHaveLength(1);
    const event = events[0]!;
    expect(event).toMatchObject({
      arguments: { id: "01ABC" },
      identity: null,
      source: null,
      prev: null,
      stash: {},
      request: { headers: { "x-api-key": API_KEY, "content-type": "application/json" } },
      info: { fieldName: "order", parentTypeName: "Query", variables: { id: "01ABC" } },
    });
    expect(event.info.selectionSetList).toEqual(["id", "orderStatus", "statusHistory", "statusHistory/status", "statusHistory/at"]);
    expect(event.info.selectionSetGraphQL).toContain("...Status");
  });

  it("runs graphql/lambdaResolver.js around the function: a returned domain error becomes util.error with errorInfo", async () => {
    const refusing = new LocalFunction({
      name: "Mutation-cancelOrder",
      load: async () => ({
        handler: async () => ({ resolverError: { errorType: "OrderNotModifiableError", message: "Too late to cancel", errorInfo: { orderId: "01ABC" } } }),
      }),
    });
    const endpoint = new GraphqlEndpoint(loadAppSyncSchema(), new Map([["Mutation.cancelOrder", refusing]]), apiKeyOnly);
    const response = await endpoint.handle(requestWith({ "x-api-key": API_KEY }), JSON.stringify({ query: 'mutation { cancelOrder(id: "01ABC") { id } }' }));
    expect(response).toEqual({
      status: 200,
      body: {
        data: null,
        errors: [
          {
            path: ["cancelOrder"],
            data: null,
            errorType: "OrderNotModifiableError",
            errorInfo: { orderId: "01ABC" },
            locations: [{ line: 1, column: 12, sourceName: null }],
            message: "Too late to cancel",
          },
        ],
      },
    });
  });

  it("reports a function that throws as AppSync reports a Lambda failure to resolver code: Lambda:Unhandled with the message", async () => {
    const failing = new LocalFunction({
      name: "Query-order",
      load: async () => ({
        handler: async () => {
          throw new TypeError("boom");
        },
      }),
    });
    const endpoint = new GraphqlEndpoint(loadAppSyncSchema(), new Map([["Query.order", failing]]), apiKeyOnly);
    const response = await endpoint.handle(requestWith({ "x-api-key": API_KEY }), JSON.stringify({ query: '{ order(id: "01ABC") { id } }' }));
    expect((response.body as { errors: unknown[] }).errors).toEqual([
      expect.objectContaining({ path: ["order"], errorType: "Lambda:Unhandled", errorInfo: null, message: "boom" }),
    ]);
  });

  it("rejects a value that is not an AWSDateTime, as AppSync validates its scalars", async () => {
    const orderResolver = new LocalFunction({
      name: "Query-order",
      load: async () => ({ handler: async () => ({ id: "01ABC", createdAt: "yesterday" }) }),
    });
    const endpoint = new GraphqlEndpoint(loadAppSyncSchema(), new Map([["Query.order", orderResolver]]), apiKeyOnly);
    const response = await endpoint.handle(requestWith({ "x-api-key": API_KEY }), JSON.stringify({ query: '{ order(id: "01ABC") { createdAt } }' }));
    const body = response.body as { errors: Array<{ message: string; path: unknown }> };
    expect(body.errors[0]!.message).toContain("AWSDateTime");
    expect(body.errors[0]!.path).toEqual(["order", "createdAt"]);
  });

  it("answers a query that does not fit the schema with AppSync's validation error shape and runs nothing", async () => {
    const endpoint = new GraphqlEndpoint(loadAppSyncSchema(), new Map(), apiKeyOnly);
    const response = await endpoint.handle(requestWith({ "x-api-key": API_KEY }), JSON.stringify({ query: "{ pizzas { id } }" }));
    expect(response).toEqual({
      status: 200,
      body: { data: null, errors: [{ path: null, locations: [{ line: 1, column: 3, sourceName: null }], message: expect.stringContaining("pizzas") }] },
    });
  });
});

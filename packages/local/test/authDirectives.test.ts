// AppSync's directive rules on a small fixture schema that has every case the real schema lacks
// (an API-key-only field, an IAM field, cognito_groups, a field overriding its type, a type with
// no directive), enforced by the local API over HTTP with real credential checks.
import type { AppSyncIdentityIAM, AppSyncResolverEvent } from "aws-lambda";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { buildAppSyncSchema } from "../src/appsync/appsyncSchema";
import { FieldAuthorization } from "../src/appsync/authDirectives";
import { CognitoTokenVerifier } from "../src/appsync/cognitoTokenVerifier";
import { GraphqlEndpoint } from "../src/appsync/graphqlEndpoint";
import { RequestAuthenticator } from "../src/appsync/requestAuth";
import { LOCAL_CREDENTIALS } from "../src/aws/localClientConfig";
import { type RunningServer, readBody, sendJson, startHttpServer } from "../src/http/httpServer";
import { LocalFunction } from "../src/lambda/localFunction";
import { graphql, graphqlBody } from "./support/graphqlClient";
import { sigV4Headers } from "./support/sigV4";
import { newSigningKey, signToken } from "./support/tokens";

const FIXTURE_SCHEMA = /* GraphQL */ `
  type Query {
    publicNotice: String @aws_api_key
    publicThing: Thing @aws_api_key
    myThing: Thing @aws_cognito_user_pools
    kitchen: String @aws_cognito_user_pools(cognito_groups: ["staff-Dominos", "staff-Luigis"])
    backendOnly: String @aws_iam
    byDefault: String
    untagged: Untagged @aws_api_key @aws_cognito_user_pools
  }
  type Thing @aws_api_key @aws_cognito_user_pools {
    id: ID!
    secret: String @aws_cognito_user_pools
  }
  type Untagged {
    value: String
  }
`;

const API_KEY = "fixture-key";
const ISSUER = "https://cognito-idp.us-east-1.amazonaws.com/local_Fixture";
const CLIENT_ID = "fixture-client";
const POOL_KEY = newSigningKey("fixture-pool-key");

const schema = buildAppSyncSchema(FIXTURE_SCHEMA);
let server: RunningServer;
let url: string;
let events: Array<AppSyncResolverEvent<Record<string, unknown>>> = [];

/** A root resolver that records its event and returns a fixed value. */
function resolver(name: string, value: unknown): [string, LocalFunction] {
  return [
    `Query.${name}`,
    new LocalFunction({
      name,
      load: async () => ({
        handler: async (event: unknown) => {
          events.push(event as AppSyncResolverEvent<Record<string, unknown>>);
          return value;
        },
      }),
    }),
  ];
}

function idToken(claims: Record<string, unknown> = {}): string {
  const now = Math.floor(Date.now() / 1000);
  return signToken(
    { sub: "sub-1", iss: ISSUER, aud: CLIENT_ID, token_use: "id", "cognito:username": "sub-1", email: "a@example.com", iat: now, exp: now + 600, ...claims },
    POOL_KEY,
  );
}

beforeAll(async () => {
  const auth = new RequestAuthenticator({
    apiKey: API_KEY,
    userPoolTokens: CognitoTokenVerifier.withKeys({ issuer: ISSUER, clientId: CLIENT_ID, jwksUri: "http://127.0.0.1:1/jwks.json" }, {
      keys: [POOL_KEY.publicJwk],
    } as never),
    iam: {
      credentials: LOCAL_CREDENTIALS,
      region: "us-east-1",
      principal: { accountId: "000000000000", username: "local", userArn: "arn:aws:iam::000000000000:user/local" },
    },
  });
  const endpoint = new GraphqlEndpoint(
    schema,
    new Map([
      resolver("publicNotice", "open"),
      resolver("myThing", { id: "t1", secret: "s3cret" }),
      resolver("publicThing", { id: "t2", secret: "s3cret" }),
      resolver("kitchen", "orders to cook"),
      resolver("backendOnly", "published"),
      resolver("byDefault", "default mode"),
      resolver("untagged", { value: "v" }),
    ]),
    auth,
  );
  server = await startHttpServer(async (request, response) => {
    const { status, body } = await endpoint.handle(request, await readBody(request));
    sendJson(response, status, body);
  }, 0);
  url = `${server.url}/graphql`;
});

afterAll(() => server?.close());

beforeEach(() => {
  events = [];
});

const notAuthorized = (field: string, type: string, path: unknown[]) =>
  expect.objectContaining({ path, errorType: "Unauthorized", data: null, message: `Not Authorized to access ${field} on type ${type}` });

describe("which modes may read a field (FieldAuthorization)", () => {
  const rules = new FieldAuthorization(schema, "API_KEY");
  const apiKey = { mode: "API_KEY" as const, groups: [] };
  const user = { mode: "AMAZON_COGNITO_USER_POOLS" as const, groups: [] };
  const dominosStaff = { mode: "AMAZON_COGNITO_USER_POOLS" as const, groups: ["staff-Dominos"] };
  const iam = { mode: "AWS_IAM" as const, groups: [] };

  it("uses the field's directives first, then its type's, then the default mode", () => {
    expect(rules.isAllowed("Query", "publicNotice", apiKey)).toBe(true);
    expect(rules.isAllowed("Query", "publicNotice", user)).toBe(false);
    expect(rules.isAllowed("Thing", "id", apiKey)).toBe(true);
    expect(rules.isAllowed("Thing", "id", user)).toBe(true);
    expect(rules.isAllowed("Thing", "secret", apiKey)).toBe(false);
    expect(rules.isAllowed("Query", "byDefault", apiKey)).toBe(true);
    expect(rules.isAllowed("Query", "byDefault", user)).toBe(false);
    expect(rules.isAllowed("Untagged", "value", apiKey)).toBe(true);
    expect(rules.isAllowed("Untagged", "value", user)).toBe(false);
  });

  it("admits a user pool caller to a cognito_groups field only in one of the groups", () => {
    expect(rules.isAllowed("Query", "kitchen", dominosStaff)).toBe(true);
    expect(rules.isAllowed("Query", "kitchen", user)).toBe(false);
    expect(rules.isAllowed("Query", "kitchen", { mode: "AMAZON_COGNITO_USER_POOLS", groups: ["staff-NapoliExpress"] })).toBe(false);
    expect(rules.isAllowed("Query", "kitchen", apiKey)).toBe(false);
  });

  it("gives IAM only what names it", () => {
    expect(rules.isAllowed("Query", "backendOnly", iam)).toBe(true);
    expect(rules.isAllowed("Query", "backendOnly", apiKey)).toBe(false);
    expect(rules.isAllowed("Query", "publicNotice", iam)).toBe(false);
  });

  it("reads the real schema's directives the same way (menu for key and users, me for users only)", async () => {
    const { loadAppSyncSchema } = await import("../src/appsync/appsyncSchema");
    const real = new FieldAuthorization(loadAppSyncSchema(), "API_KEY");
    expect(real.isAllowed("Query", "menu", apiKey) && real.isAllowed("Query", "menu", user)).toBe(true);
    expect(real.isAllowed("Query", "me", apiKey)).toBe(false);
    expect(real.isAllowed("Account", "customerId", user)).toBe(true);
    expect(real.isAllowed("OrderStatusChange", "status", apiKey)).toBe(true);
  });
});

describe("enforced by the local API, as AppSync answers", () => {
  it("refuses an API-key-only field to a token caller, without invoking its resolver, and runs the rest", async () => {
    const result = await graphql(url, "{ publicNotice myThing { id } }", {}, { token: idToken() });
    expect(result.status).toBe(200);
    expect(result.body.data).toEqual({ publicNotice: null, myThing: { id: "t1" } });
    expect(result.body.errors).toEqual([notAuthorized("publicNotice", "Query", ["publicNotice"])]);
    expect(events.map((event) => event.info.fieldName)).toEqual(["myThing"]);
  });

  it("nulls a nested field the mode may not read, with AppSync's error, and keeps its siblings", async () => {
    const result = await graphql(url, "{ publicThing { id secret } }", {}, API_KEY);
    expect(result.body).toEqual({ data: { publicThing: { id: "t2", secret: null } }, errors: [notAuthorized("secret", "Thing", ["publicThing", "secret"])] });
    const asUser = await graphql(url, "{ myThing { id secret } }", {}, { token: idToken() });
    expect(asUser.body).toEqual({ data: { myThing: { id: "t1", secret: "s3cret" } } });
  });

  it("enforces cognito_groups from the verified token", async () => {
    const outsider = await graphql(url, "{ kitchen }", {}, { token: idToken() });
    expect(outsider.body).toEqual({ data: { kitchen: null }, errors: [notAuthorized("kitchen", "Query", ["kitchen"])] });
    const staff = await graphql(url, "{ kitchen }", {}, { token: idToken({ "cognito:groups": ["staff-Luigis"] }) });
    expect(staff.body).toEqual({ data: { kitchen: "orders to cook" } });
    expect(events).toHaveLength(1);
  });

  it("lets a correctly signed IAM caller read an @aws_iam field, with AppSync's IAM identity", async () => {
    const query = "{ backendOnly }";
    const headers = await sigV4Headers(url, graphqlBody(query), LOCAL_CREDENTIALS);
    const result = await graphql(url, query, {}, { headers });
    expect(result.body).toEqual({ data: { backendOnly: "published" } });
    expect(events[0]!.identity as AppSyncIdentityIAM).toEqual({
      accountId: "000000000000",
      cognitoIdentityPoolId: null,
      cognitoIdentityId: null,
      sourceIp: ["127.0.0.1"],
      username: "local",
      userArn: "arn:aws:iam::000000000000:user/local",
      cognitoIdentityAuthType: null,
      cognitoIdentityAuthProvider: null,
    });
    const asKey = await graphql(url, query, {}, API_KEY);
    expect(asKey.body.errors).toEqual([notAuthorized("backendOnly", "Query", ["backendOnly"])]);
  });

  it("gives the default mode (API key) the fields and types without directives, and nobody else", async () => {
    expect((await graphql(url, "{ byDefault }", {}, API_KEY)).body).toEqual({ data: { byDefault: "default mode" } });
    const asUser = await graphql(url, "{ untagged { value } }", {}, { token: idToken() });
    expect(asUser.body).toEqual({ data: { untagged: { value: null } }, errors: [notAuthorized("value", "Untagged", ["untagged", "value"])] });
  });
});

// Local identity through the real local API, as AppSync would answer: a customer signs up, finds
// the confirmation code on the developer page, confirms and signs in; user pool tokens are checked
// like AppSync checks them (signature, issuer, expiry, token use, client) and a refused token runs
// nothing; headers and arguments cannot name an identity; SigV4 callers are verified; groups reach
// the identity; users survive a restart.

import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { CognitoIdentityProviderClient, ConfirmSignUpCommand, InitiateAuthCommand, SignUpCommand } from "@aws-sdk/client-cognito-identity-provider";
import type { AppSyncIdentityCognito, AppSyncResolverEvent } from "aws-lambda";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { LOCAL_CREDENTIALS, localClientConfig } from "../src/aws/localClientConfig";
import { COGNITO_ISSUER_DOMAIN } from "../src/cognito/localUserPool";
import { LocalFunction } from "../src/lambda/localFunction";
import type { LocalShop } from "../src/localShop";
import { readConfirmationCode, type SignedInCustomer, signIn, signUpCustomer, TEST_PASSWORD, uniqueEmail } from "./support/customers";
import { graphql, graphqlBody } from "./support/graphqlClient";
import { sigV4Headers } from "./support/sigV4";
import { restartTestShop, startTestShop, stopTestShop, storedOrderCount } from "./support/testShop";
import { decodePayload, poolSigningKey, resignedWith, signedByAnotherKey, signedWithCognitoLocalPackagedKey, tamperedPayload } from "./support/tokens";

const ME = "{ me { customerId staffOf } }";
const POST_ORDER = 'mutation { postOrder(input: { name: "Pizza", quantity: 1, restaurantId: "Dominos", paymentToken: "tok_visa" }) { id } }';
const NOT_AUTHORIZED_ME = {
  path: ["me"],
  data: null,
  errorType: "Unauthorized",
  errorInfo: null,
  locations: [{ line: 1, column: 3, sourceName: null }],
  message: "Not Authorized to access me on type Query",
};

let shop: LocalShop;
let customer: SignedInCustomer;
/** The events a recording resolver for Query.me received (the test is about what AppSync hands a resolver). */
let meEvents: AppSyncResolverEvent<Record<string, unknown>>[] = [];

function recordMeResolver(target: LocalShop): void {
  target.functions.resolvers.set(
    "Query.me",
    new LocalFunction({
      name: "Query-me-recorder",
      load: async () => ({
        handler: async (event: unknown) => {
          const appsyncEvent = event as AppSyncResolverEvent<Record<string, unknown>>;
          meEvents.push(appsyncEvent);
          return { customerId: (appsyncEvent.identity as AppSyncIdentityCognito).sub, staffOf: (appsyncEvent.identity as AppSyncIdentityCognito).groups ?? [] };
        },
      }),
    }),
  );
}

beforeAll(async () => {
  shop = await startTestShop();
  recordMeResolver(shop);
  customer = await signUpCustomer(shop);
});

afterAll(() => stopTestShop(shop));

beforeEach(() => {
  meEvents = [];
});

describe("sign-up and sign-in against the local user pool", () => {
  it("shows the confirmation code on the developer page; the confirmed user signs in and reaches a user-pool-only field", async () => {
    const email = uniqueEmail();
    const cognito = new CognitoIdentityProviderClient(localClientConfig(shop.userPool.url));
    try {
      await cognito.send(
        new SignUpCommand({ ClientId: shop.userPool.clientId, Username: email, Password: TEST_PASSWORD, UserAttributes: [{ Name: "email", Value: email }] }),
      );
      await expect(signIn(shop, email, TEST_PASSWORD)).rejects.toThrow();

      const page = await fetch(`${shop.apiUrl}/dev/confirmation-codes?key=${shop.apiKey}`);
      expect(page.status).toBe(200);
      expect(page.headers.get("content-type")).toContain("text/html");
      const html = await page.text();
      const code = await readConfirmationCode(shop, email);
      expect(code).toMatch(/^\d{6}$/);
      expect(html).toContain(email);
      expect(html).toContain(code);

      await cognito.send(new ConfirmSignUpCommand({ ClientId: shop.userPool.clientId, Username: email, ConfirmationCode: code }));
    } finally {
      cognito.destroy();
    }
    const tokens = await signIn(shop, email, TEST_PASSWORD);
    const result = await graphql<{ me: { customerId: string } }>(shop.graphqlUrl, ME, {}, { token: tokens.idToken });
    expect(result).toEqual({ status: 200, body: { data: { me: { customerId: decodePayload(tokens.idToken).sub, staffOf: [] } } } });
    // The code sent to the address proved it, so Cognito marks it verified (what the e-mail prefill relies on).
    expect(decodePayload(tokens.idToken)).toMatchObject({ email, email_verified: true });
  });

  it("leaves an address no code has proven unverified in the ID token (a user confirmed by an administrator)", async () => {
    const adminConfirmed = await signUpCustomer(shop, { confirmWith: "admin" });
    expect(decodePayload(adminConfirmed.idToken)).toMatchObject({ email: adminConfirmed.email, email_verified: false });
  });

  it("signs tokens with the pool's own key and publishes only its public half", async () => {
    const header = JSON.parse(Buffer.from(customer.idToken.split(".")[0]!, "base64url").toString("utf8")) as { kid: string; alg: string };
    expect(header).toMatchObject({ alg: "RS256", kid: poolSigningKey(shop).kid });
    const jwks = (await (await fetch(shop.userPool.jwksUri)).json()) as { keys: Array<Record<string, string>> };
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]).toMatchObject({ kid: header.kid, kty: "RSA", alg: "RS256", use: "sig" });
    expect(jwks.keys[0]!.d).toBeUndefined();
  });

  it("issues tokens whose issuer looks like Cognito's", () => {
    expect(decodePayload(customer.idToken).iss).toBe(`${COGNITO_ISSUER_DOMAIN}/${shop.userPool.userPoolId}`);
    expect(shop.userPool.issuer).toMatch(/^https:\/\/cognito-idp\.us-east-1\.amazonaws\.com\/local_/);
  });

  it("hands the resolver AppSync's user pool identity, from an ID token and from an access token", async () => {
    for (const token of [customer.idToken, customer.accessToken]) {
      const result = await graphql(shop.graphqlUrl, ME, {}, { token });
      expect(result.status).toBe(200);
      expect(result.body.errors).toBeUndefined();
    }
    expect(meEvents).toHaveLength(2);
    const [fromIdToken, fromAccessToken] = meEvents.map((event) => event.identity as AppSyncIdentityCognito);
    expect(fromIdToken).toEqual({
      sub: customer.sub,
      issuer: shop.userPool.issuer,
      username: decodePayload(customer.idToken)["cognito:username"],
      claims: decodePayload(customer.idToken),
      sourceIp: ["127.0.0.1"],
      defaultAuthStrategy: "ALLOW",
      groups: null,
    });
    expect(fromIdToken!.claims.email).toBe(customer.email);
    expect(fromAccessToken).toMatchObject({
      sub: customer.sub,
      issuer: shop.userPool.issuer,
      claims: { token_use: "access", client_id: shop.userPool.clientId },
    });
  });

  it("accepts the tokens a refresh returns (what Amplify does when the ID token runs out)", async () => {
    const cognito = new CognitoIdentityProviderClient(localClientConfig(shop.userPool.url));
    try {
      const { AuthenticationResult } = await cognito.send(
        new InitiateAuthCommand({ ClientId: shop.userPool.clientId, AuthFlow: "REFRESH_TOKEN_AUTH", AuthParameters: { REFRESH_TOKEN: customer.refreshToken } }),
      );
      const result = await graphql(shop.graphqlUrl, ME, {}, { token: AuthenticationResult!.IdToken! });
      expect(result.body).toEqual({ data: { me: { customerId: customer.sub, staffOf: [] } } });
    } finally {
      cognito.destroy();
    }
  });

  it("refuses the user-pool-only field to an API-key caller, as AppSync does, without invoking its resolver", async () => {
    const result = await graphql(shop.graphqlUrl, ME, {}, shop.apiKey);
    expect(result).toEqual({ status: 200, body: { data: null, errors: [NOT_AUTHORIZED_ME] } });
    expect(meEvents).toHaveLength(0);
  });

  it("puts a staff member's groups into the token and the identity", async () => {
    const staff = await signUpCustomer(shop, { staffOf: "Dominos", confirmWith: "admin" });
    expect(decodePayload(staff.idToken)["cognito:groups"]).toEqual(["staff-Dominos"]);
    const result = await graphql(shop.graphqlUrl, ME, {}, { token: staff.idToken });
    expect(result.body).toEqual({ data: { me: { customerId: staff.sub, staffOf: ["staff-Dominos"] } } });
    expect((meEvents[0]!.identity as AppSyncIdentityCognito).groups).toEqual(["staff-Dominos"]);
  });
});

describe("the staff command", () => {
  const runStaff = (...args: string[]) =>
    promisify(execFile)("node", ["--import", "tsx", "src/cli/staff.ts", ...args], {
      cwd: fileURLToPath(new URL("..", import.meta.url)),
      env: { ...process.env, LOCAL_HOST: shop.settings.host, LOCAL_COGNITO_PORT: String(shop.userPool.port) },
    });

  it("makes a signed-up user staff of a restaurant: the next sign-in carries the group", async () => {
    const person = await signUpCustomer(shop, { confirmWith: "admin" });
    expect(decodePayload(person.idToken)["cognito:groups"]).toBeUndefined();
    const { stdout } = await runStaff(person.email, "Luigis");
    expect(stdout).toContain("staff-Luigis");
    const tokens = await signIn(shop, person.email, person.password);
    expect(decodePayload(tokens.idToken)["cognito:groups"]).toEqual(["staff-Luigis"]);
  });

  it("refuses a restaurant that is not on the menu and changes nothing", async () => {
    const person = await signUpCustomer(shop, { confirmWith: "admin" });
    await expect(runStaff(person.email, "NoSuchPlace")).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('"NoSuchPlace" is not a restaurant of the menu'),
    });
    const tokens = await signIn(shop, person.email, person.password);
    expect(decodePayload(tokens.idToken)["cognito:groups"]).toBeUndefined();
  });
});

describe("tokens AppSync would refuse are refused before anything runs", () => {
  const refusedTokens: Array<[string, () => string, string]> = [
    [
      "a forged payload (sub changed, signature kept)",
      () => tamperedPayload(customer.idToken, { sub: "someone-else" }),
      "You are not authorized to make this call.",
    ],
    [
      "a token signed with the key cognito-local publishes in its package",
      () => signedWithCognitoLocalPackagedKey(customer.idToken),
      "You are not authorized to make this call.",
    ],
    ["a token signed by another RSA key", () => signedByAnotherKey(shop, customer.idToken), "You are not authorized to make this call."],
    ["an expired token", () => resignedWith(shop, customer.idToken, { exp: Math.floor(Date.now() / 1000) - 60 }), "Token has expired."],
    [
      "a token of another issuer",
      () => resignedWith(shop, customer.idToken, { iss: `${COGNITO_ISSUER_DOMAIN}/us-east-1_SomeOtherPool` }),
      "You are not authorized to make this call.",
    ],
    [
      "an ID token for another app client",
      () => resignedWith(shop, customer.idToken, { aud: "another-client-id" }),
      "You are not authorized to make this call.",
    ],
    [
      "an access token for another app client",
      () => resignedWith(shop, customer.accessToken, { client_id: "another-client-id" }),
      "You are not authorized to make this call.",
    ],
    [
      "a token that is neither an ID nor an access token",
      () => resignedWith(shop, customer.idToken, { token_use: "refresh" }),
      "You are not authorized to make this call.",
    ],
    ["a Bearer-prefixed token", () => `Bearer ${customer.idToken}`, "Unable to parse JWT token."],
    ["a refresh token", () => customer.refreshToken, "You are not authorized to make this call."],
  ];

  it.each(refusedTokens)("refuses %s with HTTP 401 and writes nothing", async (_name, makeToken, message) => {
    const postOrder = shop.functions.resolvers.get("Mutation.postOrder")!;
    const ordersBefore = await storedOrderCount(shop);
    const invocationsBefore = postOrder.invocations;

    const result = await graphql(shop.graphqlUrl, POST_ORDER, {}, { token: makeToken() });

    expect(result).toEqual({ status: 401, body: { errors: [{ errorType: "UnauthorizedException", message }] } });
    expect(postOrder.invocations).toBe(invocationsBefore);
    expect(await storedOrderCount(shop)).toBe(ordersBefore);
    expect(shop.ordersQueue.counters.sent).toBe(0);
  });

  it("refuses a bad token even beside a valid API key (no quiet downgrade to a guest)", async () => {
    const result = await graphql(shop.graphqlUrl, ME, {}, { apiKey: shop.apiKey, token: tamperedPayload(customer.idToken, { sub: "x" }) });
    expect(result.status).toBe(401);
    expect(meEvents).toHaveLength(0);
  });
});

describe("nothing but verified credentials names the caller", () => {
  const claimingHeaders = (sub: string) => ({ "x-amz-user-sub": sub, "x-customer-id": sub, "x-amzn-oidc-identity": sub, "x-forwarded-for": "203.0.113.9" });

  it("does not make an API-key caller a signed-in customer by headers", async () => {
    const result = await graphql(shop.graphqlUrl, ME, {}, { apiKey: shop.apiKey, headers: claimingHeaders(customer.sub) });
    expect(result.body).toEqual({ data: null, errors: [NOT_AUTHORIZED_ME] });
    expect(meEvents).toHaveLength(0);
  });

  it("keeps a signed-in caller's identity from the token whatever the headers say", async () => {
    const result = await graphql(shop.graphqlUrl, ME, {}, { token: customer.idToken, headers: claimingHeaders("someone-else") });
    expect(result.body).toEqual({ data: { me: { customerId: customer.sub, staffOf: [] } } });
    expect(meEvents[0]!.identity).toMatchObject({ sub: customer.sub, sourceIp: ["127.0.0.1"] });
  });

  it("has no argument that names a customer: such an input is refused by the schema and writes nothing", async () => {
    const ordersBefore = await storedOrderCount(shop);
    const result = await graphql(
      shop.graphqlUrl,
      'mutation { postOrder(input: { name: "Pizza", quantity: 1, restaurantId: "Dominos", customerId: "someone-else" }) { id } }',
      {},
      { token: customer.idToken },
    );
    expect(result.body.data).toBeNull();
    expect(result.body.errors![0]!.message).toContain("customerId");
    expect(await storedOrderCount(shop)).toBe(ordersBefore);
  });
});

describe("IAM (SigV4) callers", () => {
  const MENU = "{ menu { currency } }";

  it("accepts a correct signature as AWS_IAM and still refuses fields not declared for IAM", async () => {
    const headers = await sigV4Headers(shop.graphqlUrl, graphqlBody(MENU), LOCAL_CREDENTIALS);
    const result = await graphql(shop.graphqlUrl, MENU, {}, { headers });
    expect(result.status).toBe(200);
    expect(result.body).toEqual({
      data: null,
      errors: [expect.objectContaining({ errorType: "Unauthorized", message: "Not Authorized to access menu on type Query" })],
    });
  });

  it("refuses a signature made with the wrong secret (403, AWS's error) and runs nothing", async () => {
    const menu = shop.functions.resolvers.get("Query.menu")!;
    const before = menu.invocations;
    const headers = await sigV4Headers(shop.graphqlUrl, graphqlBody(MENU), { accessKeyId: LOCAL_CREDENTIALS.accessKeyId, secretAccessKey: "not-the-secret" });
    const result = await graphql(shop.graphqlUrl, MENU, {}, { headers });
    expect(result.status).toBe(403);
    expect(result.body.errors).toEqual([{ errorType: "InvalidSignatureException", message: expect.stringContaining("does not match") }]);
    expect(menu.invocations).toBe(before);
  });

  it("refuses an unknown access key and a body changed after signing", async () => {
    const unknownKey = await sigV4Headers(shop.graphqlUrl, graphqlBody(MENU), { accessKeyId: "AKIDUNKNOWN", secretAccessKey: "x" });
    expect((await graphql(shop.graphqlUrl, MENU, {}, { headers: unknownKey })).body.errors).toEqual([
      { errorType: "UnrecognizedClientException", message: "The security token included in the request is invalid." },
    ]);
    const signedForMenu = await sigV4Headers(shop.graphqlUrl, graphqlBody(MENU), LOCAL_CREDENTIALS);
    const ordersBefore = await storedOrderCount(shop);
    const result = await graphql(shop.graphqlUrl, POST_ORDER, {}, { headers: signedForMenu });
    expect(result.status).toBe(403);
    expect(await storedOrderCount(shop)).toBe(ordersBefore);
  });
});

describe("the developer page", () => {
  it("needs the API key and answers only the web app's origin", async () => {
    const url = `${shop.apiUrl}/dev/confirmation-codes`;
    expect((await fetch(url)).status).toBe(401);
    expect((await fetch(`${url}?key=wrong`)).status).toBe(401);
    expect((await fetch(url, { headers: { "x-api-key": shop.apiKey, origin: "https://evil.example" } })).status).toBe(403);

    const fromWebApp = await fetch(`${url}?format=json`, { headers: { "x-api-key": shop.apiKey, origin: shop.settings.webOrigins[0] } });
    expect(fromWebApp.status).toBe(200);
    expect(fromWebApp.headers.get("access-control-allow-origin")).toBe(shop.settings.webOrigins[0]);
    const { codes } = (await fromWebApp.json()) as { codes: Array<{ destination: string }> };
    expect(codes.map((entry) => entry.destination)).toContain(customer.email);

    const preflight = await fetch(url, { method: "OPTIONS", headers: { origin: shop.settings.webOrigins[0], "access-control-request-headers": "x-api-key" } });
    expect(preflight.headers.get("access-control-allow-origin")).toBe(shop.settings.webOrigins[0]);
  });
});

describe("a restart", () => {
  it("keeps the pool, its client, its users and their tokens", async () => {
    const before = { userPoolId: shop.userPool.userPoolId, clientId: shop.userPool.clientId };
    await shop.stop();
    shop = await restartTestShop(shop);
    recordMeResolver(shop);
    expect({ userPoolId: shop.userPool.userPoolId, clientId: shop.userPool.clientId }).toEqual(before);

    const stillValid = await graphql(shop.graphqlUrl, ME, {}, { token: customer.idToken });
    expect(stillValid.body).toEqual({ data: { me: { customerId: customer.sub, staffOf: [] } } });
    const tokens = await signIn(shop, customer.email, customer.password);
    expect(decodePayload(tokens.idToken).sub).toBe(customer.sub);
  });
});

// The web app's configuration comes from index.html's shop-config meta tags (filled in by Vite from
// the environment), and the shop mode, not the API's host name, says whether there is an outbox.
import { describe, expect, it } from "vitest";
import { readApiConfig, readPageEnvironment } from "../src/app/config";
import { outboxUrlFor } from "../src/notifications/outbox";

function pageWith(metas: Record<string, string>): Document {
  const doc = document.implementation.createHTMLDocument("shop");
  for (const [name, content] of Object.entries(metas)) {
    const meta = doc.createElement("meta");
    meta.name = name;
    meta.content = content;
    doc.head.append(meta);
  }
  return doc;
}

describe("the shop's configuration", () => {
  it("is read from the page's shop-config meta tags", () => {
    const doc = pageWith({
      "shop-config:VITE_GRAPHQL_URL": "https://api.pizza.example/graphql",
      "shop-config:VITE_GRAPHQL_API_KEY": "da2-rotated",
      "shop-config:VITE_SHOP_MODE": "cloud",
      description: "not configuration",
    });
    expect(readApiConfig(readPageEnvironment(doc))).toEqual({ graphqlUrl: "https://api.pizza.example/graphql", apiKey: "da2-rotated", shopMode: "cloud" });
  });

  it("treats a placeholder Vite left unfilled as missing, and names what is missing", () => {
    const doc = pageWith({
      "shop-config:VITE_GRAPHQL_URL": "http://localhost:4000/graphql",
      "shop-config:VITE_GRAPHQL_API_KEY": "%VITE_GRAPHQL_API_KEY%",
      "shop-config:VITE_SHOP_MODE": "%VITE_SHOP_MODE%",
    });
    expect(readPageEnvironment(doc)).toEqual({ VITE_GRAPHQL_URL: "http://localhost:4000/graphql" });
    expect(() => readApiConfig(readPageEnvironment(doc))).toThrow("The web app was built without VITE_GRAPHQL_API_KEY, VITE_SHOP_MODE.");
  });

  it("takes the user pool and the developer page when given, and refuses half a user pool", () => {
    const doc = pageWith({
      "shop-config:VITE_GRAPHQL_URL": "http://localhost:4000/graphql",
      "shop-config:VITE_GRAPHQL_API_KEY": "local-dev-api-key",
      "shop-config:VITE_SHOP_MODE": "local",
      "shop-config:VITE_COGNITO_USER_POOL_ID": "local_pool",
      "shop-config:VITE_COGNITO_CLIENT_ID": "client",
      "shop-config:VITE_COGNITO_ENDPOINT": "http://localhost:9229",
      "shop-config:VITE_LOCAL_DEV_URL": "http://localhost:4000/dev",
      "shop-config:VITE_LOCAL_MAIL_URL": "http://localhost:1080/",
    });
    expect(readApiConfig(readPageEnvironment(doc))).toMatchObject({
      cognito: { userPoolId: "local_pool", userPoolClientId: "client", userPoolEndpoint: "http://localhost:9229" },
      localDevUrl: "http://localhost:4000/dev",
      localMailUrl: "http://localhost:1080/",
    });
    expect(() =>
      readApiConfig({ VITE_GRAPHQL_URL: "http://x/graphql", VITE_GRAPHQL_API_KEY: "k", VITE_SHOP_MODE: "cloud", VITE_COGNITO_USER_POOL_ID: "p" }),
    ).toThrow(/only one of VITE_COGNITO_USER_POOL_ID and VITE_COGNITO_CLIENT_ID/);
  });

  it("refuses a shop mode other than local or cloud", () => {
    expect(() => readApiConfig({ VITE_GRAPHQL_URL: "http://x/graphql", VITE_GRAPHQL_API_KEY: "k", VITE_SHOP_MODE: "staging" })).toThrow(
      'VITE_SHOP_MODE must be local or cloud, not "staging".',
    );
  });
});

describe("the outbox", () => {
  it("is next to /graphql in the local shop, whatever its host", () => {
    expect(outboxUrlFor({ graphqlUrl: "http://shop.internal:4000/graphql", apiKey: "k", shopMode: "local" })).toBe("http://shop.internal:4000/outbox");
  });

  it("is not asked for in the cloud shop, on AppSync's domain or a custom one", () => {
    expect(outboxUrlFor({ graphqlUrl: "https://abc.appsync-api.eu-west-1.amazonaws.com/graphql", apiKey: "k", shopMode: "cloud" })).toBeUndefined();
    expect(outboxUrlFor({ graphqlUrl: "https://api.pizza.example/graphql", apiKey: "k", shopMode: "cloud" })).toBeUndefined();
  });
});

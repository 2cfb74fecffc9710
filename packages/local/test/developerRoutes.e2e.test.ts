// The local shop's developer routes (/outbox, /pipeline, /pipeline/redrive, /dev/…) show and move
// customers' data: they need the API key and answer browsers only on the web app's origin. The
// GraphQL endpoint keeps AppSync's open CORS (apiKey.e2e.test.ts).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LocalShop } from "../src/localShop";
import { startTestShop, stopTestShop, TEST_API_KEY } from "./support/testShop";

const WEB_ORIGIN = "http://127.0.0.1:5999";
const OTHER_ORIGIN = "https://evil.example";
const ROUTES = [
  ["GET", "/outbox"],
  ["GET", "/pipeline"],
  ["POST", "/pipeline/redrive"],
  ["GET", "/dev/confirmation-codes"],
] as const;

let shop: LocalShop;

beforeAll(async () => {
  shop = await startTestShop({ webOrigins: [WEB_ORIGIN] });
  // A dead letter, so a redrive that should not happen would show.
  await shop.deadLetterQueue.send(JSON.stringify({ customerId: "c", orderId: "o" }));
});

afterAll(() => stopTestShop(shop));

function call(method: string, path: string, headers: Record<string, string> = {}) {
  return fetch(`${shop.apiUrl}${path}`, { method, headers });
}

describe.each(ROUTES)("%s %s", (method, path) => {
  it("refuses a call without the key (401), changing nothing", async () => {
    const response = await call(method, path);
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ errorType: "UnauthorizedException", message: "You are not authorized to make this call." });
    expect(response.headers.get("access-control-allow-origin")).toBeNull();
    expect(shop.deadLetterQueue.depth().visible).toBe(1);
  });

  it("refuses a wrong key (401) and a call from another origin even with the key (403), changing nothing", async () => {
    expect((await call(method, path, { "x-api-key": `${TEST_API_KEY}-wrong` })).status).toBe(401);
    const foreign = await call(method, path, { "x-api-key": TEST_API_KEY, origin: OTHER_ORIGIN });
    expect(foreign.status).toBe(403);
    expect(foreign.headers.get("access-control-allow-origin")).toBeNull();
    expect(shop.deadLetterQueue.depth().visible).toBe(1);
  });

  it("answers a preflight only for the web app's origin, naming that origin (never *)", async () => {
    const preflight = (origin: string) =>
      call("OPTIONS", path, { origin, "access-control-request-method": method, "access-control-request-headers": "x-api-key" });
    const fromWebApp = await preflight(WEB_ORIGIN);
    expect(fromWebApp.status).toBe(204);
    expect(fromWebApp.headers.get("access-control-allow-origin")).toBe(WEB_ORIGIN);
    expect(fromWebApp.headers.get("access-control-allow-headers")).toContain("x-api-key");
    const fromElsewhere = await preflight(OTHER_ORIGIN);
    expect(fromElsewhere.status).toBe(403);
    expect(fromElsewhere.headers.get("access-control-allow-origin")).toBeNull();
  });
});

describe("with the key", () => {
  it("serves the web app's origin with CORS for that origin", async () => {
    const response = await call("GET", "/outbox", { "x-api-key": TEST_API_KEY, origin: WEB_ORIGIN });
    expect(response.status).toBe(200);
    expect(response.headers.get("access-control-allow-origin")).toBe(WEB_ORIGIN);
    expect(await response.json()).toMatchObject({ notifications: [] });
  });

  it("serves a caller without an Origin (curl, the CLI) and redrives", async () => {
    const pipeline = await call("GET", "/pipeline", { "x-api-key": TEST_API_KEY });
    expect(pipeline.status).toBe(200);
    expect(pipeline.headers.get("access-control-allow-origin")).toBeNull();
    const redrive = await call("POST", "/pipeline/redrive", { "x-api-key": TEST_API_KEY });
    expect(await redrive.json()).toMatchObject({ moved: 1, messages: [{ orderId: "o" }] });
    expect(shop.deadLetterQueue.depth().visible).toBe(0);
  });

  it("leaves /health open, for monitors", async () => {
    expect((await call("GET", "/health")).status).toBe(200);
  });
});

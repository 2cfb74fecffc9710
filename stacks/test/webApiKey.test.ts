// The web API key's expiry bound and rotation shape, on a bare CDK stack (no SST synthesis needed).
import { App, Duration, Stack } from "aws-cdk-lib";
import { Template } from "aws-cdk-lib/assertions";
import { describe, expect, it } from "vitest";
import { apiKeyExpiresAt, webApiKeys } from "../webApiKey";

const HOUR = 3600;
const DAY = 86_400;

function keysFor(labels: readonly string[]) {
  const stack = new Stack(new App(), "Site");
  const { current } = webApiKeys(stack, { apiId: "api-id", lifetime: Duration.days(300), labels });
  const template = Template.fromStack(stack);
  return { keys: template.findResources("AWS::AppSync::ApiKey"), currentId: stack.resolve(current.logicalId) as string };
}

describe("the API key expiry", () => {
  it("is the lifetime from now, rounded down to the hour (as AppSync stores it)", () => {
    const now = new Date("2026-11-29T14:59:59Z");
    const expires = apiKeyExpiresAt(Duration.days(300), now);
    expect(expires % HOUR).toBe(0);
    expect(expires).toBe(Date.parse("2026-11-29T14:00:00Z") / 1000 + 300 * DAY);
  });

  it.each([365, 400, 1, 0.5])("refuses a lifetime of %s days, outside AppSync's 1 to 365", (days) => {
    expect(() => apiKeyExpiresAt(Duration.days(days))).toThrow(/between 1 and 365 days/);
  });
});

describe("the web API keys", () => {
  it("are one key per label, the site handing out the newest", () => {
    const { keys, currentId } = keysFor(["2026-11", "2027-09"]);
    expect(Object.keys(keys)).toHaveLength(2);
    expect(Object.keys(keys)).toContain(currentId);
    expect(keys[currentId]!.Properties.Description).toContain("key 2027-09");
  });

  it("rotate without replacing the old key: appending a label keeps the existing key's logical id", () => {
    const before = keysFor(["2026-11"]);
    const during = keysFor(["2026-11", "2027-09"]);
    const after = keysFor(["2027-09"]);
    expect(Object.keys(during.keys)).toEqual(expect.arrayContaining(Object.keys(before.keys)));
    expect(during.currentId).not.toBe(before.currentId);
    expect(after.currentId).toBe(during.currentId);
    expect(Object.keys(after.keys)).toEqual([during.currentId]);
  });

  it("refuses no label or a repeated one", () => {
    expect(() => keysFor([])).toThrow(/at least one/);
    expect(() => keysFor(["a", "a"])).toThrow(/repeat/);
  });

  it("expire within AppSync's bounds with margin", () => {
    const { keys } = keysFor(["2026-11"]);
    const [key] = Object.values(keys);
    const days = (key!.Properties.Expires - Date.now() / 1000) / DAY;
    expect(days).toBeGreaterThan(299);
    expect(days).toBeLessThanOrEqual(300);
  });
});

import { describe, expect, it } from "vitest";

describe("AWS client instrumentation", () => {
  it("reaches clients created before and after the hook is set", async () => {
    const { getSqsClient, getSnsClient, instrumentAwsClients } = await import("../src/aws/clients");
    const early = getSqsClient();
    const seen: object[] = [];
    instrumentAwsClients((client) => {
      seen.push(client);
      return client;
    });
    const late = getSnsClient();
    expect(seen).toEqual([early, late]);
  });
});

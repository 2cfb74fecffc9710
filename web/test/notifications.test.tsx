import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { renderApp, TEST_CONFIG } from "./support/renderApp";

const noGraphql = () => {
  throw new Error("the notifications page sends no GraphQL request");
};

/** A fetch that answers the outbox requests in turn (the last answer repeats), honouring aborts as browsers do. */
function stubOutbox(...answers: Array<() => Response | Error>) {
  const calls: Array<{ url: string; headers: Headers }> = [];
  let next = 0;
  vi.stubGlobal("fetch", async (url: string, init?: RequestInit) => {
    await Promise.resolve(); // a real fetch never answers synchronously
    if (init?.signal?.aborted) throw new DOMException("The operation was aborted.", "AbortError");
    calls.push({ url: String(url), headers: new Headers(init?.headers) });
    const answer = answers[Math.min(next++, answers.length - 1)]();
    if (answer instanceof Error) throw answer;
    return answer;
  });
  return calls;
}

const json = (body: unknown) => () => new Response(JSON.stringify(body), { status: 200, headers: { "content-type": "application/json" } });

describe("notifications", () => {
  it("shows the local outbox, newest first, read from next to the GraphQL endpoint", async () => {
    const calls = stubOutbox(
      json({
        file: "/tmp/outbox.jsonl",
        notifications: [
          {
            messageId: "m1",
            topicArn: "arn:aws:sns:local:1:orders",
            subject: "Order 01A completed",
            message: "Your pizza is on its way.",
            publishedAt: "2026-01-01T10:00:00.000Z",
          },
          {
            messageId: "m2",
            topicArn: "arn:aws:sns:local:1:orders",
            subject: "Payment failed for order 01B",
            message: "Your card was declined.",
            publishedAt: "2026-01-01T11:00:00.000Z",
          },
        ],
      }),
    );
    renderApp("/notifications", noGraphql);

    const list = await screen.findByRole("list", { name: "Notifications" });
    expect(
      within(list)
        .getAllByRole("heading")
        .map((h) => h.textContent),
    ).toEqual(["Payment failed for order 01B", "Order 01A completed"]);
    expect(within(list).getByText("Your card was declined.")).toBeInTheDocument();
    expect(calls[0].url).toBe("http://shop.test/outbox");
    expect(calls[0].headers.get("x-api-key")).toBe(TEST_CONFIG.apiKey);
  });

  it("says notifications are e-mailed when the API has no outbox", async () => {
    stubOutbox(() => new Response("not found", { status: 404 }));
    renderApp("/notifications", noGraphql);
    expect(await screen.findByRole("heading", { name: "Notifications are e-mailed" })).toBeInTheDocument();
  });

  it("does not ask the cloud shop's API for an outbox, whatever its domain", async () => {
    const calls = stubOutbox(() => new Error("must not be called"));
    renderApp("/notifications", noGraphql, { config: { graphqlUrl: "https://api.pizza.example/graphql", apiKey: "k", shopMode: "cloud" } });
    expect(await screen.findByRole("heading", { name: "Notifications are e-mailed" })).toBeInTheDocument();
    expect(calls).toHaveLength(0);
  });

  it("offers a retry when the outbox cannot be reached", async () => {
    const user = userEvent.setup();
    stubOutbox(() => new TypeError("Failed to fetch"), json({ notifications: [] }));
    renderApp("/notifications", noGraphql);
    await user.click(await screen.findByRole("button", { name: "Try again" }));
    expect(await screen.findByRole("heading", { name: "No notifications yet" })).toBeInTheDocument();
  });
});

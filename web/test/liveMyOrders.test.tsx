// "My orders" live: the signed-in customer's list follows their orders through
// onCustomerOrderUpdates — nothing polled while the socket is healthy, polling with
// "reconnecting…" while it is down, one catch-up read when it is back or the page returns.
import { act, screen, within } from "@testing-library/react";
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { MyOrdersPage } from "../src/app/lazyPages";
import { createAuthClient } from "../src/auth/authClient";
import type { OrderStatus } from "../src/gql/graphql";
import { MY_ORDERS_FALLBACK_POLL_MS } from "../src/pages/MyOrdersPage";
import { orderResponse, shopAnswering } from "./support/fakeGraphqlServer";
import { signedInEarlier, TEST_POOL, useFakeUserPool } from "./support/fakeUserPool";
import { renderApp, TEST_CONFIG } from "./support/renderApp";

vi.mock("aws-amplify", async () => (await import("./support/fakeUserPool")).amplifyCoreModule);
vi.mock("aws-amplify/auth", async () => (await import("./support/fakeUserPool")).amplifyAuthModule);

const EMAIL = "ada@example.com";

/** The customer's orders as the server has them; a test moves them on or adds one. */
function shop() {
  const orders: { id: string; status: OrderStatus }[] = [
    { id: "01B", status: "QUEUED" },
    { id: "01A", status: "COMPLETED" },
  ];
  const handler = shopAnswering({
    MyOrders: () => ({
      data: {
        myOrders: {
          __typename: "OrderConnection" as const,
          items: orders.map(({ id, status }) => orderResponse({ id, orderStatus: status, name: `Pizza ${id}`, quantity: 1 })),
          nextToken: null,
        },
      },
    }),
  });
  return { orders, handler };
}

async function letTimePass(ms: number, step = 250) {
  for (let passed = 0; passed < ms; passed += step) {
    await act(async () => {
      await vi.advanceTimersByTimeAsync(step);
    });
  }
}

/** Lets the fake clock run until the list shows this order (the session and the page load first). */
async function untilListed(name: string) {
  for (let waited = 0; waited < 5_000 && !screen.queryByRole("heading", { name }); waited += 50) {
    await act(async () => {
      await vi.advanceTimersByTimeAsync(50);
    });
  }
  expect(screen.getByRole("heading", { name })).toBeInTheDocument();
}

const badgeOf = (name: string) => within(screen.getByRole("heading", { name }).closest("li")!).getByText(/Queued|Awaiting payment|Completed|Cancelled|Payment failed/);

function renderMyOrders(handler: ReturnType<typeof shop>["handler"]) {
  return renderApp("/orders", handler, { config: { ...TEST_CONFIG, cognito: TEST_POOL }, auth: createAuthClient(TEST_POOL) });
}

describe("my orders, live", () => {
  beforeAll(async () => {
    await MyOrdersPage.preload();
  });
  beforeEach(() => {
    signedInEarlier(useFakeUserPool(), EMAIL);
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "setInterval", "clearInterval", "Date"] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("subscribes to the customer's own updates and shows each pushed change without asking again", async () => {
    const { orders, handler } = shop();
    const app = renderMyOrders(handler);
    await untilListed("1 × Pizza 01B");
    expect(app.realtime.subscriptions).toEqual([{ field: "onCustomerOrderUpdates", variables: { customerId: `sub-${EMAIL}` } }]);
    act(() => app.realtime.acknowledge());
    await letTimePass(250);
    // One catch-up read when the subscription is live: a change published before it started would be missed.
    const readsWhenLive = app.requestsFor("MyOrders").length;
    expect(readsWhenLive).toBe(2);

    await letTimePass(MY_ORDERS_FALLBACK_POLL_MS * 4, 1000);
    expect(app.requestsFor("MyOrders")).toHaveLength(readsWhenLive);
    act(() => app.realtime.push({ orderId: "01B", orderStatus: "PENDING_PAYMENT", sequence: 1, at: "2026-01-01T12:00:05.000Z" }));
    await letTimePass(250);
    expect(badgeOf("1 × Pizza 01B")).toHaveTextContent("Awaiting payment");
    act(() => app.realtime.push({ orderId: "01B", orderStatus: "COMPLETED", sequence: 2, at: "2026-01-01T12:00:06.000Z" }));
    // A redelivered older change is dropped.
    act(() => app.realtime.push({ orderId: "01B", orderStatus: "PENDING_PAYMENT", sequence: 1, at: "2026-01-01T12:00:05.000Z" }));
    await letTimePass(250);
    expect(badgeOf("1 × Pizza 01B")).toHaveTextContent("Completed");
    expect(app.requestsFor("MyOrders")).toHaveLength(readsWhenLive);
    expect(app.requestsFor("TrackOrder")).toHaveLength(0);

    // An order the list does not hold yet (placed in another tab): one read of the list brings it.
    orders.unshift({ id: "01C", status: "QUEUED" });
    act(() => app.realtime.push({ orderId: "01C", orderStatus: "QUEUED", sequence: 0, at: "2026-01-01T12:01:00.000Z" }));
    await letTimePass(250);
    expect(app.requestsFor("MyOrders")).toHaveLength(readsWhenLive + 1);
    expect(screen.getByRole("heading", { name: "1 × Pizza 01C" })).toBeInTheDocument();
    expect(screen.queryByText(/reconnecting/)).toBeNull();
  });

  it('polls with "reconnecting…" while the socket is down, then stops and catches up with one read', async () => {
    const { orders, handler } = shop();
    const app = renderMyOrders(handler);
    await untilListed("1 × Pizza 01B");
    act(() => app.realtime.acknowledge());
    await letTimePass(250);
    const readsBeforeDrop = app.requestsFor("MyOrders").length;

    act(() => app.realtime.drop());
    await letTimePass(250);
    expect(screen.getByText("Live updates interrupted — reconnecting…")).toBeInTheDocument();
    orders[0].status = "PENDING_PAYMENT";
    // The reconnection attempt is not answered: the socket stays down for a while.
    await letTimePass(MY_ORDERS_FALLBACK_POLL_MS * 2 + 500, 500);
    expect(app.requestsFor("MyOrders").length).toBeGreaterThanOrEqual(readsBeforeDrop + 2);
    expect(badgeOf("1 × Pizza 01B")).toHaveTextContent("Awaiting payment");

    orders[0].status = "COMPLETED";
    const readsBeforeBack = app.requestsFor("MyOrders").length;
    act(() => app.realtime.acknowledge());
    await letTimePass(500);
    expect(app.requestsFor("MyOrders")).toHaveLength(readsBeforeBack + 1);
    expect(badgeOf("1 × Pizza 01B")).toHaveTextContent("Completed");
    expect(screen.queryByText(/reconnecting/)).toBeNull();
    await letTimePass(MY_ORDERS_FALLBACK_POLL_MS * 3, 1000);
    expect(app.requestsFor("MyOrders")).toHaveLength(readsBeforeBack + 1);
  });

  it("catches up with one read when the page comes back from hidden", async () => {
    const { orders, handler } = shop();
    const app = renderMyOrders(handler);
    await untilListed("1 × Pizza 01B");
    act(() => app.realtime.acknowledge());
    await letTimePass(250);
    const readsWhenLive = app.requestsFor("MyOrders").length;

    const visibility = vi.spyOn(document, "visibilityState", "get");
    visibility.mockReturnValue("hidden");
    act(() => void document.dispatchEvent(new Event("visibilitychange")));
    orders[0].status = "CANCELLED";
    await letTimePass(10_000, 1000);
    expect(app.requestsFor("MyOrders")).toHaveLength(readsWhenLive);
    visibility.mockReturnValue("visible");
    act(() => void document.dispatchEvent(new Event("visibilitychange")));
    await letTimePass(500);
    expect(app.requestsFor("MyOrders")).toHaveLength(readsWhenLive + 1);
    expect(badgeOf("1 × Pizza 01B")).toHaveTextContent("Cancelled");
    visibility.mockRestore();
  });
});

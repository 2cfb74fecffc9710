import { act, screen } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { type Answer, MENU_RESPONSE, orderResponse, type RecordedRequest } from "./support/fakeGraphqlServer";
import { renderApp } from "./support/renderApp";
import { letTimePass, useTrackerClock } from "./support/trackerClock";

type Status = Parameters<typeof orderResponse>[0]["orderStatus"];

/** The order as the server has it; a test moves it on. */
function shop(initial: Status) {
  const state = { status: initial };
  const handler = (request: RecordedRequest): Answer => {
    if (request.operationName === "Menu") return { data: MENU_RESPONSE };
    if (request.operationName !== "TrackOrder") throw new Error(`unexpected ${request.operationName}`);
    return { data: { order: orderResponse({ id: String(request.variables.id), orderStatus: state.status }) } };
  };
  return { state, handler };
}

const statusShown = () => document.querySelector(".tracker-status")?.textContent;

describe("the tracker with live updates", () => {
  useTrackerClock();

  it("polls nothing while the socket is healthy and shows each pushed stage", async () => {
    const { handler } = shop("QUEUED");
    const app = renderApp("/orders/01LIVE", handler);
    await letTimePass(500);
    expect(app.realtime.open).toBe(1);
    const readsBeforeLive = app.requestsFor("TrackOrder").length;
    act(() => app.realtime.acknowledge());
    await letTimePass(250);
    // The subscription's start is followed by one catch-up read: a change published before it started would be missed.
    expect(app.requestsFor("TrackOrder")).toHaveLength(readsBeforeLive + 1);
    const readsWhenLive = app.requestsFor("TrackOrder").length;

    await letTimePass(20_000);
    expect(app.requestsFor("TrackOrder")).toHaveLength(readsWhenLive);
    act(() => app.realtime.push({ orderId: "01LIVE", orderStatus: "PENDING_PAYMENT", sequence: 3, at: "2026-11-29T12:00:01.000Z" }));
    await letTimePass(250);
    expect(statusShown()).toBe("Awaiting payment");
    act(() => app.realtime.push({ orderId: "01LIVE", orderStatus: "COMPLETED", sequence: 4, at: "2026-11-29T12:00:02.000Z" }));
    await letTimePass(250);
    expect(statusShown()).toBe("Completed");
    expect(screen.getByText("This order is finished; tracking has stopped.")).toBeInTheDocument();
    expect(app.requestsFor("TrackOrder")).toHaveLength(readsWhenLive);
    // A finished order needs no subscription.
    expect(app.realtime.open).toBe(0);
    expect(screen.queryByText(/reconnecting/)).toBeNull();
  });

  it("ignores a redelivered or older update", async () => {
    const { handler } = shop("QUEUED");
    const app = renderApp("/orders/01DUP", handler);
    await letTimePass(500);
    act(() => app.realtime.acknowledge());
    act(() => app.realtime.push({ orderId: "01DUP", orderStatus: "PENDING_PAYMENT", sequence: 5, at: "2026-11-29T12:00:01.000Z" }));
    act(() => app.realtime.push({ orderId: "01DUP", orderStatus: "QUEUED", sequence: 4, at: "2026-11-29T12:00:00.000Z" }));
    await letTimePass(250);
    expect(statusShown()).toBe("Awaiting payment");
  });

  it('falls back to polling with "reconnecting…" while the socket is down, then stops polling and catches up with one read', async () => {
    const { state, handler } = shop("QUEUED");
    const app = renderApp("/orders/01DROP", handler);
    await letTimePass(500);
    act(() => app.realtime.acknowledge());
    await letTimePass(250);
    const readsBeforeDrop = app.requestsFor("TrackOrder").length;

    act(() => app.realtime.drop());
    await letTimePass(250);
    expect(screen.getByText("Live updates interrupted — reconnecting…")).toBeInTheDocument();
    state.status = "PENDING_PAYMENT";
    await letTimePass(900);
    expect(app.requestsFor("TrackOrder").length).toBeGreaterThan(readsBeforeDrop);
    expect(statusShown()).toBe("Awaiting payment");
    // The link is asked again after the reconnection delay.
    expect(app.realtime.open).toBe(1);

    state.status = "COMPLETED";
    const readsBeforeBack = app.requestsFor("TrackOrder").length;
    act(() => app.realtime.acknowledge());
    await letTimePass(500);
    expect(app.requestsFor("TrackOrder")).toHaveLength(readsBeforeBack + 1);
    expect(statusShown()).toBe("Completed");
    expect(screen.queryByText(/reconnecting/)).toBeNull();
  });

  it("catches up with one read when the page comes back from hidden", async () => {
    const { state, handler } = shop("QUEUED");
    const app = renderApp("/orders/01HIDDEN", handler);
    await letTimePass(500);
    act(() => app.realtime.acknowledge());
    await letTimePass(250);
    const readsWhenLive = app.requestsFor("TrackOrder").length;

    const visibility = vi.spyOn(document, "visibilityState", "get");
    visibility.mockReturnValue("hidden");
    act(() => void document.dispatchEvent(new Event("visibilitychange")));
    state.status = "COMPLETED";
    await letTimePass(10_000, 1000);
    expect(app.requestsFor("TrackOrder")).toHaveLength(readsWhenLive);
    visibility.mockReturnValue("visible");
    act(() => void document.dispatchEvent(new Event("visibilitychange")));
    await letTimePass(500);
    expect(app.requestsFor("TrackOrder")).toHaveLength(readsWhenLive + 1);
    expect(statusShown()).toBe("Completed");
    visibility.mockRestore();
  });

  it("polls as before, without a reconnecting notice, when the subscription is refused", async () => {
    const { handler } = shop("QUEUED");
    const app = renderApp("/orders/01GUEST", handler);
    await letTimePass(500);
    // What the link reports for a start the server refused.
    const refused = {
      errors: [
        { message: 'Connection failed: {"errors":[{"errorType":"Unauthorized","message":"Not Authorized to access onOrderUpdate on type Subscription"}]}' },
      ],
    };
    const before = app.requestsFor("TrackOrder").length;
    act(() => app.realtime.refuse(refused));
    await letTimePass(5_000);
    expect(app.requestsFor("TrackOrder").length).toBeGreaterThan(before);
    expect(screen.queryByText(/reconnecting/)).toBeNull();
    expect(app.realtime.open).toBe(0);
  });
});

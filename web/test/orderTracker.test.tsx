import { act, fireEvent, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { FIRST_POLL_INTERVAL_MS, MAX_POLL_INTERVAL_MS } from "../src/orders/pollingBackoff";
import { type Answer, MENU_RESPONSE, orderResponse, type RecordedRequest } from "./support/fakeGraphqlServer";
import { renderApp } from "./support/renderApp";
import { letTimePass, useTrackerClock } from "./support/trackerClock";

type Status = Parameters<typeof orderResponse>[0]["orderStatus"];

/** The order moves through `statuses`, one per TrackOrder request; the last one then stays. */
function orderWalking(statuses: Status[], extra: Record<string, unknown> = {}) {
  let served = 0;
  return (request: RecordedRequest): Answer => {
    if (request.operationName === "Menu") return { data: MENU_RESPONSE };
    if (request.operationName !== "TrackOrder") throw new Error(`unexpected ${request.operationName}`);
    const status = statuses[Math.min(served, statuses.length - 1)];
    served += 1;
    return { data: { order: orderResponse({ id: String(request.variables.id), orderStatus: status, ...extra }) } };
  };
}

function gapsBetween(requests: RecordedRequest[]): number[] {
  return requests.slice(1).map((request, index) => request.at - requests[index].at);
}

describe("the order tracker", () => {
  useTrackerClock();

  it("polls with growing intervals and stops for good at a terminal status", async () => {
    const statuses: Status[] = ["QUEUED", "QUEUED", "QUEUED", "QUEUED", "QUEUED", "PENDING_PAYMENT", "PENDING_PAYMENT", "COMPLETED"];
    const app = renderApp("/orders/01TRACKED", orderWalking(statuses));

    await letTimePass(30_000);
    const polls = app.requestsFor("TrackOrder");
    expect(polls).toHaveLength(statuses.length);
    expect(gapsBetween(polls)).toEqual([250, 500, 1000, 2000, 4000, 4000, 4000]);
    expect(screen.getByText("Completed", { selector: ".tracker-status" })).toBeInTheDocument();
    expect(screen.getByText("This order is finished; tracking has stopped.")).toBeInTheDocument();

    await letTimePass(10 * MAX_POLL_INTERVAL_MS, 1000);
    expect(app.requestsFor("TrackOrder")).toHaveLength(statuses.length);
  });

  it("opens with the order postOrder returned and asks again only after the first interval", async () => {
    const walk = orderWalking(["PENDING_PAYMENT", "COMPLETED"]);
    const app = renderApp("/", (request): Answer => {
      if (request.operationName === "PlaceOrder")
        return { data: { postOrder: { ...orderResponse({ id: "01JUSTPLACED", orderStatus: "QUEUED" }), guestSecret: "secret-01JUSTPLACED" } } };
      return walk(request);
    });
    await letTimePass(250);
    fireEvent.click(screen.getByRole("button", { name: "Place order" }));
    await letTimePass(50, 50);
    expect(screen.getByText("Queued", { selector: ".tracker-status" })).toBeInTheDocument();
    const placedAt = app.requestsFor("PlaceOrder")[0].at;
    expect(app.requestsFor("TrackOrder")).toHaveLength(0);

    await letTimePass(10_000);
    const polls = app.requestsFor("TrackOrder");
    expect(polls).toHaveLength(2);
    expect(polls[0].at - placedAt).toBeGreaterThanOrEqual(FIRST_POLL_INTERVAL_MS);
    expect(polls[0].at - placedAt).toBeLessThanOrEqual(FIRST_POLL_INTERVAL_MS + 100);
    expect(screen.getByText("Completed", { selector: ".tracker-status" })).toBeInTheDocument();
  });

  it("shows each step with its time and the failure reason when the payment is declined", async () => {
    const app = renderApp("/orders/01DECLINED", orderWalking(["QUEUED", "PAYMENT_FAILED"], { failureReason: "Your card was declined." }));

    await letTimePass(5_000);
    expect(screen.getByText("Payment failed", { selector: ".tracker-status" })).toBeInTheDocument();
    expect(screen.getByText("Your card was declined.", { exact: false, selector: ".failure-reason" })).toBeInTheDocument();
    const steps = screen.getByRole("list", { name: "Order progress" }).querySelectorAll("li");
    expect(Array.from(steps, (step) => step.querySelector(".timeline-label")?.textContent)).toEqual(["Queued", "Awaiting payment", "Payment failed"]);
    expect(Array.from(steps, (step) => step.querySelector("time")?.getAttribute("dateTime"))).toEqual([
      "2026-01-01T12:00:00.000Z",
      "2026-01-01T12:00:01.000Z",
      "2026-01-01T12:00:02.000Z",
    ]);
    expect(screen.getByTestId("announcer")).toHaveTextContent("Order status: Payment failed. Your card was declined.");

    await letTimePass(20_000, 1000);
    expect(app.requestsFor("TrackOrder")).toHaveLength(2);
  });

  it("does not poll at all when the order is already finished", async () => {
    const app = renderApp("/orders/01DONE", orderWalking(["CANCELLED"]));
    await letTimePass(20_000, 1000);
    expect(screen.getByText("Cancelled", { selector: ".tracker-status" })).toBeInTheDocument();
    expect(app.requestsFor("TrackOrder")).toHaveLength(1);
  });

  it("stops when the order does not exist", async () => {
    const app = renderApp("/orders/01MISSING", (request) => (request.operationName === "TrackOrder" ? { data: { order: null } } : { data: MENU_RESPONSE }));
    await letTimePass(20_000, 1000);
    expect(screen.getByRole("heading", { name: "We couldn't find this order" })).toBeInTheDocument();
    expect(app.requestsFor("TrackOrder")).toHaveLength(1);
  });

  it("stops asking once the person leaves the tracking page", async () => {
    const app = renderApp("/orders/01LEFT", orderWalking(["QUEUED"]));
    await letTimePass(1_000);
    expect(screen.getByText("Queued", { selector: ".tracker-status" })).toBeInTheDocument();
    await act(async () => app.location.navigate("/no-such-page"));
    const pollsWhenLeft = app.requestsFor("TrackOrder").length;
    expect(pollsWhenLeft).toBeGreaterThanOrEqual(1);

    await letTimePass(10 * MAX_POLL_INTERVAL_MS, 1000);
    expect(screen.getByRole("heading", { name: "Page not found" })).toBeInTheDocument();
    expect(app.requestsFor("TrackOrder")).toHaveLength(pollsWhenLeft);
  });

  it("keeps trying through a network error while the order is in flight, then ends at the terminal status", async () => {
    let served = 0;
    const app = renderApp("/orders/01FLAKY", (request): Answer => {
      if (request.operationName === "Menu") return { data: MENU_RESPONSE };
      served += 1;
      if (served === 2) return { offline: true };
      const status: Status = served < 4 ? "QUEUED" : "COMPLETED";
      return { data: { order: orderResponse({ id: "01FLAKY", orderStatus: status }) } };
    });
    await letTimePass(20_000);
    expect(screen.getByText("Completed", { selector: ".tracker-status" })).toBeInTheDocument();
    expect(app.requestsFor("TrackOrder")).toHaveLength(4);
  });
});

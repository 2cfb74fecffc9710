import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { createAuthClient } from "../src/auth/authClient";
import { type Answer, type AnswerFor, MENU_RESPONSE, orderResponse, shopAnswering } from "./support/fakeGraphqlServer";
import { signedInEarlier, TEST_POOL, useFakeUserPool } from "./support/fakeUserPool";
import { renderApp, TEST_CONFIG } from "./support/renderApp";

vi.mock("aws-amplify", async () => (await import("./support/fakeUserPool")).amplifyCoreModule);
vi.mock("aws-amplify/auth", async () => (await import("./support/fakeUserPool")).amplifyAuthModule);

/** Answers each request with the next scripted answer; the last one repeats. */
function scripted<A extends Answer>(...answers: A[]) {
  let next = 0;
  return () => answers[Math.min(next++, answers.length - 1)];
}

describe("when the shop cannot be reached", () => {
  it("shows a network error with a retry that loads the menu once the network is back", async () => {
    const user = userEvent.setup();
    const app = renderApp("/", scripted({ offline: true }, { data: MENU_RESPONSE }));

    const alert = await screen.findByRole("alert");
    expect(within(alert).getByRole("heading", { name: "Can't reach the shop" })).toBeInTheDocument();
    await user.click(within(alert).getByRole("button", { name: "Try again" }));

    expect(await screen.findByRole("button", { name: "Place order" })).toBeInTheDocument();
    expect(screen.queryByRole("alert")).toBeNull();
    expect(app.requestsFor("Menu")).toHaveLength(2);
  });

  it("says the shop is down when the API answers with a server error", async () => {
    renderApp("/", scripted({ httpStatus: 503, body: "Service Unavailable" }));
    const alert = await screen.findByRole("alert");
    expect(within(alert).getByRole("heading", { name: "The shop is down" })).toBeInTheDocument();
    expect(within(alert).getByRole("button", { name: "Try again" })).toBeEnabled();
  });

  it("says the app is not allowed in when the API key is refused", async () => {
    renderApp("/", scripted({ errors: [{ errorType: "UnauthorizedException", message: "You are not authorized to make this call." }] }));
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("The shop refused this app's API key.");
  });

  it("shows a loading state while the menu is on its way", async () => {
    renderApp("/", () => new Promise<Answer>(() => {}));
    const loading = await screen.findByText("Loading the menu…");
    expect(loading.closest('[role="status"]')).not.toBeNull();
  });

  it("shows a network error with retry on the order history", async () => {
    const user = userEvent.setup();
    signedInEarlier(useFakeUserPool(), "ada@example.com");
    const ordersAnswer = scripted<Answer>({ offline: true }, { data: { myOrders: { __typename: "OrderConnection", items: [], nextToken: null } } });
    renderApp("/orders", (request) => (request.operationName === "Menu" ? { data: MENU_RESPONSE } : ordersAnswer()), {
      config: { ...TEST_CONFIG, cognito: TEST_POOL },
      auth: createAuthClient(TEST_POOL),
    });
    const alert = await screen.findByRole("alert");
    expect(within(alert).getByRole("heading", { name: "Can't reach the shop" })).toBeInTheDocument();
    await user.click(within(alert).getByRole("button", { name: "Try again" }));
    expect(await screen.findByRole("heading", { name: "No orders yet" })).toBeInTheDocument();
  });
});

describe("when the tracker's first load fails", () => {
  type TrackAnswer = AnswerFor<import("../src/gql/graphql").TrackOrderQuery>;
  const tracker = (path: string, ...answers: TrackAnswer[]) => {
    const next = scripted(...answers);
    return renderApp(path, shopAnswering({ TrackOrder: () => next() }));
  };

  it("says the shop is down and loads the order on retry", async () => {
    const user = userEvent.setup();
    const app = tracker("/orders/01DOWN", { httpStatus: 503 }, { data: { order: orderResponse({ id: "01DOWN", orderStatus: "COMPLETED" }) } });
    const alert = await screen.findByRole("alert");
    expect(within(alert).getByRole("heading", { name: "The shop is down" })).toBeInTheDocument();
    await user.click(within(alert).getByRole("button", { name: "Try again" }));
    expect(await screen.findByText("Completed", { selector: ".tracker-status" })).toBeInTheDocument();
    expect(app.requestsFor("TrackOrder")).toHaveLength(2);
  });

  it("says it cannot reach the shop when the first read finds no network (the page does not break), and loads the order on retry", async () => {
    const user = userEvent.setup();
    const completed = { data: { order: orderResponse({ id: "01OFFLINE", orderStatus: "COMPLETED" }) } };
    let online = false;
    const app = renderApp("/orders/01OFFLINE", shopAnswering({ TrackOrder: () => (online ? completed : { offline: true }) }));
    // The page keeps asking by itself (its polls); a failed poll leaves the explanation in place.
    await waitFor(() => expect(app.requestsFor("TrackOrder").length).toBeGreaterThanOrEqual(3), { timeout: 3_000 });
    const alert = screen.getByRole("alert");
    expect(within(alert).getByRole("heading", { name: "Can't reach the shop" })).toBeInTheDocument();
    expect(screen.getByRole("heading", { level: 1, name: "Your order" })).toBeInTheDocument();
    online = true;
    await user.click(within(alert).getByRole("button", { name: "Try again" }));
    expect(await screen.findByText("Completed", { selector: ".tracker-status" })).toBeInTheDocument();
  });

  it("says an unknown order (or a guest's order without its secret) cannot be found, and offers to retry", async () => {
    const user = userEvent.setup();
    const app = tracker("/orders/01UNKNOWN", { data: { order: null } });
    const alert = await screen.findByRole("alert");
    expect(within(alert).getByRole("heading", { name: "We couldn't find this order" })).toBeInTheDocument();
    expect(alert).toHaveTextContent("If you ordered without an account, open the tracking link you kept");
    expect(app.requestsFor("TrackOrder")[0].variables).toEqual({ id: "01UNKNOWN" });
    await user.click(within(alert).getByRole("button", { name: "Try again" }));
    await waitFor(() => expect(app.requestsFor("TrackOrder")).toHaveLength(2));
    expect(screen.getByRole("heading", { name: "We couldn't find this order" })).toBeInTheDocument();
  });

  it("shows the API's refusal of a malformed id with a retry", async () => {
    tracker("/orders/not-an-id", { errors: [{ errorType: "ValidationError", message: "id is not a valid order id" }] });
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("id is not a valid order id");
    expect(within(alert).getByRole("button", { name: "Try again" })).toBeEnabled();
  });

  it("catches a page that fails to render, explains it, and renders it afresh on retry", async () => {
    const user = userEvent.setup();
    const consoleError = vi.spyOn(console, "error").mockImplementation(() => {});
    vi.spyOn(console, "warn").mockImplementation(() => {});
    // An answer missing a field the page needs (statusHistory) — the page throws while rendering.
    const broken = { ...orderResponse({ id: "01BROKEN", orderStatus: "QUEUED" }), statusHistory: null } as unknown as ReturnType<typeof orderResponse>;
    const app = tracker("/orders/01BROKEN", { data: { order: broken } }, { data: { order: orderResponse({ id: "01BROKEN", orderStatus: "CANCELLED" }) } });

    expect(await screen.findByRole("heading", { level: 1, name: "Something went wrong" })).toBeInTheDocument();
    expect(screen.getByRole("navigation", { name: "Main" })).toBeInTheDocument();
    await user.click(within(screen.getByRole("alert")).getByRole("button", { name: "Try again" }));

    expect(await screen.findByText("Cancelled", { selector: ".tracker-status" })).toBeInTheDocument();
    expect(app.requestsFor("TrackOrder")).toHaveLength(2);
    consoleError.mockRestore();
  });
});

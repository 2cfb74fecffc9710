import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { MENU_RESPONSE, type Answer } from "./support/fakeGraphqlServer";
import { renderApp } from "./support/renderApp";

/** Answers each request with the next scripted answer; the last one repeats. */
function scripted(...answers: Answer[]) {
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
    renderApp(
      "/",
      scripted({ errors: [{ errorType: "UnauthorizedException", message: "You are not authorized to make this call." }] }),
    );
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
    const ordersAnswer = scripted({ offline: true }, { data: { orders: { __typename: "OrderConnection", items: [], nextToken: null } } });
    renderApp("/orders", (request) => (request.operationName === "Menu" ? { data: MENU_RESPONSE } : ordersAnswer()));
    const alert = await screen.findByRole("alert");
    expect(within(alert).getByRole("heading", { name: "Can't reach the shop" })).toBeInTheDocument();
    await user.click(within(alert).getByRole("button", { name: "Try again" }));
    expect(await screen.findByRole("heading", { name: "No orders yet" })).toBeInTheDocument();
  });
});

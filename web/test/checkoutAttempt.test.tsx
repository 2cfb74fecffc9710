// The client token of a checkout attempt: kept across retries of the attempt (so a retry after a
// lost answer cannot place a second order), new for the next checkout and after a conflict.
import { act, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { type Answer, MENU_RESPONSE, orderResponse, type RecordedRequest } from "./support/fakeGraphqlServer";
import { renderApp } from "./support/renderApp";

/** The menu, then the scripted PlaceOrder answers in turn. */
function placeOrderAnswers(...answers: Answer[]) {
  return (request: RecordedRequest): Answer => {
    if (request.operationName === "Menu") return { data: MENU_RESPONSE };
    if (request.operationName !== "PlaceOrder") throw new Error(`unexpected ${request.operationName}`);
    const answer = answers.shift();
    if (!answer) throw new Error("no more PlaceOrder answers were scripted");
    return answer;
  };
}

const placed = (id: string): Answer => ({ data: { postOrder: { ...orderResponse({ id, orderStatus: "QUEUED" }), guestSecret: `secret-${id}` } } });
const tokensSent = (app: ReturnType<typeof renderApp>) =>
  app.requestsFor("PlaceOrder").map((request) => (request.variables.input as { clientToken?: string }).clientToken);

describe("the checkout attempt's client token", () => {
  it("is sent again when the customer retries after a network error, and is new for the next checkout", async () => {
    const user = userEvent.setup();
    const app = renderApp("/", placeOrderAnswers({ offline: true }, placed("01FIRST"), placed("01SECOND")));

    await user.click(await screen.findByRole("button", { name: "Place order" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("Can't reach the ordering service");
    await user.click(screen.getByRole("button", { name: "Place order" }));
    await screen.findByRole("heading", { level: 1, name: "Your order" });
    expect(app.location.history.at(-1)).toBe("/orders/01FIRST");

    act(() => app.location.navigate("/"));
    await user.click(await screen.findByRole("button", { name: "Place order" }));
    await screen.findByRole("heading", { level: 1, name: "Your order" });
    expect(app.location.history.at(-1)).toBe("/orders/01SECOND");

    const [first, retry, next] = tokensSent(app);
    expect(first).toMatch(/^[0-9a-f]{32}$/);
    expect(retry).toBe(first);
    expect(next).toMatch(/^[0-9a-f]{32}$/);
    expect(next).not.toBe(first);
  });

  it("is renewed after the shop refuses it as already used for a different order", async () => {
    const user = userEvent.setup();
    const conflict: Answer = {
      errors: [{ errorType: "IdempotencyConflictError", message: "This checkout attempt was already used for a different order. Please start a new order." }],
    };
    const app = renderApp("/", placeOrderAnswers(conflict, placed("01AFTER")));

    await user.click(await screen.findByRole("button", { name: "Place order" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("already used for a different order");
    await user.click(screen.getByRole("button", { name: "Place order" }));
    await screen.findByRole("heading", { level: 1, name: "Your order" });

    const [refused, renewed] = tokensSent(app);
    expect(renewed).toMatch(/^[0-9a-f]{32}$/);
    expect(renewed).not.toBe(refused);
  });
});

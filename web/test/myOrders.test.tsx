// "My orders" for a signed-in customer: their orders from myOrders (page by page), cancel before
// payment, "Remove from history" for finished orders, changes — and refusals shown on the card.
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { createAuthClient } from "../src/auth/authClient";
import { type OperationHandlers, type OrderAnswer, orderResponse, shopAnswering } from "./support/fakeGraphqlServer";
import { signedInEarlier, TEST_POOL, useFakeUserPool } from "./support/fakeUserPool";
import { renderApp, TEST_CONFIG } from "./support/renderApp";

vi.mock("aws-amplify", async () => (await import("./support/fakeUserPool")).amplifyCoreModule);
vi.mock("aws-amplify/auth", async () => (await import("./support/fakeUserPool")).amplifyAuthModule);

function connection(items: OrderAnswer[], nextToken: string | null) {
  return { data: { myOrders: { __typename: "OrderConnection" as const, items, nextToken } } };
}

beforeEach(() => {
  signedInEarlier(useFakeUserPool(), "ada@example.com");
});

function renderMyOrders(handlers: OperationHandlers) {
  return renderApp("/orders", shopAnswering(handlers), { config: { ...TEST_CONFIG, cognito: TEST_POOL }, auth: createAuthClient(TEST_POOL) });
}

async function cardOf(headingText: string): Promise<HTMLElement> {
  return (await screen.findByRole("heading", { name: headingText })).closest("li")!;
}

describe("my orders, signed in", () => {
  it("lists the newest first and appends older pages on request", async () => {
    const user = userEvent.setup();
    const app = renderMyOrders({
      MyOrders: (request) =>
        request.variables.nextToken === "page-2"
          ? connection([orderResponse({ id: "01A", orderStatus: "COMPLETED", name: "Veggie", quantity: 1 })], null)
          : connection(
              [
                orderResponse({ id: "01C", orderStatus: "QUEUED", name: "Hawaiian", quantity: 3 }),
                orderResponse({ id: "01B", orderStatus: "PAYMENT_FAILED", name: "Pepperoni", quantity: 2 }),
              ],
              "page-2",
            ),
    });

    const list = await screen.findByRole("list", { name: "Orders" });
    expect(
      within(list)
        .getAllByRole("heading")
        .map((h) => h.textContent),
    ).toEqual(["3 × Hawaiian", "2 × Pepperoni"]);
    await user.click(screen.getByRole("button", { name: "Show older orders" }));

    await screen.findByText("That's all your orders.");
    expect(
      within(list)
        .getAllByRole("heading")
        .map((h) => h.textContent),
    ).toEqual(["3 × Hawaiian", "2 × Pepperoni", "1 × Veggie"]);
    expect(app.requestsFor("MyOrders").map((r) => r.variables)).toEqual([{ limit: 10 }, { limit: 10, nextToken: "page-2" }]);
    expect(app.requestsFor("MyOrders").every((r) => r.headers.authorization && !r.headers["x-api-key"])).toBe(true);
    expect(screen.queryByRole("button", { name: "Show older orders" })).toBeNull();
  });

  it("says so when there are no orders", async () => {
    renderMyOrders({ MyOrders: () => connection([], null) });
    expect(await screen.findByRole("heading", { name: "No orders yet" })).toBeInTheDocument();
    expect(within(screen.getByRole("main")).getByRole("link", { name: "Order a pizza" })).toHaveAttribute("href", "/");
  });

  it("offers no cancel (nor remove) for a paid order the kitchen is making: only the shop may cancel it then", async () => {
    const app = renderMyOrders({
      MyOrders: () =>
        connection(
          [
            orderResponse({ id: "01R", orderStatus: "RECEIVED", name: "Margherita", quantity: 1 }),
            orderResponse({ id: "01B", orderStatus: "BAKING", name: "Pepperoni", quantity: 3 }),
          ],
          null,
        ),
    });
    for (const label of ["1 × Margherita", "3 × Pepperoni"]) {
      const card = await cardOf(label);
      expect(within(card).queryByRole("button", { name: "Cancel order" })).toBeNull();
      expect(within(card).queryByRole("button", { name: "Remove from history" })).toBeNull();
    }
    expect(app.requestsFor("CancelOrder")).toHaveLength(0);
  });

  it("cancels an unpaid order with cancelOrder, only after confirmation", async () => {
    const user = userEvent.setup();
    const app = renderMyOrders({
      MyOrders: () => connection([orderResponse({ id: "01Q", orderStatus: "QUEUED", name: "Margherita", quantity: 2 })], null),
      CancelOrder: () => ({ data: { cancelOrder: orderResponse({ id: "01Q", orderStatus: "CANCELLED", failureReason: "Cancelled by the customer" }) } }),
    });
    const card = await cardOf("2 × Margherita");

    await user.click(within(card).getByRole("button", { name: "Cancel order" }));
    const dialog = screen.getByRole("alertdialog", { name: "Cancel this order?" });
    expect(within(dialog).getByRole("button", { name: "Keep it" })).toHaveFocus();
    await user.keyboard("{Escape}");
    expect(screen.queryByRole("alertdialog")).toBeNull();
    expect(app.requestsFor("CancelOrder")).toHaveLength(0);

    await user.click(within(card).getByRole("button", { name: "Cancel order" }));
    await user.click(within(screen.getByRole("alertdialog")).getByRole("button", { name: "Cancel order" }));

    expect(await within(card).findByText("Cancelled", { selector: ".badge" })).toBeInTheDocument();
    expect(app.requestsFor("CancelOrder").map((r) => r.variables)).toEqual([{ id: "01Q" }]);
    expect(app.requestsFor("DeleteOrder")).toHaveLength(0);
    expect(screen.getByTestId("announcer")).toHaveTextContent("Order cancelled.");
  });

  it("shows a refused cancellation on the card, next to the action, and where the order is now", async () => {
    const user = userEvent.setup();
    let trackCalls = 0;
    renderMyOrders({
      MyOrders: () => connection([orderResponse({ id: "01P", orderStatus: "PENDING_PAYMENT", name: "Veggie", quantity: 1 })], null),
      CancelOrder: () => ({
        data: null,
        errors: [{ errorType: "OrderNotModifiableError", message: "Order 01P has been paid and can no longer be cancelled" }],
      }),
      TrackOrder: () => {
        trackCalls += 1;
        return { data: { order: orderResponse({ id: "01P", orderStatus: "COMPLETED", name: "Veggie", quantity: 1 }) } };
      },
    });
    const card = await cardOf("1 × Veggie");
    await user.click(within(card).getByRole("button", { name: "Cancel order" }));
    await user.click(within(screen.getByRole("alertdialog")).getByRole("button", { name: "Cancel order" }));

    const refusal = await within(card).findByText("The order was not cancelled. Order 01P has been paid and can no longer be cancelled");
    expect(refusal).toBeVisible();
    expect(refusal.closest(".order-actions")).not.toBeNull();
    expect(await within(card).findByText("Completed", { selector: ".badge" })).toBeInTheDocument();
    // Still on the card once the order shows its new status.
    expect(within(card).getByText(/The order was not cancelled\./)).toBeVisible();
    expect(trackCalls).toBe(1);
  });

  it("removes a finished order from the history after confirmation, with deleteOrder", async () => {
    const user = userEvent.setup();
    const app = renderMyOrders({
      MyOrders: () =>
        connection(
          [
            orderResponse({ id: "01D", orderStatus: "COMPLETED", name: "Hawaiian", quantity: 1 }),
            orderResponse({ id: "01E", orderStatus: "COMPLETED", name: "Pepperoni", quantity: 4 }),
          ],
          null,
        ),
      DeleteOrder: (request) => ({ data: { deleteOrder: String(request.variables.id) } }),
    });
    const card = await cardOf("1 × Hawaiian");
    expect(within(card).queryByRole("button", { name: "Cancel order" })).toBeNull();
    await user.click(within(card).getByRole("button", { name: "Remove from history" }));
    await user.click(
      within(screen.getByRole("alertdialog", { name: "Remove this order from your history?" })).getByRole("button", { name: "Remove from history" }),
    );

    await waitFor(() => expect(screen.queryByRole("heading", { name: "1 × Hawaiian" })).toBeNull());
    expect(screen.getByTestId("announcer")).toHaveTextContent("Order removed from your history.");
    expect(screen.getByRole("heading", { name: "4 × Pepperoni" })).toBeInTheDocument();
    expect(app.requestsFor("DeleteOrder").map((r) => r.variables)).toEqual([{ id: "01D" }]);
  });

  it("changes an order while it is allowed, validating with the core's rules first", async () => {
    const user = userEvent.setup();
    const app = renderMyOrders({
      MyOrders: () => connection([orderResponse({ id: "01U", orderStatus: "QUEUED", name: "Margherita", quantity: 2 })], null),
      UpdateOrder: (request) => ({
        data: {
          updateOrder: orderResponse({
            id: "01U",
            orderStatus: "QUEUED",
            name: "Margherita",
            quantity: (request.variables.input as { quantity: number }).quantity,
          }),
        },
      }),
    });
    const card = await cardOf("2 × Margherita");
    await user.click(within(card).getByRole("button", { name: "Change" }));
    const form = within(card).getByRole("form");
    const quantity = within(form).getByLabelText("Quantity");

    await user.clear(quantity);
    await user.type(quantity, "0");
    await user.click(within(form).getByRole("button", { name: "Save changes" }));
    expect(within(form).getByText("Quantity must be at least 1")).toBeInTheDocument();
    expect(app.requestsFor("UpdateOrder")).toHaveLength(0);

    await user.clear(quantity);
    await user.type(quantity, "4");
    await user.click(within(form).getByRole("button", { name: "Save changes" }));

    expect(await screen.findByRole("heading", { name: "4 × Margherita" })).toBeInTheDocument();
    expect(app.requestsFor("UpdateOrder")[0].variables.input).toMatchObject({ id: "01U", quantity: 4, name: "Margherita" });
    expect(app.requestsFor("UpdateOrder")[0].variables.input).not.toHaveProperty("paymentToken");
    expect(app.requestsFor("UpdateOrder")[0].variables.input).not.toHaveProperty("guestSecret");
  });

  it("keeps a refused change on the card after the form closes", async () => {
    const user = userEvent.setup();
    renderMyOrders({
      MyOrders: () => connection([orderResponse({ id: "01R", orderStatus: "QUEUED", name: "Margherita", quantity: 2 })], null),
      UpdateOrder: () => ({ data: null, errors: [{ errorType: "OrderNotModifiableError", message: "Order 01R has been paid and can no longer be changed" }] }),
      TrackOrder: () => ({ data: { order: orderResponse({ id: "01R", orderStatus: "COMPLETED", name: "Margherita", quantity: 2 }) } }),
    });
    const card = await cardOf("2 × Margherita");
    await user.click(within(card).getByRole("button", { name: "Change" }));
    await user.click(within(card).getByRole("button", { name: "Save changes" }));

    expect(await within(card).findByText("Completed", { selector: ".badge" })).toBeInTheDocument();
    expect(within(card).queryByRole("form")).toBeNull();
    expect(within(card).getByText("The order was not changed. Order 01R has been paid and can no longer be changed")).toBeVisible();
  });

  it("offers no change and no cancel for a finished order", async () => {
    renderMyOrders({ MyOrders: () => connection([orderResponse({ id: "01F", orderStatus: "COMPLETED", name: "Veggie", quantity: 1 })], null) });
    const card = await cardOf("1 × Veggie");
    expect(within(card).queryByRole("button", { name: "Change" })).toBeNull();
    expect(within(card).queryByRole("button", { name: "Cancel order" })).toBeNull();
    expect(within(card).getByRole("button", { name: "Remove from history" })).toBeInTheDocument();
  });
});

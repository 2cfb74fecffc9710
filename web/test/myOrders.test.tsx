import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { MENU_RESPONSE, orderResponse, type Answer, type RecordedRequest } from "./support/fakeGraphqlServer";
import { renderApp } from "./support/renderApp";

type Order = ReturnType<typeof orderResponse>;

function connection(items: Order[], nextToken: string | null) {
  return { data: { orders: { __typename: "OrderConnection", items, nextToken } } };
}

function shop(answers: Partial<Record<string, (request: RecordedRequest) => Answer>>) {
  return (request: RecordedRequest): Answer => {
    if (request.operationName === "Menu") return { data: MENU_RESPONSE };
    const answer = answers[request.operationName];
    if (!answer) throw new Error(`unexpected ${request.operationName}`);
    return answer(request);
  };
}

function cardOf(headingText: string): HTMLElement {
  return screen.getByRole("heading", { name: headingText }).closest("li")!;
}

describe("my orders", () => {
  it("lists the newest first and appends older pages on request", async () => {
    const user = userEvent.setup();
    const app = renderApp(
      "/orders",
      shop({
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
      }),
    );

    const list = await screen.findByRole("list", { name: "Orders" });
    expect(within(list).getAllByRole("heading").map((h) => h.textContent)).toEqual(["3 × Hawaiian", "2 × Pepperoni"]);
    await user.click(screen.getByRole("button", { name: "Show older orders" }));

    await screen.findByText("That's all your orders.");
    expect(within(list).getAllByRole("heading").map((h) => h.textContent)).toEqual(["3 × Hawaiian", "2 × Pepperoni", "1 × Veggie"]);
    expect(app.requestsFor("MyOrders").map((r) => r.variables)).toEqual([{ limit: 10 }, { limit: 10, nextToken: "page-2" }]);
    expect(screen.queryByRole("button", { name: "Show older orders" })).toBeNull();
  });

  it("says so when there are no orders", async () => {
    renderApp("/orders", shop({ MyOrders: () => connection([], null) }));
    expect(await screen.findByRole("heading", { name: "No orders yet" })).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Order a pizza" })).toHaveAttribute("href", "/");
  });

  it("cancels an unpaid order only after confirmation", async () => {
    const user = userEvent.setup();
    const order = orderResponse({ id: "01Q", orderStatus: "QUEUED", name: "Margherita", quantity: 2 });
    const app = renderApp(
      "/orders",
      shop({
        MyOrders: () => connection([order], null),
        DeleteOrder: () => ({ data: { deleteOrder: orderResponse({ id: "01Q", orderStatus: "CANCELLED", failureReason: "Cancelled by the customer" }) } }),
      }),
    );
    const card = await screen.findByRole("heading", { name: "2 × Margherita" }).then((h) => h.closest("li")!);

    await user.click(within(card).getByRole("button", { name: "Cancel order" }));
    const dialog = screen.getByRole("alertdialog", { name: "Cancel this order?" });
    expect(within(dialog).getByRole("button", { name: "Keep it" })).toHaveFocus();
    await user.keyboard("{Escape}");
    expect(screen.queryByRole("alertdialog")).toBeNull();
    expect(app.requestsFor("DeleteOrder")).toHaveLength(0);

    await user.click(within(card).getByRole("button", { name: "Cancel order" }));
    await user.click(within(screen.getByRole("alertdialog")).getByRole("button", { name: "Cancel order" }));

    expect(await within(card).findByText("Cancelled", { selector: ".badge" })).toBeInTheDocument();
    expect(app.requestsFor("DeleteOrder").map((r) => r.variables)).toEqual([{ id: "01Q" }]);
    expect(screen.getByTestId("announcer")).toHaveTextContent("Order cancelled.");
  });

  it("explains a refused cancellation and shows where the order is now", async () => {
    const user = userEvent.setup();
    let trackCalls = 0;
    renderApp(
      "/orders",
      shop({
        MyOrders: () => connection([orderResponse({ id: "01P", orderStatus: "PENDING_PAYMENT", name: "Veggie", quantity: 1 })], null),
        DeleteOrder: () => ({
          data: null,
          errors: [{ errorType: "OrderNotModifiableError", message: "Order 01P has been paid and can no longer be cancelled" }],
        }),
        TrackOrder: () => {
          trackCalls += 1;
          return { data: { order: orderResponse({ id: "01P", orderStatus: "COMPLETED", name: "Veggie", quantity: 1 }) } };
        },
      }),
    );
    const card = await screen.findByRole("heading", { name: "1 × Veggie" }).then((h) => h.closest("li")!);
    await user.click(within(card).getByRole("button", { name: "Cancel order" }));
    await user.click(within(screen.getByRole("alertdialog")).getByRole("button", { name: "Cancel order" }));

    expect(await within(card).findByRole("alert")).toHaveTextContent(
      "The order was not cancelled. Order 01P has been paid and can no longer be cancelled",
    );
    expect(await within(card).findByText("Completed", { selector: ".badge" })).toBeInTheDocument();
    expect(trackCalls).toBe(1);
  });

  it("deletes a finished order from the list after confirmation", async () => {
    const user = userEvent.setup();
    renderApp(
      "/orders",
      shop({
        MyOrders: () =>
          connection(
            [
              orderResponse({ id: "01D", orderStatus: "COMPLETED", name: "Hawaiian", quantity: 1 }),
              orderResponse({ id: "01E", orderStatus: "COMPLETED", name: "Pepperoni", quantity: 4 }),
            ],
            null,
          ),
        DeleteOrder: () => ({ data: { deleteOrder: orderResponse({ id: "01D", orderStatus: "COMPLETED", name: "Hawaiian", quantity: 1 }) } }),
      }),
    );
    const card = await screen.findByRole("heading", { name: "1 × Hawaiian" }).then((h) => h.closest("li")!);
    await user.click(within(card).getByRole("button", { name: "Delete" }));
    await user.click(within(screen.getByRole("alertdialog", { name: "Delete this order?" })).getByRole("button", { name: "Delete order" }));

    await screen.findByText("Order deleted.");
    expect(screen.queryByRole("heading", { name: "1 × Hawaiian" })).toBeNull();
    expect(screen.getByRole("heading", { name: "4 × Pepperoni" })).toBeInTheDocument();
  });

  it("changes an order while it is allowed, validating with the core's rules first", async () => {
    const user = userEvent.setup();
    const app = renderApp(
      "/orders",
      shop({
        MyOrders: () => connection([orderResponse({ id: "01U", orderStatus: "QUEUED", name: "Margherita", quantity: 2 })], null),
        UpdateOrder: (request) => ({
          data: {
            updateOrder: orderResponse({ id: "01U", orderStatus: "QUEUED", name: "Margherita", quantity: (request.variables.input as { quantity: number }).quantity }),
          },
        }),
      }),
    );
    const card = await screen.findByRole("heading", { name: "2 × Margherita" }).then((h) => h.closest("li")!);
    expect(within(cardOf("2 × Margherita")).queryByRole("button", { name: "Change" })).not.toBeNull();
    await user.click(within(card).getByRole("button", { name: "Change" }));
    const form = within(card).getByRole("form");
    const quantity = within(form).getByLabelText("Quantity");

    await user.clear(quantity);
    await user.type(quantity, "0");
    await user.click(within(form).getByRole("button", { name: "Save changes" }));
    expect(within(form).getByText("quantity must be at least 1")).toBeInTheDocument();
    expect(app.requestsFor("UpdateOrder")).toHaveLength(0);

    await user.clear(quantity);
    await user.type(quantity, "4");
    await user.click(within(form).getByRole("button", { name: "Save changes" }));

    expect(await screen.findByRole("heading", { name: "4 × Margherita" })).toBeInTheDocument();
    expect(app.requestsFor("UpdateOrder")[0].variables.input).toMatchObject({ id: "01U", quantity: 4, name: "Margherita" });
    expect(app.requestsFor("UpdateOrder")[0].variables.input).not.toHaveProperty("paymentToken");
  });

  it("offers no change for a finished order", async () => {
    renderApp("/orders", shop({ MyOrders: () => connection([orderResponse({ id: "01F", orderStatus: "COMPLETED", name: "Veggie", quantity: 1 })], null) }));
    const card = await screen.findByRole("heading", { name: "1 × Veggie" }).then((h) => h.closest("li")!);
    expect(within(card).queryByRole("button", { name: "Change" })).toBeNull();
    expect(within(card).getByRole("button", { name: "Delete" })).toBeInTheDocument();
  });
});

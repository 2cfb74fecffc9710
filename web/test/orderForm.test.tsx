import { TOPPINGS } from "@pizza-orders/core/menu/menu";
import { priceOrder } from "@pizza-orders/core/menu/pricing";
import { ORDER_LIMITS } from "@pizza-orders/core/order/rules";
import { fireEvent, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { formatMoney } from "../src/orders/money";
import { type Answer, MENU_RESPONSE, orderResponse, type RecordedRequest } from "./support/fakeGraphqlServer";
import { renderApp } from "./support/renderApp";

function menuOr(answer: (request: RecordedRequest) => Answer | Promise<Answer>) {
  return (request: RecordedRequest) => (request.operationName === "Menu" ? { data: MENU_RESPONSE } : answer(request));
}

const neverCalled = (): Answer => {
  throw new Error("no request other than the menu was expected");
};

/** The message element a field points at with aria-describedby. */
function describedErrorOf(element: HTMLElement): string {
  const ids = (element.getAttribute("aria-describedby") ?? "").split(" ").filter(Boolean);
  return ids.map((id) => document.getElementById(id)?.textContent ?? "").join(" ");
}

describe("placing an order", () => {
  it("refuses a quantity above the limit with the core's message next to the field, without calling the API", async () => {
    const user = userEvent.setup();
    const app = renderApp("/", menuOr(neverCalled));
    const quantity = await screen.findByRole("spinbutton", { name: "Quantity" });

    await user.clear(quantity);
    await user.type(quantity, String(ORDER_LIMITS.maxQuantity + 1));
    await user.click(screen.getByRole("button", { name: "Place order" }));

    expect(quantity).toHaveAttribute("aria-invalid", "true");
    expect(describedErrorOf(quantity)).toBe(`Quantity must be at most ${ORDER_LIMITS.maxQuantity}`);
    expect(quantity).toHaveFocus();
    expect(app.requestsFor("PlaceOrder")).toHaveLength(0);
  });

  it("refuses a fractional or empty quantity with the core's messages", async () => {
    const user = userEvent.setup();
    renderApp("/", menuOr(neverCalled));
    const quantity = await screen.findByRole("spinbutton", { name: "Quantity" });

    await user.clear(quantity);
    await user.click(screen.getByRole("button", { name: "Place order" }));
    expect(describedErrorOf(quantity)).toBe("Quantity is required");

    await user.type(quantity, "1.5");
    expect(describedErrorOf(quantity)).toBe("Quantity must be a whole number");
  });

  it("offers only the menu's toppings and no more than the limit", async () => {
    const user = userEvent.setup();
    renderApp("/", menuOr(neverCalled));
    const toppings = await screen.findByRole("group", { name: "Extra toppings" });
    const boxes = within(toppings).getAllByRole("checkbox");

    expect(boxes.map((box) => (box as HTMLInputElement).value)).toEqual(TOPPINGS.map((topping) => topping.name));
    expect(within(toppings).queryByRole("textbox")).toBeNull();

    for (const box of boxes.slice(0, ORDER_LIMITS.maxToppings)) await user.click(box);
    const rest = boxes.slice(ORDER_LIMITS.maxToppings);
    expect(rest.length).toBeGreaterThan(0);
    for (const box of rest) expect(box).toBeDisabled();

    await user.click(boxes[0]);
    for (const box of rest) expect(box).toBeEnabled();
  });

  it("shows a running total equal to the server's pricing function", async () => {
    const user = userEvent.setup();
    renderApp("/", menuOr(neverCalled));
    await user.click(await screen.findByRole("radio", { name: /Pepperoni/ }));
    await user.click(screen.getByRole("radio", { name: "Large (35 cm)" }));
    await user.click(screen.getByRole("checkbox", { name: /Bacon/ }));
    await user.click(screen.getByRole("checkbox", { name: /Chilli/ }));
    const quantity = screen.getByRole("spinbutton", { name: "Quantity" });
    await user.clear(quantity);
    await user.type(quantity, "3");

    const expected = priceOrder({ name: "Pepperoni", size: "LARGE", toppings: ["Chilli", "Bacon"], quantity: 3 });
    // (1200 × 130% + 200 + 50) × 3, worked out by hand, so a change in either side shows up here.
    expect(expected).toBe(5430);
    expect(screen.getByTestId("order-total")).toHaveTextContent(formatMoney(5430, "USD"));
  });

  it("sends one request for a double click and keeps the button disabled while it is in flight", async () => {
    const user = userEvent.setup();
    let answerPlaceOrder: (answer: Answer) => void = () => {};
    const app = renderApp(
      "/",
      menuOr(() => new Promise<Answer>((resolve) => (answerPlaceOrder = resolve))),
    );
    const button = await screen.findByRole("button", { name: "Place order" });

    await user.dblClick(button);
    await user.keyboard("{Enter}");
    expect(app.requestsFor("PlaceOrder")).toHaveLength(1);
    expect(screen.getByRole("button", { name: "Placing order…" })).toBeDisabled();
    // A submit that reaches the form anyway (Enter in a field, a script) is refused by the guard.
    const form = screen.getByRole("button", { name: "Placing order…" }).closest("form")!;
    fireEvent.submit(form);
    fireEvent.submit(form);
    expect(app.requestsFor("PlaceOrder")).toHaveLength(1);

    answerPlaceOrder({ data: { postOrder: { ...orderResponse({ id: "01PLACED", orderStatus: "QUEUED" }), guestSecret: "secret-01PLACED" } } });
    await screen.findByRole("heading", { level: 1, name: "Your order" });
    expect(app.location.history.at(-1)).toBe("/orders/01PLACED");
    expect(app.requestsFor("PlaceOrder")).toHaveLength(1);
    const sent = app.requestsFor("PlaceOrder")[0];
    expect(sent.headers["x-api-key"]).toBe("test-api-key");
    expect(sent.variables.input).toMatchObject({ name: "Pizza", quantity: 1, restaurantId: "Dominos", size: "MEDIUM", paymentToken: "tok_visa" });
  });

  it("shows a server validation error next to the field its errorInfo names", async () => {
    const user = userEvent.setup();
    renderApp(
      "/",
      menuOr(() => ({
        data: null,
        errors: [
          {
            message: "Restaurant must be one from the menu",
            errorType: "ValidationError",
            errorInfo: { fieldErrors: { restaurantId: "Restaurant must be one from the menu" } },
          },
        ],
      })),
    );
    await user.click(await screen.findByRole("button", { name: "Place order" }));

    const restaurant = screen.getByRole("combobox", { name: "Restaurant" });
    await screen.findByRole("alert");
    expect(describedErrorOf(restaurant)).toBe("Restaurant must be one from the menu");
    expect(restaurant).toHaveAttribute("aria-invalid", "true");
    expect(screen.getByRole("button", { name: "Place order" })).toBeEnabled();
  });

  it("places each of errorInfo.fieldErrors on its field, by the first segment of its path", async () => {
    const user = userEvent.setup();
    renderApp(
      "/",
      menuOr(() => ({
        data: null,
        // As the core's validate() sends it: the joined message, and one message per field path.
        errors: [
          {
            message: "Restaurant must be one from the menu; Each topping must be one from the menu",
            errorType: "ValidationError",
            errorInfo: {
              fieldErrors: { restaurantId: "Restaurant must be one from the menu", "toppings.1": "Each topping must be one from the menu" },
            },
          },
        ],
      })),
    );
    await user.click(await screen.findByRole("button", { name: "Place order" }));

    await screen.findByRole("alert");
    expect(describedErrorOf(screen.getByRole("combobox", { name: "Restaurant" }))).toBe("Restaurant must be one from the menu");
    expect(describedErrorOf(screen.getByRole("group", { name: "Extra toppings" }))).toContain("Each topping must be one from the menu");
  });

  it("never reads a field out of a message's text: without errorInfo.fieldErrors it is the form's error", async () => {
    const user = userEvent.setup();
    renderApp(
      "/",
      menuOr(() => ({ data: null, errors: [{ message: "quantity must be at most 20", errorType: "ValidationError" }] })),
    );
    await user.click(await screen.findByRole("button", { name: "Place order" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("quantity must be at most 20");
    expect(screen.getByRole("spinbutton", { name: "Quantity" })).not.toHaveAttribute("aria-invalid", "true");
  });

  it("shows a server error that names no field as a form error", async () => {
    const user = userEvent.setup();
    renderApp(
      "/",
      menuOr(() => ({ data: null, errors: [{ message: "The order could not be accepted right now", errorType: "ValidationError" }] })),
    );
    await user.click(await screen.findByRole("button", { name: "Place order" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("The order could not be accepted right now");
  });
});

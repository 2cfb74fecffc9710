import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { shopAnswering } from "./support/fakeGraphqlServer";
import { renderApp } from "./support/renderApp";

// A guest's "My orders" lists this browser's orders (none here): only the menu is asked for.
const shop = shopAnswering({});

describe("navigation", () => {
  it("moves focus to the new page's heading and marks the current page in the menu", async () => {
    const user = userEvent.setup();
    const app = renderApp("/", shop);
    await screen.findByRole("button", { name: "Place order" });
    // A fresh page load is not a navigation: focus stays where the browser put it.
    expect(document.activeElement).toBe(document.body);
    const nav = screen.getByRole("navigation", { name: "Main" });
    expect(screen.getByRole("link", { name: "Order" })).toHaveAttribute("aria-current", "page");

    await user.click(screen.getByRole("link", { name: "My orders" }));

    const heading = await screen.findByRole("heading", { level: 1, name: "My orders" });
    expect(heading).toHaveFocus();
    expect(document.title).toBe("My orders · Pizza Orders");
    expect(nav.querySelector('[aria-current="page"]')).toHaveTextContent("My orders");
    expect(app.location.history).toEqual(["/", "/orders"]);
  });

  it("answers an unknown address with a page that says so", async () => {
    renderApp("/nowhere", shop);
    expect(await screen.findByRole("heading", { level: 1, name: "Page not found" })).toBeInTheDocument();
  });
});

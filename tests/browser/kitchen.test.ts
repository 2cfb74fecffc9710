// The shop end to end in Chromium, two browsers side by side: a customer orders a cart on a phone;
// a cook of that restaurant moves it through every kitchen stage on the kitchen display; the
// customer's tracker and "My orders" show each stage (and the ETA) as it happens, with no status
// request sent while the socket is healthy; a cook of another restaurant never sees the order.
// Nothing is mocked: the local shop, its user pool (staff groups) and the production web build.
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { signUpCustomer } from "../../packages/local/test/support/customers";
import { accessibilityViolations } from "./support/accessibility";
import { orderIdOf, useBrowserShop, waitForStatus } from "./support/browserShop";
import type { RecordedPage } from "./support/browserPage";

const suite = useBrowserShop({ accounts: true });
const PHONE = { width: 390, height: 844 };

async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto(`${suite.web.url}/sign-in`);
  await page.getByLabel("E-mail address").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("link", { name: `Account: ${email}` }).waitFor();
}

/** The kitchen display of the restaurant, once its board (live) is on screen. */
async function openKitchen(tab: RecordedPage, restaurantId: string): Promise<void> {
  await tab.page.goto(`${suite.web.url}/kitchen/${restaurantId}`);
  await tab.page.locator('.kitchen-board[data-live="live"]').waitFor();
}

/** Status reads (the tracker's order query, the list's myOrders) the tab has sent so far. */
const statusReads = (tab: RecordedPage) => tab.count("TrackOrder") + tab.count("MyOrders");

describe("the kitchen and its customers in Chromium", () => {
  it("a cart goes through every kitchen stage, shown live to the customer; another restaurant's kitchen never sees it", async () => {
    const [customer, cook, otherCook] = await Promise.all([
      signUpCustomer(suite.shop, { confirmWith: "admin" }),
      signUpCustomer(suite.shop, { confirmWith: "admin", staffOf: "Luigis" }),
      signUpCustomer(suite.shop, { confirmWith: "admin", staffOf: "NapoliExpress" }),
    ]);
    const customerTab = await suite.tab(PHONE);
    const kitchenTab = await suite.tab();
    const otherKitchenTab = await suite.tab();
    await Promise.all([
      signIn(customerTab.page, customer.email, customer.password),
      signIn(kitchenTab.page, cook.email, cook.password),
      signIn(otherKitchenTab.page, otherCook.email, otherCook.password),
    ]);
    await Promise.all([openKitchen(kitchenTab, "Luigis"), openKitchen(otherKitchenTab, "NapoliExpress")]);
    expect(await accessibilityViolations(kitchenTab.page)).toEqual([]);

    // The customer fills a cart of two lines on a phone.
    const { page } = customerTab;
    await page.goto(`${suite.web.url}/`);
    await page.getByRole("radio", { name: /^Margherita\b/ }).check();
    await page.getByRole("radio", { name: "Large (35 cm)" }).check();
    await page.getByRole("checkbox", { name: /^Olives/ }).check();
    await page.getByRole("spinbutton", { name: "Quantity" }).fill("2");
    await page.getByRole("button", { name: "Add to cart" }).click();
    await page.getByRole("radio", { name: /^Pepperoni\b/ }).check();
    await page.getByRole("button", { name: "Add to cart" }).click();
    const cart = page.getByRole("list", { name: "Cart" }).getByRole("listitem");
    expect(await cart.count()).toBe(2);
    await page.getByRole("combobox", { name: "Restaurant" }).selectOption("Luigis");
    await page.getByRole("radio", { name: "Visa test card — always approved" }).check();
    await page.getByTestId("checkout-eta").waitFor();
    // The total and "Place order" stay on screen while the phone shows the top of the cart.
    await page.getByRole("heading", { name: "Your cart" }).scrollIntoViewIfNeeded();
    expect(await page.getByRole("button", { name: "Place order" }).isVisible()).toBe(true);
    const placeBox = await page.getByRole("button", { name: "Place order" }).boundingBox();
    expect(placeBox!.y + placeBox!.height).toBeLessThanOrEqual(PHONE.height);
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByRole("button", { name: "Place order" }).click();
    const orderId = await orderIdOf(page);
    await waitForStatus(page, "Received by the kitchen");
    const orderNumber = ((await page.locator(".order-number").textContent()) ?? "").replace(/^Order /, "");
    expect(orderNumber).toMatch(/^#\d{3}$/);
    await page.getByTestId("tracker-eta").waitFor();

    // The cook sees it on Luigi's display, with its number and items; the other kitchen never does.
    const card = kitchenTab.page.getByRole("listitem").filter({ has: kitchenTab.page.getByRole("heading", { name: orderNumber }) });
    await card.waitFor();
    expect(await card.getByRole("list", { name: `Items of order ${orderNumber}` }).textContent()).toContain("2 × Large Margherita + Olives");

    // Each stage the cook makes appears on the customer's tracker, with no status request sent.
    // Once the socket is healthy and its one catch-up read answered, nothing more is read.
    await page.locator('.tracker[data-live="live"]').waitFor();
    await page.waitForLoadState("networkidle");
    const readsBefore = statusReads(customerTab);
    for (const [stage, label] of [
      ["Preparing", "Preparing"],
      ["Baking", "Baking"],
    ] as const) {
      await card.getByRole("button", { name: `Move order ${orderNumber} to ${stage}` }).click();
      await waitForStatus(page, label);
      expect(statusReads(customerTab)).toBe(readsBefore);
    }
    await page.getByTestId("tracker-eta").waitFor();

    // "My orders" follows the remaining stages the same way.
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "My orders" }).click();
    const listed = page.getByRole("listitem").filter({ has: page.locator(".order-id", { hasText: orderId }) });
    await listed.getByText("Baking").waitFor();
    await page.locator('.order-list[data-live="live"]').waitFor();
    await page.waitForLoadState("networkidle");
    const listReads = statusReads(customerTab);
    for (const stage of ["Ready", "Completed"] as const) {
      await card.getByRole("button", { name: `Move order ${orderNumber} to ${stage}` }).click();
      await listed.getByText(stage, { exact: true }).waitFor();
      expect(statusReads(customerTab)).toBe(listReads);
    }
    await card.waitFor({ state: "detached" });

    // The other restaurant's cook saw nothing of it, and is refused Luigi's display.
    expect(await otherKitchenTab.page.getByRole("heading", { name: orderNumber }).count()).toBe(0);
    expect(otherKitchenTab.count("AdvanceOrder")).toBe(0);
    const otherKitchenReads = otherKitchenTab.count("KitchenOrders");
    await otherKitchenTab.page.goto(`${suite.web.url}/kitchen/Luigis`);
    await otherKitchenTab.page.getByRole("heading", { name: "Not your kitchen" }).waitFor();
    expect(await otherKitchenTab.page.getByRole("heading", { name: orderNumber }).count()).toBe(0);
    expect(otherKitchenTab.count("KitchenOrders")).toBe(otherKitchenReads);
    expect(await accessibilityViolations(otherKitchenTab.page)).toEqual([]);

    // The customer's pages never downloaded the staff bundle.
    expect(customerTab.scripts().filter((url) => /Kitchen/.test(url))).toEqual([]);
    expect(kitchenTab.scripts().some((url) => /KitchenPage-/.test(url))).toBe(true);
  });
});

// Identity in a real Chromium against the local pipeline with its local user pool (cognito-local):
// customers see only their own orders and e-mail, a guest tracks through the link they keep, and
// a browser with only an order id sees nothing. Nothing is mocked.
//
// Needs the identity backend (issue 8): the local user pool (shop.userPool), its confirmation codes
// page (/dev/confirmation-codes) and the resolvers for the identity contract (postOrder's guest
// secret, myOrders, cancelOrder, deleteOrder, claimGuestOrders, me).
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { accessibilityViolations } from "./support/accessibility";
import { completeInKitchen, orderIdOf, useBrowserShop, waitForStatus } from "./support/browserShop";

const PASSWORD = "Pizza-lover-2026!";

const suite = useBrowserShop({ accounts: true });
/** A fresh browser context: its own storage, as a different browser would have. */
const freshBrowser = () => suite.tab();

const uniqueEmail = (name: string) => `${name}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}@example.com`;

/** The confirmation code the local user pool "e-mailed" to this address, read where a developer reads it: the page the banner links to. */
async function confirmationCodeFor(page: Page, email: string): Promise<string> {
  expect(await page.getByRole("complementary", { name: "Local mode" }).getByRole("link", { name: "developer page" }).getAttribute("href")).toBe(suite.developerPageUrl);
  const devPage = await page.context().newPage();
  try {
    await devPage.goto(suite.developerPageUrl);
    // Newest first: the first row for this address holds the latest code.
    const row = devPage.getByRole("row").filter({ hasText: email }).first();
    await row.waitFor();
    return ((await row.locator("code").textContent()) ?? "").trim();
  } finally {
    await devPage.close();
  }
}

async function signUpAndSignIn(page: Page, email: string): Promise<void> {
  await page.goto(`${suite.web.url}/sign-up`);
  await page.getByLabel("E-mail address").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await page.getByRole("heading", { level: 1, name: "Confirm your e-mail address" }).waitFor();

  await page.getByLabel("Confirmation code").fill(await confirmationCodeFor(page, email));
  await page.getByRole("button", { name: "Confirm" }).click();
  await page.getByRole("heading", { level: 1, name: "Sign in" }).waitFor();
  expect(await page.getByLabel("E-mail address").inputValue()).toBe(email);

  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("heading", { level: 1, name: "My orders" }).waitFor();
  await page.getByRole("link", { name: `Account: ${email}` }).waitFor();
}

async function placeOrder(page: Page): Promise<string> {
  await page.goto(`${suite.web.url}/`);
  await page.getByRole("radio", { name: /^Margherita\b/ }).check();
  await page.getByRole("radio", { name: "Visa test card — always approved" }).check();
  await page.getByRole("button", { name: "Place order" }).click();
  return orderIdOf(page);
}

const visibleText = (page: Page) => page.evaluate(() => document.body.innerText);

describe("customers in Chromium against the local pipeline and user pool", () => {
  it("signs up, confirms, orders, signs out; the next customer sees nothing of the first", async () => {
    const { page } = await freshBrowser();
    const first = uniqueEmail("first");
    await signUpAndSignIn(page, first);

    await page.goto(`${suite.web.url}/`);
    await page.getByRole("button", { name: "Place order" }).waitFor();
    // The e-mail field is filled from the account.
    await expect.poll(() => page.getByLabel(/E-mail/).inputValue()).toBe(first);
    const orderId = await placeOrder(page);
    await waitForStatus(page, "Received by the kitchen");
    // A signed-in customer's order needs no link to keep.
    expect(await page.getByRole("link", { name: "Track this order" }).count()).toBe(0);

    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "My orders" }).click();
    await page.locator(".order-id", { hasText: orderId }).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);

    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByRole("link", { name: "Sign in" }).waitFor();
    expect(await visibleText(page)).not.toContain(first);

    const second = uniqueEmail("second");
    await signUpAndSignIn(page, second);
    await page.getByRole("heading", { name: "No orders yet" }).waitFor();
    expect(await visibleText(page)).not.toContain(orderId);
    expect(await visibleText(page)).not.toContain(first);

    await page.goto(`${suite.web.url}/`);
    await expect.poll(() => page.getByLabel(/E-mail/).inputValue()).toBe(second);
    expect(await visibleText(page)).not.toContain(first);

    await page.goto(`${suite.web.url}/orders/${orderId}`);
    await page.getByRole("heading", { name: "We couldn't find this order" }).waitFor();
    const text = await visibleText(page);
    expect(text).not.toContain(first);
    expect(text).not.toContain("Margherita");
  });

  it("a guest orders, reloads, tracks through the link; another browser with only the id sees nothing", async () => {
    const guest = await freshBrowser();
    const orderId = await placeOrder(guest.page);
    const link = guest.page.getByRole("link", { name: "Track this order" });
    await link.waitFor();
    const trackingLink = (await link.getAttribute("href"))!;
    expect(new URL(trackingLink).pathname).toBe(`/orders/${orderId}`);
    expect(new URL(trackingLink).hash).toMatch(/^#secret=.+/);

    await guest.page.reload();
    await waitForStatus(guest.page, "Received by the kitchen");
    await guest.page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "My orders" }).click();
    await guest.page.locator(".order-id", { hasText: orderId }).waitFor();

    const elsewhere = await freshBrowser();
    await elsewhere.page.goto(trackingLink);
    await waitForStatus(elsewhere.page, "Received by the kitchen");
    expect(await elsewhere.page.locator(".order-id").textContent()).toBe(orderId);

    const stranger = await freshBrowser();
    await stranger.page.goto(`${suite.web.url}/orders/${orderId}`);
    await stranger.page.getByRole("heading", { name: "We couldn't find this order" }).waitFor();
    expect(await visibleText(stranger.page)).not.toContain("Margherita");
    await stranger.page.goto(`${suite.web.url}/orders`);
    await stranger.page.getByRole("heading", { name: "No orders yet" }).waitFor();
    expect(stranger.count("MyOrders")).toBe(0);
  });

  it("confirms before removing a finished order from the history, in every tab", async () => {
    const { page } = await freshBrowser();
    await signUpAndSignIn(page, uniqueEmail("remover"));
    const orderId = await placeOrder(page);
    // Only a finished order leaves the history: the kitchen completes it first.
    await waitForStatus(page, "Received by the kitchen");
    await completeInKitchen(orderId);
    await waitForStatus(page, "Completed");

    await page.goto(`${suite.web.url}/orders`);
    const card = page.getByRole("listitem").filter({ has: page.locator(".order-id", { hasText: orderId }) });
    await card.waitFor();
    expect(await card.getByRole("button", { name: "Cancel order" }).count()).toBe(0);
    await card.getByRole("button", { name: "Remove from history" }).click();
    const dialog = page.getByRole("alertdialog", { name: "Remove this order from your history?" });
    expect(await accessibilityViolations(page)).toEqual([]);
    await dialog.getByRole("button", { name: "Keep it" }).click();
    expect(await card.count()).toBe(1);

    await card.getByRole("button", { name: "Remove from history" }).click();
    await dialog.getByRole("button", { name: "Remove from history" }).click();
    await card.waitFor({ state: "detached" });
    await page.reload();
    await page.getByRole("heading", { level: 1, name: "My orders" }).waitFor();
    await page.getByRole("heading", { name: "No orders yet" }).waitFor();
  });

  it("moves a guest's orders into the account on sign-in", async () => {
    const { page } = await freshBrowser();
    const orderId = await placeOrder(page);
    await page.getByRole("link", { name: "Track this order" }).waitFor();

    await signUpAndSignIn(page, uniqueEmail("claimer"));
    await page.locator(".order-id", { hasText: orderId }).waitFor();
    expect(await page.evaluate(() => localStorage.getItem("pizza-orders.guest-orders.v1"))).toBeNull();
  });
});

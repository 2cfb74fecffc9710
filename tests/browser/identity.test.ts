// Identity in a real Chromium against the local pipeline with its local user pool (cognito-local):
// customers see only their own orders and e-mail, a guest tracks through the link they keep, and
// a browser with only an order id sees nothing. Nothing is mocked.
//
// Needs the identity backend (issue 8): the local user pool (shop.userPool), its confirmation codes
// page (/dev/confirmation-codes) and the resolvers for the identity contract (postOrder's guest
// secret, myOrders, cancelOrder, deleteOrder, claimGuestOrders, me).
import type { LocalShop } from "../../packages/local/src/localShop";
import { startTestShop, stopTestShop } from "../../packages/local/test/support/testShop";
import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { accessibilityViolations } from "./support/accessibility";
import { openPage, type RecordedPage } from "./support/browserPage";
import { launchChromium } from "./support/chromium";
import { buildAndServeWebApp, freeLoopbackPort, type ServedWebApp } from "./support/webApp";

const TERMINAL_TIMEOUT_MS = 30_000;
const ORDER_URL = /\/orders\/([0-9A-HJKMNP-TV-Z]{26})$/;
const PASSWORD = "Pizza-lover-2026!";

let browser: Browser;
let shop: LocalShop;
let web: ServedWebApp;
/** The local developer page with the confirmation codes (opened from the app's developer banner). */
let developerPageUrl: string;
const openPages: RecordedPage[] = [];

beforeAll(async () => {
  browser = await launchChromium();
  // The shop's developer routes answer only the web app's origin.
  const webPort = await freeLoopbackPort();
  shop = await startTestShop({ webOrigins: [`http://127.0.0.1:${webPort}`] });
  developerPageUrl = `${shop.apiUrl}/dev/confirmation-codes?key=${encodeURIComponent(shop.apiKey)}`;
  const cognito = { userPoolId: shop.userPool.userPoolId, clientId: shop.userPool.clientId, endpoint: shop.userPool.url };
  web = await buildAndServeWebApp({ graphqlUrl: shop.graphqlUrl, apiKey: shop.apiKey, cognito, localDevUrl: developerPageUrl }, webPort);
});

afterAll(async () => {
  await browser?.close();
  await web?.close();
  await stopTestShop(shop);
});

/** A fresh browser context: its own storage, as a different browser would have. */
async function freshBrowser(): Promise<RecordedPage> {
  const recorded = await openPage(browser, shop.graphqlUrl);
  openPages.push(recorded);
  return recorded;
}

afterEach(async () => {
  const pages = openPages.splice(0);
  const errors = pages.flatMap((page) => page.consoleErrors);
  await Promise.all(pages.map((page) => page.close()));
  expect(errors).toEqual([]);
});

const uniqueEmail = (name: string) => `${name}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}@example.com`;

/** The confirmation code the local user pool "e-mailed" to this address, read where a developer reads it: the page the banner links to. */
async function confirmationCodeFor(page: Page, email: string): Promise<string> {
  expect(await page.getByRole("complementary", { name: "Local mode" }).getByRole("link", { name: "developer page" }).getAttribute("href")).toBe(developerPageUrl);
  const devPage = await page.context().newPage();
  try {
    await devPage.goto(developerPageUrl);
    // Newest first: the first row for this address holds the latest code.
    const row = devPage.getByRole("row").filter({ hasText: email }).first();
    await row.waitFor();
    return ((await row.locator("code").textContent()) ?? "").trim();
  } finally {
    await devPage.close();
  }
}

async function signUpAndSignIn(page: Page, email: string): Promise<void> {
  await page.goto(`${web.url}/sign-up`);
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
  await page.goto(`${web.url}/`);
  await page.getByRole("radio", { name: /^Margherita\b/ }).check();
  await page.getByRole("radio", { name: "Visa test card — always approved" }).check();
  await page.getByRole("button", { name: "Place order" }).click();
  await page.waitForURL(ORDER_URL);
  return ORDER_URL.exec(new URL(page.url()).pathname)![1];
}

async function waitForStatus(page: Page, label: string): Promise<void> {
  await page.locator(".tracker-status", { hasText: label }).waitFor({ timeout: TERMINAL_TIMEOUT_MS });
}

const visibleText = (page: Page) => page.evaluate(() => document.body.innerText);

describe("customers in Chromium against the local pipeline and user pool", () => {
  it("signs up, confirms, orders, signs out; the next customer sees nothing of the first", async () => {
    const { page } = await freshBrowser();
    const first = uniqueEmail("first");
    await signUpAndSignIn(page, first);

    await page.goto(`${web.url}/`);
    await page.getByRole("button", { name: "Place order" }).waitFor();
    // The e-mail field is filled from the account.
    await expect.poll(() => page.getByLabel(/E-mail/).inputValue()).toBe(first);
    const orderId = await placeOrder(page);
    await waitForStatus(page, "Completed");
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

    await page.goto(`${web.url}/`);
    await expect.poll(() => page.getByLabel(/E-mail/).inputValue()).toBe(second);
    expect(await visibleText(page)).not.toContain(first);

    await page.goto(`${web.url}/orders/${orderId}`);
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
    await waitForStatus(guest.page, "Completed");
    await guest.page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "My orders" }).click();
    await guest.page.locator(".order-id", { hasText: orderId }).waitFor();

    const elsewhere = await freshBrowser();
    await elsewhere.page.goto(trackingLink);
    await waitForStatus(elsewhere.page, "Completed");
    expect(await elsewhere.page.locator(".order-id").textContent()).toBe(orderId);

    const stranger = await freshBrowser();
    await stranger.page.goto(`${web.url}/orders/${orderId}`);
    await stranger.page.getByRole("heading", { name: "We couldn't find this order" }).waitFor();
    expect(await visibleText(stranger.page)).not.toContain("Margherita");
    await stranger.page.goto(`${web.url}/orders`);
    await stranger.page.getByRole("heading", { name: "No orders yet" }).waitFor();
    expect(stranger.count("MyOrders")).toBe(0);
  });

  it("confirms before removing a finished order from the history, in every tab", async () => {
    const { page } = await freshBrowser();
    await signUpAndSignIn(page, uniqueEmail("remover"));
    const orderId = await placeOrder(page);
    await waitForStatus(page, "Completed");

    await page.goto(`${web.url}/orders`);
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

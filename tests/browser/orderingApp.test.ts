// The ordering app in a real Chromium against the real local pipeline (API, DynamoDB, queue,
// workflow, outbox) — nothing mocked. Screenshots of the key screens go to test-artifacts/browser.

import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { orderQueueFromEnv, orderRepositoryFromEnv } from "../../packages/core/src/aws/orderServices";
import { priceOrder } from "../../packages/core/src/menu/pricing";
import type { OrderQueue } from "../../packages/core/src/order/orderQueue";
import { placeOrder } from "../../packages/core/src/order/placeOrder";
import { waitFor } from "../../packages/local/test/support/waitFor";
import { trackingPath } from "../../web/src/guest/trackingLink";
import { MAX_POLL_INTERVAL_MS } from "../../web/src/orders/pollingBackoff";
import { accessibilityViolations } from "./support/accessibility";
import { COMPLETED_PICKUP_STEPS, completeInKitchen, orderIdOf, useBrowserShop, waitForStatus } from "./support/browserShop";

const suite = useBrowserShop();
const tab = suite.tab;

interface OrderChoice {
  pizza: string;
  size: string;
  toppings?: string[];
  quantity: number;
  card: "Visa test card — always approved" | "Declined test card" | "Random (simulated)";
}

async function fillOrder(page: Page, choice: OrderChoice): Promise<void> {
  await page.goto(`${suite.web.url}/`);
  await page.getByRole("radio", { name: new RegExp(`^${choice.pizza}\\b`) }).check();
  await page.getByRole("radio", { name: choice.size }).check();
  for (const topping of choice.toppings ?? []) await page.getByRole("checkbox", { name: new RegExp(`^${topping}`) }).check();
  await page.getByLabel("Quantity").fill(String(choice.quantity));
  await page.getByRole("radio", { name: choice.card }).check();
}

/** The text of whatever a control points at with aria-describedby (its error message). */
async function describedTextOf(page: Page, label: string): Promise<string> {
  return page.getByLabel(label).evaluate((element) =>
    (element.getAttribute("aria-describedby") ?? "")
      .split(" ")
      .filter(Boolean)
      .map((id) => document.getElementById(id)?.textContent ?? "")
      .join(" "),
  );
}

describe("the ordering app in Chromium against the local pipeline", () => {
  it("places an order with the approved card (one request for a double click) and watches it complete", async () => {
    const tabA = await tab();
    const { page } = tabA;
    await fillOrder(page, { pizza: "Margherita", size: "Large (35 cm)", toppings: ["Olives"], quantity: 2, card: "Visa test card — always approved" });

    const expectedCents = priceOrder({ name: "Margherita", size: "LARGE", toppings: ["Olives"], quantity: 2 });
    expect(await page.getByTestId("order-total").textContent()).toBe(`$${(expectedCents / 100).toFixed(2)}`);
    await tabA.screenshot("1-order-form");
    expect(await accessibilityViolations(page)).toEqual([]);

    await page.getByRole("button", { name: "Place order" }).dblclick();
    const orderId = await orderIdOf(page);
    // Paid: the kitchen has it; its cook then makes it (the kitchen display's moves, made here directly).
    await waitForStatus(page, "Received by the kitchen");
    await completeInKitchen(orderId);
    await waitForStatus(page, "Completed");
    expect(tabA.count("PlaceOrder")).toBe(1);

    const steps = page.getByRole("list", { name: "Order progress" }).getByRole("listitem");
    expect(await steps.allTextContents()).toEqual([
      ...COMPLETED_PICKUP_STEPS.map((label) => expect.stringMatching(new RegExp(`^${label}\\d`))),
    ]);
    expect(await page.locator(".order-id").textContent()).toBe(orderId);
    expect(await page.locator(".order-summary-list").textContent()).toContain(`$${(expectedCents / 100).toFixed(2)}`);
    await tabA.screenshot("2-tracker-completed");
    expect(await accessibilityViolations(page)).toEqual([]);

    // Polling has stopped: nothing more is asked for well past the longest poll interval.
    const pollsAtTerminal = tabA.count("TrackOrder");
    expect(pollsAtTerminal).toBeGreaterThanOrEqual(1);
    await page.waitForTimeout(MAX_POLL_INTERVAL_MS * 2);
    expect(tabA.count("TrackOrder")).toBe(pollsAtTerminal);
    expect(await page.locator("[data-tracking]").getAttribute("data-tracking")).toBe("stopped");
  });

  it("follows a guest order live: the status advances on the page with no TrackOrder request after the first read", async () => {
    // Placed with its queue message lost (as a crash after the write leaves it), so the order waits
    // while the page opens and subscribes; then the message is sent and the workflow moves it on.
    // The test process has the shop's environment (its endpoints and table), as handler tests do.
    {
      const orders = orderRepositoryFromEnv();
      const losingQueue = { enqueue: async () => undefined } as unknown as OrderQueue;
      const { order, guestSecret } = await placeOrder(
        { orders, queue: losingQueue },
        { kind: "guest" },
        { name: "Margherita", quantity: 1, restaurantId: "Luigis", paymentToken: "tok_visa" },
      );

      const tabA = await tab();
      const { page } = tabA;
      const subscriptionsBefore = suite.shop.graphql.subscriptions.size;
      await page.goto(`${suite.web.url}${trackingPath(order.id, guestSecret)}`);
      await waitForStatus(page, "Queued");
      // The tracker's subscription (with the guest tracking key) is open on the local API.
      await waitFor(
        () => suite.shop.graphql.subscriptions.size,
        (open) => open > subscriptionsBefore,
        "the tracker's subscription to start",
      );
      // The first read, then the one catch-up read when the subscription starts (a change published
      // between the two would otherwise be missed); after that, nothing is read while the socket is healthy.
      const readsWhileLive = await waitFor(() => tabA.count("TrackOrder"), (reads) => reads >= 2, "the catch-up read once the subscription started");

      await orderQueueFromEnv().enqueue({ orderId: order.id });
      await waitForStatus(page, "Received by the kitchen");
      await completeInKitchen(order.id);
      await waitForStatus(page, "Completed");
      expect(tabA.count("TrackOrder")).toBe(readsWhileLive);
      const steps = page.getByRole("list", { name: "Order progress" }).getByRole("listitem");
      expect(await steps.allTextContents()).toEqual([
        ...COMPLETED_PICKUP_STEPS.map((label) => expect.stringMatching(new RegExp(`^${label}\\d`))),
      ]);
    }
  });

  it("shows the decline reason when the card is declined (placed with the keyboard)", async () => {
    const tabA = await tab();
    const { page } = tabA;
    await fillOrder(page, { pizza: "Pepperoni", size: "Small (25 cm)", quantity: 1, card: "Declined test card" });
    await page.getByLabel("Quantity").focus();
    await page.keyboard.press("Enter");

    await orderIdOf(page);
    await waitForStatus(page, "Payment failed");
    expect(await page.locator(".failure-reason").textContent()).toContain("Your card was declined.");
    expect(await page.getByRole("list", { name: "Order progress" }).getByRole("listitem").last().textContent()).toMatch(/^Payment failed\d/);
    await tabA.screenshot("3-tracker-declined");
  });

  it("shows the rules' message for a refused quantity and sends nothing", async () => {
    const tabA = await tab();
    const { page } = tabA;
    await fillOrder(page, { pizza: "Pizza", size: "Medium (30 cm)", quantity: 25, card: "Visa test card — always approved" });
    await page.getByRole("button", { name: "Place order" }).click();

    expect(await describedTextOf(page, "Quantity")).toBe("Quantity must be at most 20");
    expect(await page.getByLabel("Quantity").getAttribute("aria-invalid")).toBe("true");
    expect(await page.evaluate(() => document.activeElement?.getAttribute("type"))).toBe("number");
    expect(tabA.count("PlaceOrder")).toBe(0);
    await tabA.screenshot("4-form-refused-quantity");
    expect(await accessibilityViolations(page)).toEqual([]);
  });

  it("resumes tracking from the URL after a reload", async () => {
    const tabA = await tab();
    const { page } = tabA;
    await fillOrder(page, { pizza: "Veggie", size: "Medium (30 cm)", quantity: 1, card: "Visa test card — always approved" });
    await page.getByRole("button", { name: "Place order" }).click();
    const orderId = await orderIdOf(page);

    const beforeReload = tabA.count("TrackOrder");
    await page.reload();
    await waitForStatus(page, "Received by the kitchen");
    expect(new URL(page.url()).pathname).toBe(`/orders/${orderId}`);
    expect(await page.locator(".order-id").textContent()).toBe(orderId);
    expect(tabA.count("TrackOrder")).toBeGreaterThan(beforeReload);
  });

  it("lists a guest's order in this browser's history, newest first, and shows its notification", async () => {
    const tabA = await tab();
    const { page } = tabA;
    await fillOrder(page, { pizza: "Hawaiian", size: "Large (35 cm)", toppings: ["Bacon", "Chilli"], quantity: 3, card: "Visa test card — always approved" });
    await page.getByRole("button", { name: "Place order" }).click();
    const orderId = await orderIdOf(page);
    await waitForStatus(page, "Received by the kitchen");
    await completeInKitchen(orderId);
    await waitForStatus(page, "Completed");
    const orderNumber = ((await page.locator(".order-number").textContent()) ?? "").replace(/^Order /, "");

    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "My orders" }).click();
    await page.getByRole("list", { name: "Orders" }).waitFor();
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("My orders");
    const firstCard = page.getByRole("list", { name: "Orders" }).getByRole("listitem").first();
    expect(await firstCard.locator(".order-id").textContent()).toBe(orderId);
    expect(await firstCard.getByRole("heading").textContent()).toBe("3 × Hawaiian");
    expect(await firstCard.locator(".badge").textContent()).toBe("Completed");
    await tabA.screenshot("5-history");
    expect(await accessibilityViolations(page)).toEqual([]);

    // The outbox is a local-mode developer page, not part of the customer navigation.
    expect(await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Notifications" }).count()).toBe(0);
    await page.goto(`${suite.web.url}/notifications`);
    // The confirmation goes out when the payment went through and the kitchen has the order.
    await page.getByRole("heading", { name: `Pizza order ${orderNumber} received by the kitchen` }).waitFor();
    await tabA.screenshot("6-notifications");
    expect(await accessibilityViolations(page)).toEqual([]);
  });

  it("fits a phone screen without sideways scrolling", async () => {
    const phone = await tab({ width: 375, height: 812 });
    const { page } = phone;
    await page.goto(`${suite.web.url}/`);
    await page.getByRole("button", { name: "Place order" }).waitFor();
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(await overflow()).toBeLessThanOrEqual(0);
    // A fresh load is not a navigation: focus is left where the browser put it.
    expect(await page.evaluate(() => document.activeElement === document.body)).toBe(true);
    await phone.screenshot("8-phone-order-form");
    expect(await accessibilityViolations(page)).toEqual([]);

    await page.getByRole("button", { name: "Place order" }).click();
    await orderIdOf(page);
    await waitForStatus(page, "Received by the kitchen");
    expect(await overflow()).toBeLessThanOrEqual(0);
    await phone.screenshot("9-phone-tracker");
  });
});

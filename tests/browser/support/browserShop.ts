// What every browser test file sets up the same way: one Chromium, the local test shop, and the
// production web app served against it (with the shop's user pool when the file needs accounts);
// and after each test, every tab it opened is closed and must have recorded no console error or
// uncaught exception. Call once at the top of a test file; the fields are there from beforeAll on.
import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, expect } from "vitest";
import { orderRepositoryFromEnv } from "../../../packages/core/src/aws/orderServices";
import { advanceOrder } from "../../../packages/core/src/kitchen/kitchenStages";
import { nextKitchenStage } from "../../../packages/core/src/order/rules";
import type { LocalShop } from "../../../packages/local/src/localShop";
import { startTestShop, stopTestShop } from "../../../packages/local/test/support/testShop";
import { openPage, type RecordedPage } from "./browserPage";
import { launchChromium } from "./chromium";
import { buildAndServeWebApp, freeLoopbackPort, type ServedWebApp } from "./webApp";

export const TERMINAL_TIMEOUT_MS = 30_000;
export const ORDER_URL = /\/orders\/([0-9A-HJKMNP-TV-Z]{26})$/;

export interface BrowserShop {
  browser: Browser;
  shop: LocalShop;
  web: ServedWebApp;
  /** The local developer page with the confirmation codes (the app's developer banner links it); only with accounts. */
  developerPageUrl: string;
  /** A new tab in a fresh browser context (its own storage, as a different browser would have). */
  tab(viewport?: { width: number; height: number }): Promise<RecordedPage>;
}

export function useBrowserShop({ accounts = false }: { accounts?: boolean } = {}): BrowserShop {
  const openPages: RecordedPage[] = [];
  const suite = {
    tab: async (viewport?: { width: number; height: number }) => {
      const recorded = await openPage(suite.browser, suite.shop.graphqlUrl, viewport);
      openPages.push(recorded);
      return recorded;
    },
  } as BrowserShop;

  beforeAll(async () => {
    // The browser first: without it there is nothing to test, and the message says how to get it.
    suite.browser = await launchChromium();
    // The shop's developer routes (outbox, confirmation codes) answer only the web app's origin.
    const webPort = await freeLoopbackPort();
    suite.shop = await startTestShop({ webOrigins: [`http://127.0.0.1:${webPort}`] });
    const { shop } = suite;
    if (accounts) {
      suite.developerPageUrl = `${shop.apiUrl}/dev/confirmation-codes?key=${encodeURIComponent(shop.apiKey)}`;
      const cognito = { userPoolId: shop.userPool.userPoolId, clientId: shop.userPool.clientId, endpoint: shop.userPool.url };
      suite.web = await buildAndServeWebApp({ graphqlUrl: shop.graphqlUrl, apiKey: shop.apiKey, cognito, localDevUrl: suite.developerPageUrl }, webPort);
    } else {
      suite.web = await buildAndServeWebApp({ graphqlUrl: shop.graphqlUrl, apiKey: shop.apiKey }, webPort);
    }
  });

  afterAll(async () => {
    await suite.browser?.close();
    await suite.web?.close();
    await stopTestShop(suite.shop);
  });

  afterEach(async () => {
    const pages = openPages.splice(0);
    const errors = pages.flatMap((page) => page.consoleErrors);
    await Promise.all(pages.map((page) => page.close()));
    expect(errors).toEqual([]);
  });

  return suite;
}

/** The id of the order whose tracker the page went to. */
export async function orderIdOf(page: Page): Promise<string> {
  await page.waitForURL(ORDER_URL);
  return ORDER_URL.exec(new URL(page.url()).pathname)![1];
}

/** Waits until the tracker shows this status label. */
export async function waitForStatus(page: Page, label: string): Promise<void> {
  await page.locator(".tracker-status", { hasText: label }).waitFor({ timeout: TERMINAL_TIMEOUT_MS });
}

/**
 * Moves a paid order through its restaurant's kitchen to COMPLETED, as its cook would on the
 * kitchen display (the core's advanceOrder with a staff caller of that restaurant). The test
 * process has the shop's environment (its table), as handler tests do.
 */
export async function completeInKitchen(orderId: string): Promise<void> {
  const orders = orderRepositoryFromEnv();
  const order = await orders.get({ orderId });
  if (!order) throw new Error(`order ${orderId} not found`);
  const cook = { kind: "staff" as const, customerId: "test-cook", restaurantIds: [order.restaurantId] };
  for (let next = nextKitchenStage(order.fulfilment ?? "PICKUP", order.orderStatus); next; ) {
    const moved = await advanceOrder({ orders }, cook, { id: orderId, to: next });
    next = nextKitchenStage(moved.fulfilment ?? "PICKUP", moved.orderStatus);
  }
}

/** What a paid order's tracker lists once the kitchen has completed it (pickup). */
export const COMPLETED_PICKUP_STEPS = ["Queued", "Awaiting payment", "Received by the kitchen", "Preparing", "Baking", "Ready", "Completed"];

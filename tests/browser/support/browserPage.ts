// A browser tab that records what the tests assert on: console errors and uncaught exceptions
// (there must be none), and every GraphQL operation the app sends, by operation name.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Browser, Page } from "playwright-core";

const ARTIFACTS_DIR = fileURLToPath(new URL("../../../test-artifacts/browser/", import.meta.url));

export interface RecordedPage {
  page: Page;
  consoleErrors: string[];
  /** How many GraphQL requests with this operation name the page has sent. */
  count(operationName: string): number;
  /** Every script the page downloaded (URLs), in order. */
  scripts(): string[];
  screenshot(name: string): Promise<void>;
  close(): Promise<void>;
}

export async function openPage(browser: Browser, graphqlUrl: string, viewport = { width: 1280, height: 900 }): Promise<RecordedPage> {
  const context = await browser.newContext({ viewport, locale: "en-US", timezoneId: "UTC" });
  const page = await context.newPage();
  const consoleErrors: string[] = [];
  const operations: string[] = [];
  const scripts: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") consoleErrors.push(`console.error: ${message.text()}`);
  });
  page.on("pageerror", (error) => consoleErrors.push(`uncaught: ${error.message}`));
  page.on("request", (request) => {
    if (request.resourceType() === "script") scripts.push(request.url());
    if (request.method() !== "POST" || request.url() !== graphqlUrl) return;
    const body = request.postDataJSON() as { operationName?: string } | null;
    operations.push(body?.operationName ?? "(anonymous)");
  });
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  return {
    page,
    consoleErrors,
    count: (operationName) => operations.filter((name) => name === operationName).length,
    scripts: () => [...scripts],
    screenshot: async (name) => {
      await page.screenshot({ path: join(ARTIFACTS_DIR, `${name}.png`), fullPage: true });
    },
    close: () => context.close(),
  };
}

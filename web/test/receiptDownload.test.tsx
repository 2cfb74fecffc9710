// "Download receipt" on the order page: offered once the server hands out a link for the order
// (written just after completion, so the page looks again for a while), never for an order that
// earns no receipt, and with the guest's secret for a guest order.
import { act, screen } from "@testing-library/react";
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { TrackOrderPage } from "../src/app/lazyPages";
import { RECEIPT_LOOK_AGAIN_MS, RECEIPT_LOOK_FOR_MS } from "../src/components/ReceiptDownload";
import { orderResponse, shopAnswering } from "./support/fakeGraphqlServer";
import { renderApp } from "./support/renderApp";

const RECEIPT_URL = "http://localhost:4568/pizza-orders-local-receipts/receipts/01RECEIPT.pdf?X-Amz-Expires=300&X-Amz-Signature=abc";

async function letTimePass(ms: number, step = 250) {
  for (let passed = 0; passed < ms; passed += step) {
    await act(async () => {
      await vi.advanceTimersByTimeAsync(step);
    });
  }
}

describe("the receipt on the order page", () => {
  beforeAll(async () => {
    await TrackOrderPage.preload();
  });
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "setInterval", "clearInterval", "Date"] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("offers 'Download receipt' with the server's link once there is one", async () => {
    let receiptReads = 0;
    const app = renderApp(
      "/orders/01RECEIPT",
      shopAnswering({
        TrackOrder: (request) => ({ data: { order: orderResponse({ id: String(request.variables.id), orderStatus: "COMPLETED" }) } }),
        // Not written yet on the first two looks.
        OrderReceipt: (request) => ({
          data: { order: { __typename: "Order", id: String(request.variables.id), receiptUrl: ++receiptReads > 2 ? RECEIPT_URL : null } },
        }),
      }),
    );
    await letTimePass(1_000);
    expect(screen.getByText("Completed", { selector: ".tracker-status" })).toBeInTheDocument();
    expect(screen.queryByRole("link", { name: "Download receipt" })).toBeNull();
    await letTimePass(2 * RECEIPT_LOOK_AGAIN_MS + 500);
    const link = screen.getByRole("link", { name: "Download receipt" });
    expect(link).toHaveAttribute("href", RECEIPT_URL);
    expect(app.requestsFor("OrderReceipt").length).toBe(3);
  });

  it("stops looking after a while when no receipt comes", async () => {
    const app = renderApp(
      "/orders/01NORECEIPT",
      shopAnswering({
        TrackOrder: (request) => ({ data: { order: orderResponse({ id: String(request.variables.id), orderStatus: "COMPLETED" }) } }),
        OrderReceipt: (request) => ({ data: { order: { __typename: "Order", id: String(request.variables.id), receiptUrl: null } } }),
      }),
    );
    await letTimePass(RECEIPT_LOOK_FOR_MS + 1_000, 1_000);
    const looks = app.requestsFor("OrderReceipt").length;
    await letTimePass(5 * RECEIPT_LOOK_AGAIN_MS, 1_000);
    expect(app.requestsFor("OrderReceipt").length).toBe(looks);
    expect(screen.queryByRole("link", { name: "Download receipt" })).toBeNull();
  });

  it("asks nothing for an order that earns no receipt", async () => {
    const app = renderApp(
      "/orders/01DECLINED",
      shopAnswering({
        TrackOrder: (request) => ({ data: { order: orderResponse({ id: String(request.variables.id), orderStatus: "PAYMENT_FAILED" }) } }),
      }),
    );
    await letTimePass(2 * RECEIPT_LOOK_AGAIN_MS);
    expect(screen.getByText("Payment failed", { selector: ".tracker-status" })).toBeInTheDocument();
    expect(app.requestsFor("OrderReceipt")).toHaveLength(0);
    expect(screen.queryByRole("link", { name: "Download receipt" })).toBeNull();
  });
});

// A page downloaded on demand (lazyPage) that fails to download: the route error boundary explains
// it once — the download is not retried in a loop behind "Loading the page…" — and "Try again"
// downloads it afresh.
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { StrictMode, Suspense } from "react";
import { describe, expect, it, vi } from "vitest";
import { lazyPage } from "../src/app/lazyPage";
import { RouteErrorBoundary } from "../src/app/RouteErrorBoundary";

describe("a page that fails to download", () => {
  it("says so, without downloading again until the person asks, and loads on Try again", async () => {
    const user = userEvent.setup();
    vi.spyOn(console, "warn").mockImplementation(() => {});
    vi.spyOn(console, "error").mockImplementation(() => {});
    let online = false;
    const load = vi.fn(async () => {
      if (!online) throw new TypeError("Failed to fetch dynamically imported module: /assets/MyOrdersPage.js");
      return () => <h1>My orders</h1>;
    });
    const Page = lazyPage(load);
    render(
      <StrictMode>
        <RouteErrorBoundary>
          <Suspense fallback={<p>Loading the page…</p>}>
            <Page />
          </Suspense>
        </RouteErrorBoundary>
      </StrictMode>,
    );

    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("This page could not be downloaded. Check your connection and try again.");
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(load).toHaveBeenCalledTimes(1);

    online = true;
    await user.click(within(alert).getByRole("button", { name: "Try again" }));
    expect(await screen.findByRole("heading", { name: "My orders" })).toBeInTheDocument();
    expect(load).toHaveBeenCalledTimes(2);
  });
});

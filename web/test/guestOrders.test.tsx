// Guests: the order's secret kept in this browser after postOrder, the tracking link that carries
// it in the URL fragment, "My orders" for a guest, and claiming the guest orders on sign-in.
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { createAuthClient } from "../src/auth/authClient";
import { readGuestOrders, rememberGuestOrder } from "../src/guest/guestOrders";
import { type OperationHandlers, orderResponse, shopAnswering } from "./support/fakeGraphqlServer";
import { type FakeUserPool, TEST_POOL, useFakeUserPool } from "./support/fakeUserPool";
import { renderApp, TEST_CONFIG } from "./support/renderApp";

vi.mock("aws-amplify", async () => (await import("./support/fakeUserPool")).amplifyCoreModule);
vi.mock("aws-amplify/auth", async () => (await import("./support/fakeUserPool")).amplifyAuthModule);

const SECRET = "s3cr3t-0123456789abcdef0123456789abcdef";

let pool: FakeUserPool;
beforeEach(() => {
  pool = useFakeUserPool();
  window.history.replaceState(null, "", "/");
});

function render(path: string, handlers: OperationHandlers) {
  return renderApp(path, shopAnswering(handlers), { config: { ...TEST_CONFIG, cognito: TEST_POOL }, auth: createAuthClient(TEST_POOL) });
}

describe("a guest's order", () => {
  it("is kept in this browser with its secret, and the tracker offers the link to keep", async () => {
    const user = userEvent.setup();
    const app = render("/", {
      PlaceOrder: () => ({ data: { postOrder: { ...orderResponse({ id: "01GUEST", orderStatus: "QUEUED" }), guestSecret: SECRET } } }),
      TrackOrder: () => ({ data: { order: orderResponse({ id: "01GUEST", orderStatus: "QUEUED" }) } }),
    });
    await user.click(await screen.findByRole("button", { name: "Place order" }));

    const link = await screen.findByRole("link", { name: "Track this order" });
    expect(link).toBeVisible();
    const href = new URL(link.getAttribute("href")!);
    expect(href.pathname).toBe("/orders/01GUEST");
    expect(href.hash).toBe(`#secret=${SECRET}`);
    expect(readGuestOrders()).toEqual([{ id: "01GUEST", guestSecret: SECRET, savedAt: expect.any(String) }]);
    // The secret never goes into the address the app navigates to (only the fragment link has it).
    expect(app.location.history.at(-1)).toBe("/orders/01GUEST");
    expect(app.requestsFor("PlaceOrder")[0].headers["x-api-key"]).toBe(TEST_CONFIG.apiKey);

    await waitFor(() => expect(app.requestsFor("TrackOrder").length).toBeGreaterThan(0));
    expect(app.requestsFor("TrackOrder")[0].variables).toEqual({ id: "01GUEST", guestSecret: SECRET });
  });

  it("is tracked from the link: the fragment's secret is used and kept in this browser", async () => {
    window.history.replaceState(null, "", `/orders/01LINK#secret=${SECRET}`);
    const app = render("/orders/01LINK", { TrackOrder: () => ({ data: { order: orderResponse({ id: "01LINK", orderStatus: "COMPLETED" }) } }) });
    expect(await screen.findByText("Completed", { selector: ".tracker-status" })).toBeInTheDocument();
    expect(app.requestsFor("TrackOrder")[0].variables).toEqual({ id: "01LINK", guestSecret: SECRET });
    expect(readGuestOrders().map(({ id, guestSecret }) => ({ id, guestSecret }))).toEqual([{ id: "01LINK", guestSecret: SECRET }]);
  });

  it("is cancelled with its secret, and a guest has no history to remove a finished order from", async () => {
    const user = userEvent.setup();
    rememberGuestOrder({ id: "01OPEN", guestSecret: "secret-open" }, localStorage, new Date("2026-01-02T00:00:00Z"));
    rememberGuestOrder({ id: "01DONE", guestSecret: "secret-done" }, localStorage, new Date("2026-01-01T00:00:00Z"));
    const app = render("/orders", {
      TrackOrder: (request) =>
        request.variables.id === "01OPEN"
          ? { data: { order: orderResponse({ id: "01OPEN", orderStatus: "QUEUED", name: "Hawaiian", quantity: 1 }) } }
          : { data: { order: orderResponse({ id: "01DONE", orderStatus: "COMPLETED", name: "Veggie", quantity: 3 }) } },
      CancelOrder: () => ({ data: { cancelOrder: orderResponse({ id: "01OPEN", orderStatus: "CANCELLED", name: "Hawaiian", quantity: 1 }) } }),
    });

    const list = await screen.findByRole("list", { name: "Orders" });
    await within(list).findByRole("heading", { name: "3 × Veggie" });
    expect(
      within(list)
        .getAllByRole("heading")
        .map((h) => h.textContent),
    ).toEqual(["1 × Hawaiian", "3 × Veggie"]);
    expect(app.requestsFor("TrackOrder").map((r) => r.variables)).toEqual(
      expect.arrayContaining([
        { id: "01OPEN", guestSecret: "secret-open" },
        { id: "01DONE", guestSecret: "secret-done" },
      ]),
    );
    expect(app.requestsFor("MyOrders")).toHaveLength(0);
    const finished = screen.getByRole("heading", { name: "3 × Veggie" }).closest("li")!;
    expect(within(finished).queryByRole("button", { name: "Remove from history" })).toBeNull();

    const open = screen.getByRole("heading", { name: "1 × Hawaiian" }).closest("li")!;
    await user.click(within(open).getByRole("button", { name: "Cancel order" }));
    await user.click(within(screen.getByRole("alertdialog")).getByRole("button", { name: "Cancel order" }));
    expect(await within(open).findByText("Cancelled", { selector: ".badge" })).toBeInTheDocument();
    expect(app.requestsFor("CancelOrder").map((r) => r.variables)).toEqual([{ id: "01OPEN", guestSecret: "secret-open" }]);
  });

  it("that the shop does not recognise can be forgotten on this browser", async () => {
    const user = userEvent.setup();
    rememberGuestOrder({ id: "01STALE", guestSecret: "wrong" });
    render("/orders", { TrackOrder: () => ({ data: { order: null } }) });
    await user.click(await screen.findByRole("button", { name: "Forget it on this browser" }));
    expect(await screen.findByRole("heading", { name: "No orders yet" })).toBeInTheDocument();
    expect(readGuestOrders()).toEqual([]);
  });
});

describe("signing in", () => {
  it("claims this browser's guest orders with their secrets and keeps only the ones not claimed", async () => {
    const user = userEvent.setup();
    pool.addConfirmedAccount("ada@example.com", "Secret-123");
    rememberGuestOrder({ id: "01MINE", guestSecret: "secret-mine" });
    rememberGuestOrder({ id: "01WRONG", guestSecret: "secret-wrong" });
    const app = render("/sign-in", {
      ClaimGuestOrders: (request) => ({
        data: {
          claimGuestOrders: (request.variables.claims as { id: string }[]).map(({ id }) =>
            id === "01MINE"
              ? { __typename: "GuestOrderClaimResult" as const, id, claimed: true, reason: null }
              : { __typename: "GuestOrderClaimResult" as const, id, claimed: false, reason: "Unknown order or wrong secret." },
          ),
        },
      }),
      MyOrders: () => ({
        data: {
          myOrders: {
            __typename: "OrderConnection",
            items: [orderResponse({ id: "01MINE", orderStatus: "QUEUED", name: "Veggie", quantity: 1 })],
            nextToken: null,
          },
        },
      }),
    });
    await screen.findByRole("form", { name: "Sign in" });
    await user.type(screen.getByLabelText("E-mail address"), "ada@example.com");
    await user.type(screen.getByLabelText("Password"), "Secret-123");
    await user.click(screen.getByRole("button", { name: "Sign in" }));

    expect(await screen.findByRole("heading", { name: "1 × Veggie" })).toBeInTheDocument();
    const claim = app.requestsFor("ClaimGuestOrders");
    expect(claim).toHaveLength(1);
    expect(claim[0].headers.authorization).toBe(pool.idTokenOf("ada@example.com"));
    expect(claim[0].variables.claims).toEqual(
      expect.arrayContaining([
        { id: "01MINE", guestSecret: "secret-mine" },
        { id: "01WRONG", guestSecret: "secret-wrong" },
      ]),
    );
    expect(readGuestOrders().map((entry) => entry.id)).toEqual(["01WRONG"]);
    // The history asked for after the claim, so the claimed order is in it.
    expect(app.requests.findIndex((r) => r.operationName === "MyOrders")).toBeGreaterThan(
      app.requests.findIndex((r) => r.operationName === "ClaimGuestOrders"),
    );
  });

  it("keeps the guest orders when the claim fails, and still signs in", async () => {
    const user = userEvent.setup();
    pool.addConfirmedAccount("ada@example.com", "Secret-123");
    rememberGuestOrder({ id: "01KEEP", guestSecret: "secret-keep" });
    render("/sign-in", {
      ClaimGuestOrders: () => ({ offline: true }),
      MyOrders: () => ({ data: { myOrders: { __typename: "OrderConnection", items: [], nextToken: null } } }),
    });
    await screen.findByRole("form", { name: "Sign in" });
    await user.type(screen.getByLabelText("E-mail address"), "ada@example.com");
    await user.type(screen.getByLabelText("Password"), "Secret-123");
    await user.click(screen.getByRole("button", { name: "Sign in" }));
    expect(await screen.findByRole("heading", { name: "No orders yet" })).toBeInTheDocument();
    expect(readGuestOrders().map((entry) => entry.id)).toEqual(["01KEEP"]);
  });
});

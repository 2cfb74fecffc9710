// Sign up, confirm, sign in, sign out and password reset through the app's own pages, auth client
// and Apollo link, with Amplify's functions answered by an in-memory user pool (test/support/
// fakeUserPool). The assertions are on what the app does: what it validates, which Amplify call it
// makes with which arguments, what it shows, and which credentials the GraphQL server receives.
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { createAuthClient } from "../src/auth/authClient";
import { MENU_RESPONSE, orderResponse, shopAnswering, type RecordedRequest } from "./support/fakeGraphqlServer";
import { signedInEarlier, TEST_POOL, useFakeUserPool, type FakeUserPool } from "./support/fakeUserPool";
import { renderApp, TEST_CONFIG } from "./support/renderApp";

vi.mock("aws-amplify", async () => (await import("./support/fakeUserPool")).amplifyCoreModule);
vi.mock("aws-amplify/auth", async () => (await import("./support/fakeUserPool")).amplifyAuthModule);

const CONFIG = { ...TEST_CONFIG, cognito: TEST_POOL, localDevUrl: "http://localhost:4000/dev", localMailUrl: "http://localhost:1080/" };

let pool: FakeUserPool;
beforeEach(() => {
  pool = useFakeUserPool();
});

const emptyHistory = { data: { myOrders: { __typename: "OrderConnection" as const, items: [], nextToken: null } } };
const me = (email: string) => ({ data: { me: { __typename: "Account" as const, customerId: `sub-${email}`, email, staffOf: [] } } });

function shop() {
  return shopAnswering({ MyOrders: () => emptyHistory, Me: (request) => me(String(request.headers.authorization ? "ada@example.com" : "")) });
}

function renderWithAccounts(path: string, handler = shop()) {
  return renderApp(path, handler, { config: CONFIG, auth: createAuthClient(TEST_POOL) });
}

async function fill(label: string, value: string) {
  const field = screen.getByLabelText(label);
  await userEvent.clear(field);
  if (value) await userEvent.type(field, value);
}

describe("signing up", () => {
  it("checks the fields before asking the user pool, and says what is wrong next to each", async () => {
    const user = userEvent.setup();
    renderWithAccounts("/sign-up");
    const form = await screen.findByRole("form", { name: "Create an account" });
    await fill("E-mail address", "ada@");
    await fill("Password", "short");
    await user.click(within(form).getByRole("button", { name: "Create account" }));

    expect(screen.getByLabelText("E-mail address")).toHaveAccessibleDescription("E-mail address is not valid.");
    expect(screen.getByLabelText("Password")).toHaveAccessibleDescription(expect.stringContaining("The password needs at least 8 characters."));
    expect(screen.getByLabelText("E-mail address")).toHaveFocus();
    expect(pool.callsOf("signUp")).toEqual([]);
  });

  it("signs up with the e-mail address as the username, then confirms with the code and signs in", async () => {
    const user = userEvent.setup();
    const app = renderWithAccounts("/sign-up");
    await screen.findByRole("form", { name: "Create an account" });
    await fill("E-mail address", "Ada@Example.com ");
    await fill("Password", "Secret-123");
    await user.click(screen.getByRole("button", { name: "Create account" }));

    expect(await screen.findByRole("heading", { level: 1, name: "Confirm your e-mail address" })).toBeInTheDocument();
    expect(pool.callsOf("signUp")).toEqual([{ username: "ada@example.com", password: "Secret-123", options: { userAttributes: { email: "ada@example.com" } } }]);
    expect(pool.callsOf("configure")).toEqual([{ Auth: { Cognito: { ...TEST_POOL, loginWith: { email: true } } } }]);
    // Local mode: the developer page is where the code is shown.
    expect(within(screen.getByRole("main")).getByRole("link", { name: "developer page" })).toHaveAttribute("href", CONFIG.localDevUrl);
    expect(screen.getByLabelText("E-mail address")).toHaveValue("Ada@Example.com");

    await fill("Confirmation code", "999999");
    await user.click(screen.getByRole("button", { name: "Confirm" }));
    await waitFor(() => expect(screen.getByLabelText("Confirmation code")).toHaveAccessibleDescription("That code is not right. Check it and try again."));
    expect(screen.getByLabelText("Confirmation code")).toHaveAttribute("aria-invalid", "true");

    await fill("Confirmation code", pool.codeFor("ada@example.com")!);
    await user.click(screen.getByRole("button", { name: "Confirm" }));
    expect(await screen.findByRole("heading", { level: 1, name: "Sign in" })).toBeInTheDocument();
    expect(screen.getByLabelText("E-mail address")).toHaveValue("Ada@Example.com");

    await fill("Password", "Secret-123");
    await user.click(screen.getByRole("button", { name: "Sign in" }));
    expect(await screen.findByRole("heading", { level: 1, name: "My orders" })).toBeInTheDocument();
    expect(pool.callsOf("signIn")).toEqual([{ username: "ada@example.com", password: "Secret-123", options: { authFlowType: "USER_PASSWORD_AUTH" } }]);
    expect(screen.getByRole("link", { name: "Account: ada@example.com" })).toBeInTheDocument();
    expect(app.location.history.at(-1)).toBe("/orders");
  });

  it("puts the user pool's refusals next to the field they concern", async () => {
    const user = userEvent.setup();
    pool.addConfirmedAccount("taken@example.com", "Secret-123");
    renderWithAccounts("/sign-up");
    await screen.findByRole("form", { name: "Create an account" });
    await fill("E-mail address", "taken@example.com");
    await fill("Password", "Secret-123");
    await user.click(screen.getByRole("button", { name: "Create account" }));
    await waitFor(() =>
      expect(screen.getByLabelText("E-mail address")).toHaveAccessibleDescription("There is already an account with this e-mail address. Sign in instead."),
    );

    await fill("E-mail address", "new@example.com");
    await fill("Password", "lowercase-only-1");
    await user.click(screen.getByRole("button", { name: "Create account" }));
    await waitFor(() =>
      expect(screen.getByLabelText("Password")).toHaveAccessibleDescription(expect.stringContaining("Choose a stronger password: Password must have uppercase characters")),
    );
    expect(screen.getByRole("heading", { level: 1, name: "Create an account" })).toBeInTheDocument();
  });
});

describe("signing in", () => {
  it("refuses a wrong password with a form message and stays signed out", async () => {
    const user = userEvent.setup();
    pool.addConfirmedAccount("ada@example.com", "Secret-123");
    renderWithAccounts("/sign-in");
    await screen.findByRole("form", { name: "Sign in" });
    await fill("E-mail address", "ada@example.com");
    await fill("Password", "wrong");
    await user.click(screen.getByRole("button", { name: "Sign in" }));

    expect(await within(screen.getByRole("form", { name: "Sign in" })).findByRole("alert")).toHaveTextContent("The e-mail address or password is not right.");
    expect(screen.getByRole("link", { name: "Sign in" })).toBeInTheDocument();
    expect(localStorage.length).toBe(0);
  });

  it("sends an unconfirmed account to the confirmation page", async () => {
    const user = userEvent.setup();
    renderWithAccounts("/sign-up");
    await screen.findByRole("form", { name: "Create an account" });
    await fill("E-mail address", "late@example.com");
    await fill("Password", "Secret-123");
    await user.click(screen.getByRole("button", { name: "Create account" }));
    await screen.findByRole("heading", { level: 1, name: "Confirm your e-mail address" });

    await user.click(within(screen.getByRole("main")).getByRole("link", { name: "Sign in" }));
    await screen.findByRole("form", { name: "Sign in" });
    await fill("Password", "Secret-123");
    await user.click(screen.getByRole("button", { name: "Sign in" }));
    expect(await screen.findByRole("heading", { level: 1, name: "Confirm your e-mail address" })).toBeInTheDocument();
    expect(screen.getByLabelText("E-mail address")).toHaveValue("late@example.com");
  });

  it("sends the id token as Authorization when signed in, and the API key otherwise", async () => {
    const user = userEvent.setup();
    pool.addConfirmedAccount("ada@example.com", "Secret-123");
    const app = renderWithAccounts("/");
    await screen.findByRole("button", { name: "Place order" });
    const asGuest = app.requestsFor("Menu")[0];
    expect(asGuest.headers["x-api-key"]).toBe(TEST_CONFIG.apiKey);
    expect(asGuest.headers.authorization).toBeUndefined();

    await user.click(screen.getByRole("link", { name: "Sign in" }));
    await screen.findByRole("form", { name: "Sign in" });
    await fill("E-mail address", "ada@example.com");
    await fill("Password", "Secret-123");
    await user.click(screen.getByRole("button", { name: "Sign in" }));
    await screen.findByRole("heading", { level: 1, name: "My orders" });

    const signedIn = app.requestsFor("MyOrders")[0];
    expect(signedIn.headers.authorization).toBe(pool.idTokenOf("ada@example.com"));
    expect(signedIn.headers["x-api-key"]).toBeUndefined();
  });

  it("restores a stored session after a reload, and signing out forgets it and goes back to the API key", async () => {
    const user = userEvent.setup();
    signedInEarlier(pool, "ada@example.com");
    const app = renderWithAccounts("/orders");
    await screen.findByRole("heading", { name: "No orders yet" });
    expect(app.requestsFor("MyOrders")[0].headers.authorization).toBe(pool.idTokenOf("ada@example.com"));

    await user.click(screen.getByRole("button", { name: "Sign out" }));
    await screen.findByRole("link", { name: "Sign in" });
    expect(pool.callsOf("signOut")).toHaveLength(1);
    expect(app.location.history.at(-1)).toBe("/");
    await screen.findByRole("button", { name: "Place order" });
    const afterSignOut = app.requests.at(-1)!;
    expect(afterSignOut.headers["x-api-key"]).toBe(TEST_CONFIG.apiKey);
    expect(afterSignOut.headers.authorization).toBeUndefined();
    expect(screen.queryByText("ada@example.com")).toBeNull();
  });

  it("moves focus to the next page's heading after signing in and after signing out, not to the page's body", async () => {
    const user = userEvent.setup();
    pool.addConfirmedAccount("ada@example.com", "Secret-123");
    renderWithAccounts("/sign-in");
    await screen.findByRole("form", { name: "Sign in" });
    await fill("E-mail address", "ada@example.com");
    await fill("Password", "Secret-123");
    await user.click(screen.getByRole("button", { name: "Sign in" }));
    await screen.findByRole("link", { name: "Account: ada@example.com" });
    await waitFor(() => expect(screen.getByRole("heading", { level: 1, name: "My orders" })).toHaveFocus());

    await user.click(screen.getByRole("button", { name: "Sign out" }));
    await screen.findByRole("link", { name: "Sign in" });
    await waitFor(() => expect(screen.getByRole("heading", { level: 1, name: "Order a pizza" })).toHaveFocus());
  });

  it("never loads Amplify for a guest with no stored session", async () => {
    renderWithAccounts("/");
    await screen.findByRole("button", { name: "Place order" });
    expect(pool.calls).toEqual([]);
  });
});

describe("the account", () => {
  it("prefills the order's e-mail field from the account and shows it on the account page", async () => {
    const user = userEvent.setup();
    signedInEarlier(pool, "ada@example.com");
    const app = renderWithAccounts("/");
    await waitFor(() => expect(screen.getByLabelText(/E-mail/)).toHaveValue("ada@example.com"));
    expect(app.requestsFor("Me")[0].headers.authorization).toBe(pool.idTokenOf("ada@example.com"));

    await user.click(screen.getByRole("link", { name: "Account: ada@example.com" }));
    expect(await screen.findByRole("heading", { level: 1, name: "Your account" })).toBeInTheDocument();
    expect(screen.getByText("sub-ada@example.com")).toBeInTheDocument();
  });

  it("leaves the e-mail field empty for a guest and asks nobody who they are", async () => {
    const app = renderWithAccounts("/");
    await screen.findByRole("button", { name: "Place order" });
    expect(screen.getByLabelText(/E-mail/)).toHaveValue("");
    expect(app.requestsFor("Me")).toHaveLength(0);
  });
});

describe("forgetting the password", () => {
  it("asks for a code, then sets the new password with it and returns to sign-in", async () => {
    const user = userEvent.setup();
    pool.addConfirmedAccount("ada@example.com", "Old-secret-1");
    renderWithAccounts("/forgot-password");
    await screen.findByRole("form", { name: "Ask for a reset code" });
    await user.click(screen.getByRole("button", { name: "Send the code" }));
    expect(screen.getByLabelText("E-mail address")).toHaveAccessibleDescription("Enter your e-mail address.");
    expect(pool.callsOf("resetPassword")).toEqual([]);

    await fill("E-mail address", "ada@example.com");
    await user.click(screen.getByRole("button", { name: "Send the code" }));
    await screen.findByRole("form", { name: "Choose a new password" });
    expect(pool.callsOf("resetPassword")).toEqual([{ username: "ada@example.com" }]);
    // The form that had the focus is gone: the code's field takes it.
    expect(screen.getByLabelText("Code")).toHaveFocus();

    await fill("Code", "000000");
    await fill("New password", "New-secret-2");
    await user.click(screen.getByRole("button", { name: "Set the new password" }));
    await waitFor(() => expect(screen.getByLabelText("Code")).toHaveAccessibleDescription("That code is not right. Check it and try again."));

    const code = pool.codeFor("ada@example.com")!;
    await fill("Code", code);
    await user.click(screen.getByRole("button", { name: "Set the new password" }));
    expect(await screen.findByRole("heading", { level: 1, name: "Sign in" })).toBeInTheDocument();
    expect(pool.callsOf("confirmResetPassword").at(-1)).toEqual({ username: "ada@example.com", confirmationCode: code, newPassword: "New-secret-2" });

    await fill("Password", "New-secret-2");
    await user.click(screen.getByRole("button", { name: "Sign in" }));
    expect(await screen.findByRole("heading", { level: 1, name: "My orders" })).toBeInTheDocument();
  });
});

describe("a shop without customer accounts", () => {
  it("offers no sign-in and says so on the sign-in page", async () => {
    renderApp("/sign-in", shopAnswering({}));
    expect(await screen.findByRole("heading", { name: "Accounts are not available" })).toBeInTheDocument();
    expect(screen.queryByRole("link", { name: "Sign in" })).toBeNull();
  });
});

describe("the developer banner", () => {
  it("appears in local mode only and links the outbox and the customers' mail inbox, neither in the customer navigation", async () => {
    renderWithAccounts("/");
    const banner = await screen.findByRole("complementary", { name: "Local mode" });
    expect(within(banner).getByRole("link", { name: "developer page" })).toHaveAttribute("href", CONFIG.localDevUrl);
    expect(within(banner).getByRole("link", { name: "Notifications outbox" })).toHaveAttribute("href", "/notifications");
    expect(within(banner).getByRole("link", { name: "Customer e-mails (mail inbox)" })).toHaveAttribute("href", CONFIG.localMailUrl);
    expect(within(screen.getByRole("navigation", { name: "Main" })).queryByRole("link", { name: /Notifications/ })).toBeNull();
    expect(within(screen.getByRole("navigation", { name: "Main" })).queryByRole("link", { name: /mail/i })).toBeNull();
  });

  it("is absent without VITE_LOCAL_DEV_URL", async () => {
    renderApp("/", (request: RecordedRequest) => (request.operationName === "Menu" ? { data: MENU_RESPONSE } : { data: { order: orderResponse({ id: "x", orderStatus: "QUEUED" }) } }));
    await screen.findByRole("button", { name: "Place order" });
    expect(screen.queryByRole("complementary", { name: "Local mode" })).toBeNull();
    expect(screen.queryByRole("link", { name: /Notifications/ })).toBeNull();
  });
});

// The kitchen display for staff of a restaurant: the active orders by stage, moved on and cancelled
// with big buttons, live through onRestaurantOrderUpdates; anyone else is refused without a request.
import { act, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { createAuthClient } from "../src/auth/authClient";
import type { KitchenOrderFieldsFragment, OrderStatus } from "../src/gql/graphql";
import { type Answer, MENU_RESPONSE, type RecordedRequest } from "./support/fakeGraphqlServer";
import { signedInEarlier, TEST_POOL, useFakeUserPool } from "./support/fakeUserPool";
import { renderApp, TEST_CONFIG } from "./support/renderApp";

vi.mock("aws-amplify", async () => (await import("./support/fakeUserPool")).amplifyCoreModule);
vi.mock("aws-amplify/auth", async () => (await import("./support/fakeUserPool")).amplifyAuthModule);

const EMAIL = "cook@example.com";
const PAID_AT = "2026-11-29T12:00:00.000Z";

function kitchenOrder(id: string, orderNumber: string, orderStatus: OrderStatus, extra: Partial<KitchenOrderFieldsFragment> = {}) {
  return {
    __typename: "Order" as const,
    id,
    orderNumber,
    restaurantId: "Luigis",
    orderStatus,
    fulfilment: "PICKUP" as const,
    createdAt: PAID_AT,
    updatedAt: PAID_AT,
    eta: new Date(Date.now() + 20 * 60_000).toISOString(),
    failureReason: null,
    lines: [
      { __typename: "OrderLine" as const, pizza: "Margherita", size: "LARGE" as const, toppings: ["Olives"], quantity: 2 },
      { __typename: "OrderLine" as const, pizza: "Pepperoni", size: "MEDIUM" as const, toppings: [], quantity: 1 },
    ],
    deliveryAddress: null,
    statusHistory: [{ __typename: "OrderStatusChange" as const, status: "RECEIVED" as const, at: PAID_AT, by: "system", reason: null }],
    ...extra,
  };
}

const RESTAURANT = {
  __typename: "Restaurant" as const,
  id: "Luigis",
  name: "Luigi's Trattoria",
  acceptingOrders: true,
  openNow: true,
  closedReason: null,
  pizzasInQueue: 3,
  pickupEtaMinutes: 20,
  deliveryEtaMinutes: 35,
  capacity: { __typename: "KitchenCapacity" as const, makeMinutes: 12, pizzasPerSlot: 4, slotMinutes: 10, maxPizzasInQueue: 30, deliveryMinutes: 15 },
};

/** The kitchen as the server has it: the test moves orders on and records what was asked. */
function kitchen(staffOf: string[]) {
  const orders = [kitchenOrder("01K1", "#001", "RECEIVED"), kitchenOrder("01K2", "#002", "BAKING", { eta: new Date(Date.now() - 5 * 60_000).toISOString() })];
  const handler = (request: RecordedRequest): Answer => {
    const answers: Record<string, () => unknown> = {
      Menu: () => MENU_RESPONSE,
      Me: () => ({ me: { __typename: "Account", customerId: `sub-${EMAIL}`, email: EMAIL, staffOf } }),
      KitchenOrders: () => ({ kitchenOrders: orders }),
      KitchenRestaurant: () => ({ restaurant: RESTAURANT }),
      AdvanceOrder: () => {
        const order = orders.find((candidate) => candidate.id === request.variables.id)!;
        order.orderStatus = request.variables.to as OrderStatus;
        return { advanceOrder: order };
      },
      CancelOrderByShop: () => {
        const order = orders.find((candidate) => candidate.id === request.variables.id)!;
        order.orderStatus = "CANCELLED_BY_SHOP";
        return { cancelOrderByShop: order };
      },
      UpdateRestaurantSettings: () => {
        const input = request.variables.input as { acceptingOrders?: boolean };
        return {
          updateRestaurantSettings: {
            ...RESTAURANT,
            acceptingOrders: input.acceptingOrders ?? true,
            openNow: input.acceptingOrders ?? true,
            closedReason: input.acceptingOrders === false ? "Closed by the staff" : null,
          },
        };
      },
    };
    const answer = answers[request.operationName];
    if (!answer) throw new Error(`unexpected ${request.operationName}`);
    return { data: answer() } as Answer;
  };
  return { orders, handler };
}

function renderKitchen(path: string, handler: (request: RecordedRequest) => Answer) {
  return renderApp(path, handler, { config: { ...TEST_CONFIG, cognito: TEST_POOL }, auth: createAuthClient(TEST_POOL) });
}

const column = (name: string) => screen.getByRole("list", { name });
const cardOf = async (number: string) => (await screen.findByRole("heading", { name: number })).closest("li")!;

describe("the kitchen display", () => {
  beforeEach(() => {
    signedInEarlier(useFakeUserPool(), EMAIL);
  });

  it("shows the active orders by stage with their number, items and age, and marks a late one", async () => {
    const { handler } = kitchen(["Luigis"]);
    const app = renderKitchen("/kitchen/Luigis", handler);
    const first = await cardOf("#001");
    expect(within(column("Received by the kitchen")).getByRole("heading", { name: "#001" })).toBeInTheDocument();
    expect(within(first).getByRole("list", { name: "Items of order #001" })).toHaveTextContent("2 × Large Margherita + Olives1 × Medium Pepperoni");
    expect(within(first).getByText(/\d+ min/)).toBeInTheDocument();
    expect(first).not.toHaveClass("late");
    const late = await cardOf("#002");
    expect(within(column("Baking")).getByRole("heading", { name: "#002" })).toBeInTheDocument();
    expect(late).toHaveClass("late");
    expect(within(late).getByText(/late/)).toBeInTheDocument();
    expect(screen.getByRole("switch", { name: "Taking orders" })).toBeChecked();
    // Both orders are still to make: 3 pizzas each.
    expect(await screen.findByText(/6 pizzas to make/)).toBeInTheDocument();
    expect(app.realtime.subscriptions).toEqual([{ field: "onRestaurantOrderUpdates", variables: { restaurantId: "Luigis" } }]);
  });

  it("moves an order to its next stage with advanceOrder, and follows pushed changes without asking again", async () => {
    const user = userEvent.setup();
    const { orders, handler } = kitchen(["Luigis"]);
    const app = renderKitchen("/kitchen/Luigis", handler);
    const first = await cardOf("#001");
    act(() => app.realtime.acknowledge());
    await waitFor(() => expect(app.requestsFor("KitchenOrders")).toHaveLength(2));

    await user.click(within(first).getByRole("button", { name: "Move order #001 to Preparing" }));
    await waitFor(() => expect(within(column("Preparing")).getByRole("heading", { name: "#001" })).toBeInTheDocument());
    expect(app.requestsFor("AdvanceOrder").map((request) => request.variables)).toEqual([{ id: "01K1", to: "PREPARING" }]);

    // Another cook moved #002 on: the push alone moves the card.
    orders[1].orderStatus = "READY";
    act(() => app.realtime.push({ orderId: "01K2", orderStatus: "READY", sequence: 6, at: new Date().toISOString(), eta: null, changedBy: "other-cook" }));
    await waitFor(() => expect(within(column("Ready")).getByRole("heading", { name: "#002" })).toBeInTheDocument());
    expect(app.requestsFor("KitchenOrders")).toHaveLength(2);
    // A pickup order that is ready is collected next.
    expect(within(await cardOf("#002")).getByRole("button", { name: "Move order #002 to Completed" })).toBeInTheDocument();

    // A newly paid order is not on the display yet: one read brings it.
    orders.push(kitchenOrder("01K3", "#003", "RECEIVED"));
    act(() => app.realtime.push({ orderId: "01K3", orderStatus: "RECEIVED", sequence: 3, at: new Date().toISOString(), eta: null, changedBy: "system" }));
    await cardOf("#003");
    expect(app.requestsFor("KitchenOrders")).toHaveLength(3);
  });

  it("cancels an order only with a reason, through cancelOrderByShop", async () => {
    const user = userEvent.setup();
    const { handler } = kitchen(["Luigis"]);
    const app = renderKitchen("/kitchen/Luigis", handler);
    const first = await cardOf("#001");
    await user.click(within(first).getByRole("button", { name: "Cancel order #001" }));
    await user.click(within(first).getByRole("button", { name: "Cancel and refund" }));
    expect(within(first).getByRole("alert")).toHaveTextContent("Say why the order is cancelled");
    expect(app.requestsFor("CancelOrderByShop")).toHaveLength(0);

    await user.type(within(first).getByLabelText("Why is order #001 cancelled?"), "Out of mozzarella");
    await user.click(within(first).getByRole("button", { name: "Cancel and refund" }));
    await waitFor(() =>
      expect(app.requestsFor("CancelOrderByShop").map((request) => request.variables)).toEqual([{ id: "01K1", reason: "Out of mozzarella" }]),
    );
    await waitFor(() => expect(within(column("Cancelled by the restaurant")).getByRole("heading", { name: "#001" })).toBeInTheDocument());
  });

  it("closes the restaurant with the switch", async () => {
    const user = userEvent.setup();
    const { handler } = kitchen(["Luigis"]);
    const app = renderKitchen("/kitchen/Luigis", handler);
    await user.click(await screen.findByRole("switch", { name: "Taking orders" }));
    await waitFor(() => expect(screen.getByRole("switch", { name: "Taking orders" })).not.toBeChecked());
    expect(app.requestsFor("UpdateRestaurantSettings").map((request) => request.variables)).toEqual([
      { input: { restaurantId: "Luigis", acceptingOrders: false } },
    ]);
    expect(screen.getByText(/Closed: Closed by the staff/)).toBeInTheDocument();
  });

  it("refuses staff of another restaurant plainly, asking nothing of the kitchen", async () => {
    const { handler } = kitchen(["NapoliExpress"]);
    const app = renderKitchen("/kitchen/Luigis", handler);
    const refusal = await screen.findByRole("alert");
    expect(within(refusal).getByRole("heading", { name: "Not your kitchen" })).toBeInTheDocument();
    expect(refusal).toHaveTextContent("Your account is not on the staff of Luigi's Trattoria");
    expect(within(refusal).getByRole("link", { name: "NapoliExpress" })).toHaveAttribute("href", "/kitchen/NapoliExpress");
    expect(screen.queryByRole("heading", { name: "#001" })).toBeNull();
    expect(app.requestsFor("KitchenOrders")).toHaveLength(0);
    expect(app.requestsFor("KitchenRestaurant")).toHaveLength(0);
    expect(app.realtime.started).toBe(0);
  });

  it("names the restaurant from the bundled menu, without asking the API (also when it is down)", async () => {
    const app = renderKitchen("/kitchen/Luigis", () => ({ httpStatus: 503, body: "down" }));
    expect(await screen.findByRole("heading", { level: 1, name: "Kitchen · Luigi's Trattoria" })).toBeInTheDocument();
    expect(app.requestsFor("Menu")).toHaveLength(0);
  });
});

// The public pickup board: order numbers preparing and ready at one restaurant's counter, nothing
// else about anyone; it reads again every few seconds (no live updates for the public).
import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { PickupBoardPage } from "../src/app/lazyPages";
import { PICKUP_BOARD_POLL_MS } from "../src/pages/PickupBoardPage";
import { shopAnswering } from "./support/fakeGraphqlServer";
import { renderApp } from "./support/renderApp";
import { letTimePass, usePageClock } from "./support/trackerClock";

describe("the pickup board", () => {
  usePageClock(PickupBoardPage);

  it("shows the numbers preparing and ready for the restaurant it names, and follows the counter by reading again", async () => {
    const board = { restaurantId: "Luigis", preparing: ["#003", "#004"], ready: ["#001"] };
    const app = renderApp(
      "/board/Luigis",
      shopAnswering({
        PickupBoard: () => ({ data: { pickupBoard: { __typename: "PickupBoard", ...board, preparing: [...board.preparing], ready: [...board.ready] } } }),
      }),
    );
    await letTimePass(500);
    expect(screen.getByRole("heading", { level: 1 })).toHaveTextContent("Pickup — Luigi's Trattoria");
    expect(
      within(screen.getByRole("list", { name: "Preparing" }))
        .getAllByRole("listitem")
        .map((item) => item.textContent),
    ).toEqual(["#003", "#004"]);
    expect(
      within(screen.getByRole("list", { name: "Ready for pickup" }))
        .getAllByRole("listitem")
        .map((item) => item.textContent),
    ).toEqual(["#001"]);
    expect(app.requestsFor("PickupBoard").map((request) => request.variables)).toEqual([{ restaurantId: "Luigis" }]);

    // #001 collected, #003 out of the oven.
    board.preparing = ["#004"];
    board.ready = ["#003"];
    await letTimePass(PICKUP_BOARD_POLL_MS);
    expect(app.requestsFor("PickupBoard")).toHaveLength(2);
    expect(
      within(screen.getByRole("list", { name: "Ready for pickup" }))
        .getAllByRole("listitem")
        .map((item) => item.textContent),
    ).toEqual(["#003"]);
    expect(
      within(screen.getByRole("list", { name: "Preparing" }))
        .getAllByRole("listitem")
        .map((item) => item.textContent),
    ).toEqual(["#004"]);
  });

  it("says so when nothing is waiting", async () => {
    renderApp(
      "/board/Dominos",
      shopAnswering({ PickupBoard: () => ({ data: { pickupBoard: { __typename: "PickupBoard", restaurantId: "Dominos", preparing: [], ready: [] } } }) }),
    );
    await letTimePass(500);
    expect(screen.getByText("Nothing in the oven right now.")).toBeInTheDocument();
    expect(screen.getByText("Nothing waiting at the counter.")).toBeInTheDocument();
    expect(screen.queryByRole("list", { name: "Preparing" })).toBeNull();
    expect(screen.queryByRole("list", { name: "Ready for pickup" })).toBeNull();
  });
});

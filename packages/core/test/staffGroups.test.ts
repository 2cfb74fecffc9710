// The staff role's group name: one restaurant, one Cognito group, and back.
import { describe, expect, it } from "vitest";
import { restaurantOfStaffGroup, staffGroupName } from "../src/access/staffGroups";
import { RESTAURANTS } from "../src/menu/menu";

describe("staff groups", () => {
  it("names one group per restaurant and reads the restaurant back", () => {
    expect(staffGroupName("Dominos")).toBe("staff-Dominos");
    for (const restaurant of RESTAURANTS) expect(restaurantOfStaffGroup(staffGroupName(restaurant.id))).toBe(restaurant.id);
  });

  it("reads no restaurant from other groups", () => {
    expect(restaurantOfStaffGroup("admins")).toBeUndefined();
    expect(restaurantOfStaffGroup("staff-")).toBeUndefined();
    expect(restaurantOfStaffGroup("Staff-Dominos")).toBeUndefined();
  });
});

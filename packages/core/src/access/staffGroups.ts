// The staff role: a person works for a restaurant when they are in the Cognito group named after
// it, `staff-<restaurantId>`, one per restaurant of the menu. One place for the name, so the user
// pool's set-up (the stack, the local pool) and the access checks cannot disagree.
import { isKnownRestaurant, RESTAURANTS } from "../menu/menu";

const STAFF_GROUP_PREFIX = "staff-";

export function staffGroupName(restaurantId: string): string {
  return `${STAFF_GROUP_PREFIX}${restaurantId}`;
}

/** The restaurant a group makes its members staff of, or undefined (another group, or a restaurant not on the menu). */
export function restaurantOfStaffGroup(group: string): string | undefined {
  if (!group.startsWith(STAFF_GROUP_PREFIX)) return undefined;
  const restaurantId = group.slice(STAFF_GROUP_PREFIX.length);
  return isKnownRestaurant(restaurantId) ? restaurantId : undefined;
}

/** Every staff group the menu calls for, one per restaurant. */
export function staffGroupsOfMenu(): Array<{ groupName: string; restaurantId: string; restaurantName: string }> {
  return RESTAURANTS.map((restaurant) => ({ groupName: staffGroupName(restaurant.id), restaurantId: restaurant.id, restaurantName: restaurant.name }));
}

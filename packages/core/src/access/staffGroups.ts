// The staff role: a person works for a restaurant when they are in the Cognito group named after it.
// One place for the name, so the user pool's set-up and the access checks cannot disagree.
const STAFF_GROUP_PREFIX = "staff-";

export function staffGroupName(restaurantId: string): string {
  return `${STAFF_GROUP_PREFIX}${restaurantId}`;
}

/** The restaurant a staff group stands for, or undefined for any other group. */
export function restaurantOfStaffGroup(group: string): string | undefined {
  return group.startsWith(STAFF_GROUP_PREFIX) && group.length > STAFF_GROUP_PREFIX.length ? group.slice(STAFF_GROUP_PREFIX.length) : undefined;
}

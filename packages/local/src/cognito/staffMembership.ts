// Makes a user of the pool staff of a restaurant: AdminAddUserToGroup with the core's group name.
// The group shows in the user's next tokens (`cognito:groups`), so they sign in again afterwards.
import { AdminAddUserToGroupCommand, type CognitoIdentityProviderClient, ListUserPoolsCommand } from "@aws-sdk/client-cognito-identity-provider";
import { staffGroupName } from "@pizza-orders/core/access/staffGroups";
import { isKnownRestaurant, RESTAURANTS } from "@pizza-orders/core/menu/menu";
import { USER_POOL_NAME } from "./localUserPool";

export async function addStaffMember(cognito: CognitoIdentityProviderClient, userPoolId: string, email: string, restaurantId: string): Promise<string> {
  if (!isKnownRestaurant(restaurantId)) {
    throw new Error(`"${restaurantId}" is not a restaurant of the menu (${RESTAURANTS.map((restaurant) => restaurant.id).join(", ")}).`);
  }
  const groupName = staffGroupName(restaurantId);
  await cognito.send(new AdminAddUserToGroupCommand({ UserPoolId: userPoolId, Username: email, GroupName: groupName }));
  return groupName;
}

/** The shop's pool, found by name (its id is generated at the first start). */
export async function findLocalUserPoolId(cognito: CognitoIdentityProviderClient): Promise<string> {
  const pools = await cognito.send(new ListUserPoolsCommand({ MaxResults: 60 }));
  const id = pools.UserPools?.find((pool) => pool.Name === USER_POOL_NAME)?.Id;
  if (!id) throw new Error(`The local user pool "${USER_POOL_NAME}" does not exist yet; start the shop once with \`pnpm start\`.`);
  return id;
}

// `pnpm --filter @pizza-orders/local staff <email> <restaurantId>`: makes a signed-up user staff of
// a restaurant in the running shop's user pool (found through LOCAL_HOST and LOCAL_COGNITO_PORT).
import { CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import { localClientConfig } from "../aws/localClientConfig";
import { addStaffMember, findLocalUserPoolId } from "../cognito/staffMembership";
import { localShopSettingsFromEnv } from "../localShopSettings";

const [email, restaurantId] = process.argv.slice(2);
if (!email || !restaurantId) {
  console.error("Usage: pnpm --filter @pizza-orders/local staff <email> <restaurantId>");
  process.exit(2);
}
const { host, cognitoPort } = localShopSettingsFromEnv();
const cognito = new CognitoIdentityProviderClient(localClientConfig(`http://${host}:${cognitoPort}`));
try {
  const userPoolId = await findLocalUserPoolId(cognito);
  const group = await addStaffMember(cognito, userPoolId, email, restaurantId);
  console.log(`${email} is now in ${group}. Sign out and in again for the new group to reach the token.`);
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  console.error(
    (error as { code?: string }).code === "ECONNREFUSED"
      ? `The local user pool does not answer at http://${host}:${cognitoPort}. Start the shop with \`pnpm start\`.`
      : message,
  );
  process.exitCode = 1;
} finally {
  cognito.destroy();
}

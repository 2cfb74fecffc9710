// Test helpers that sign people up and in against the local shop's user pool, the way the web app
// (Amplify Auth with USER_PASSWORD_AUTH) does: SignUp, confirm, InitiateAuth.
import {
  AdminConfirmSignUpCommand,
  CognitoIdentityProviderClient,
  ConfirmSignUpCommand,
  InitiateAuthCommand,
  SignUpCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { localClientConfig } from "../../src/aws/localClientConfig";
import { addStaffMember } from "../../src/cognito/staffMembership";
import type { LocalShop } from "../../src/localShop";

export interface UserPoolTokens {
  idToken: string;
  accessToken: string;
  refreshToken: string;
}

export interface SignedInCustomer extends UserPoolTokens {
  email: string;
  password: string;
  /** The token's `sub`: the customer id the server uses. */
  sub: string;
}

export interface SignUpOptions {
  /** Defaults to a fresh unique address. */
  email?: string;
  password?: string;
  /** Adds the user to the restaurant's staff group (before signing in, so the tokens carry it). */
  staffOf?: string;
  /** "code" (default): read the code from /dev/confirmation-codes as a person would; "admin": AdminConfirmSignUp. */
  confirmWith?: "code" | "admin";
}

/** What signing up needs of a shop: its user pool and the developer page (a shop in another process passes these alone). */
export type UserPoolShop = Pick<LocalShop, "apiUrl" | "apiKey"> & { userPool: Pick<LocalShop["userPool"], "url" | "userPoolId" | "clientId"> };

export const TEST_PASSWORD = "Pizza-Passw0rd";
let counter = 0;

/** A unique e-mail address for a test user. */
export function uniqueEmail(label = "customer"): string {
  return `${label}-${Date.now().toString(36)}-${(counter++).toString(36)}@example.com`;
}

function userPoolClient(shop: UserPoolShop): CognitoIdentityProviderClient {
  return new CognitoIdentityProviderClient(localClientConfig(shop.userPool.url));
}

/** The newest code sent to the address, read from the developer page with the API key. */
export async function readConfirmationCode(shop: UserPoolShop, email: string): Promise<string> {
  const response = await fetch(`${shop.apiUrl}/dev/confirmation-codes?format=json`, { headers: { "x-api-key": shop.apiKey } });
  if (!response.ok) throw new Error(`/dev/confirmation-codes answered ${response.status}`);
  const { codes } = (await response.json()) as { codes: Array<{ destination: string; code: string }> };
  const found = codes.find((entry) => entry.destination.toLowerCase() === email.toLowerCase());
  if (!found) throw new Error(`No confirmation code for ${email} on /dev/confirmation-codes`);
  return found.code;
}

/** Signs up, confirms and signs in a customer (optionally staff of a restaurant); returns their tokens. */
export async function signUpCustomer(shop: UserPoolShop, options: SignUpOptions = {}): Promise<SignedInCustomer> {
  const email = options.email ?? uniqueEmail(options.staffOf ? "staff" : "customer");
  const password = options.password ?? TEST_PASSWORD;
  const cognito = userPoolClient(shop);
  try {
    const { UserSub } = await cognito.send(
      new SignUpCommand({ ClientId: shop.userPool.clientId, Username: email, Password: password, UserAttributes: [{ Name: "email", Value: email }] }),
    );
    if (options.confirmWith === "admin") {
      await cognito.send(new AdminConfirmSignUpCommand({ UserPoolId: shop.userPool.userPoolId, Username: email }));
    } else {
      const code = await readConfirmationCode(shop, email);
      await cognito.send(new ConfirmSignUpCommand({ ClientId: shop.userPool.clientId, Username: email, ConfirmationCode: code }));
    }
    if (options.staffOf) await addStaffMember(cognito, shop.userPool.userPoolId, email, options.staffOf);
    const tokens = await signIn(shop, email, password);
    return { email, password, sub: UserSub!, ...tokens };
  } finally {
    cognito.destroy();
  }
}

/** USER_PASSWORD_AUTH sign-in, as the web app does it locally. */
export async function signIn(shop: UserPoolShop, email: string, password: string): Promise<UserPoolTokens> {
  const cognito = userPoolClient(shop);
  try {
    const { AuthenticationResult } = await cognito.send(
      new InitiateAuthCommand({ ClientId: shop.userPool.clientId, AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME: email, PASSWORD: password } }),
    );
    if (!AuthenticationResult?.IdToken || !AuthenticationResult.AccessToken) throw new Error(`Sign-in of ${email} returned no tokens`);
    return { idToken: AuthenticationResult.IdToken, accessToken: AuthenticationResult.AccessToken, refreshToken: AuthenticationResult.RefreshToken ?? "" };
  } finally {
    cognito.destroy();
  }
}

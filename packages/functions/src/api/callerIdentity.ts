// Turns the identity AppSync verified into the core's Caller. Only `event.identity` is read —
// what AppSync fills in after checking the API key, the Cognito token's signature/issuer/expiry,
// or the SigV4 signature. Arguments, headers and the body are never consulted, so no request can
// claim an identity it does not hold.

import { type Caller, GUEST } from "@pizza-orders/core/access/caller";
import { restaurantOfStaffGroup } from "@pizza-orders/core/access/staffGroups";
import type { AppSyncIdentity, AppSyncIdentityCognito, AppSyncIdentityIAM } from "aws-lambda";

/** Raised for an identity of a kind this API does not configure (e.g. a Lambda authorizer's). */
export class UnrecognisedIdentityError extends Error {
  override readonly name = "UnrecognisedIdentityError";
}

function isIam(identity: object): identity is AppSyncIdentityIAM {
  return typeof (identity as AppSyncIdentityIAM).userArn === "string" && typeof (identity as AppSyncIdentityIAM).accountId === "string";
}

function isCognito(identity: object): identity is AppSyncIdentityCognito {
  const { sub, claims } = identity as Partial<AppSyncIdentityCognito>;
  return typeof sub === "string" && sub.length > 0 && typeof claims === "object" && claims !== null;
}

/** Groups as AppSync lists them, or from the token's `cognito:groups` claim (a list, or one string). */
function groupsOf(identity: AppSyncIdentityCognito): string[] {
  const fromClaim: unknown = identity.claims["cognito:groups"];
  const claimed = Array.isArray(fromClaim) ? fromClaim : typeof fromClaim === "string" ? [fromClaim] : [];
  return [...(identity.groups ?? []), ...claimed].filter((group): group is string => typeof group === "string");
}

/** Only a verified address is the person's e-mail (id tokens carry it; access tokens do not). */
function verifiedEmailOf(identity: AppSyncIdentityCognito): string | undefined {
  const { email, email_verified: verified } = identity.claims as { email?: unknown; email_verified?: unknown };
  return typeof email === "string" && (verified === true || verified === "true") ? email : undefined;
}

export function callerOf(identity: AppSyncIdentity): Caller {
  // API_KEY: AppSync passes no identity.
  if (identity === null || identity === undefined) return GUEST;
  if (isIam(identity)) return { kind: "backend", principal: identity.userArn };
  if (isCognito(identity)) {
    const restaurantIds = [...new Set(groupsOf(identity).flatMap((group) => restaurantOfStaffGroup(group) ?? []))];
    const email = verifiedEmailOf(identity);
    const person = { customerId: identity.sub, ...(email ? { email } : {}) };
    return restaurantIds.length > 0 ? { kind: "staff", ...person, restaurantIds } : { kind: "customer", ...person };
  }
  throw new UnrecognisedIdentityError("The request's identity is of a kind this API does not accept.");
}

import type { AppSyncIdentity } from "aws-lambda";

/**
 * Whose orders these are. Taken from the verified identity AppSync passes (a Cognito or OIDC
 * subject) and never from the request body. API-key callers have no identity: they share the
 * guest account, as the original demo's single user did.
 */
export const GUEST_CUSTOMER_ID = "guest";

export function customerIdOf(identity: AppSyncIdentity | null | undefined): string {
  if (identity && "sub" in identity && typeof identity.sub === "string" && identity.sub.length > 0) return identity.sub;
  return GUEST_CUSTOMER_ID;
}

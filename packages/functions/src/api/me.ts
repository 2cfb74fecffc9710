import { accountOf } from "@pizza-orders/core/access/account";
import type { AppSyncResolverEvent } from "aws-lambda";
import { callerOf } from "./callerIdentity";
import { resolver } from "./resolverError";

/** Query.me: who the signed-in caller is, from the verified token alone. */
export const handler = resolver(async (event: AppSyncResolverEvent<Record<string, never>>) => {
  const account = accountOf(callerOf(event.identity));
  return { customerId: account.customerId, email: account.email ?? null, staffOf: account.staffOf };
});

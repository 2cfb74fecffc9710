// Signing in moves this browser's guest orders into the account: each is proven by its secret,
// and only the ones the API confirms as claimed leave the browser's list. The others stay (a
// network failure is tried again at the next sign-in; an order the API does not recognise stays
// listed as a guest order, where the person sees that it cannot be found).
import type { ApolloClient } from "@apollo/client";
import { ClaimGuestOrdersMutation } from "../api/operations";
import { forgetGuestOrders, readGuestOrders } from "./guestOrders";

export async function claimGuestOrders(client: ApolloClient<unknown>, storage?: Storage): Promise<number> {
  const guestOrders = readGuestOrders(storage);
  if (guestOrders.length === 0) return 0;
  const result = await client.mutate({
    mutation: ClaimGuestOrdersMutation,
    variables: { claims: guestOrders.map(({ id, guestSecret }) => ({ id, guestSecret })) },
  });
  const claimed = (result.data?.claimGuestOrders ?? []).filter((entry) => entry.claimed).map((entry) => entry.id);
  forgetGuestOrders(claimed, storage);
  return claimed.length;
}

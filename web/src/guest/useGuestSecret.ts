// The guest secret for an order being tracked: from the tracking link's fragment (then kept in
// this browser, so "My orders" lists the order and signing in claims it), or from what this
// browser already kept.
import { useState } from "react";
import { guestSecretOf, rememberGuestOrder } from "./guestOrders";
import { secretFromFragment } from "./trackingLink";

export function useGuestSecret(orderId: string): string | undefined {
  const [secret] = useState(() => {
    const fromLink = secretFromFragment(globalThis.location?.hash ?? "");
    if (fromLink && guestSecretOf(orderId) !== fromLink) rememberGuestOrder({ id: orderId, guestSecret: fromLink });
    return fromLink ?? guestSecretOf(orderId);
  });
  return secret;
}

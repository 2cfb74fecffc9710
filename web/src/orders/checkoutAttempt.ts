// One client token per checkout attempt (postOrder's `clientToken`): made when the form opens,
// sent with every retry of that attempt — so a retry after a lost answer gets the order the shop
// already placed, never a second one — and renewed once the attempt ended (placed, or refused as
// already used for a different order). For a guest the token also proves the order on a retry,
// so it is 128 random bits. getRandomValues rather than randomUUID: randomUUID exists only in
// secure contexts, and the local shop may be opened over plain http from another machine.
import { useRef } from "react";

export function newCheckoutToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
}

export function useCheckoutAttempt() {
  const token = useRef<string | undefined>(undefined);
  return {
    /** The current attempt's token (made on first use). */
    token: () => (token.current ??= newCheckoutToken()),
    /** Ends the attempt: the next submit is a new checkout. */
    renew: () => {
      token.current = newCheckoutToken();
    },
  };
}

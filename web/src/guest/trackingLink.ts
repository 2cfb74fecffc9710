// A guest's link to their order. The secret travels in the URL fragment (`#secret=…`), which
// browsers never send to a server, so it stays out of request logs and Referer headers.
import { orderPagePath } from "@pizza-orders/core/order/orderPage";

export function trackingPath(orderId: string, guestSecret?: string): string {
  const path = orderPagePath(orderId);
  return guestSecret ? `${path}#secret=${encodeURIComponent(guestSecret)}` : path;
}

/** The secret in a fragment such as `#secret=abc`, or undefined. */
export function secretFromFragment(fragment: string): string | undefined {
  const secret = new URLSearchParams(fragment.replace(/^#/, "")).get("secret")?.trim();
  return secret || undefined;
}

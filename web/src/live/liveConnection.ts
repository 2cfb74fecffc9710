// When a screen polls and when it reads once, given its live subscription's state. The one rule:
// nothing is polled while the socket is healthy; while it is down the screen polls (and says it is
// reconnecting); when it comes back, or the page comes back from hidden/offline, one read catches
// up with whatever happened meanwhile. A refused subscription (e.g. a guest without a tracking key)
// is not an outage: the screen polls as it always did, without a "reconnecting" notice.
export type LiveState = "connecting" | "live" | "reconnecting" | "unavailable";

export function shouldPoll(state: LiveState): boolean {
  return state !== "live";
}

export function showsReconnecting(state: LiveState): boolean {
  return state === "reconnecting";
}

/** Waits between reconnection attempts: 1 s, 2 s, 4 s… at most 30 s. */
export function reconnectDelayAfter(failures: number): number {
  return Math.min(1_000 * 2 ** Math.max(0, failures - 1), 30_000);
}

/** A start refused by the server's authorisation; anything else (closed, timed out) is an outage worth retrying. */
export function isRefusal(error: unknown): boolean {
  return /Unauthorized/.test(JSON.stringify(error ?? "") + String(error));
}

/** A guest proves their order to the subscription with the SHA-256 (base64url) of its guest secret. */
export async function guestTrackingKeyOf(guestSecret: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(guestSecret)));
  let binary = "";
  for (const byte of digest) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

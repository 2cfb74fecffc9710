// The one hash the core keeps in place of a value it must not (or need not) store: a guest
// secret (whose hash is also the guest's live tracking key, computed the same way by the web app),
// a checkout attempt's client token, an order input's fingerprint. SHA-256, base64url.
import { createHash } from "node:crypto";

export function sha256Base64url(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("base64url");
}

// A guest order's proof of ownership: 256 random bits, shown to the guest once (base64url) and
// stored only as its SHA-256 hash, so the table never holds a usable secret. A high-entropy
// secret needs no slow password hash: there is nothing to guess.
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { sha256Base64url } from "../digest";

const SECRET_BYTES = 32;

export function newGuestSecret(): string {
  return randomBytes(SECRET_BYTES).toString("base64url");
}

/**
 * The secret of a guest order placed with a client token: an HMAC keyed with the token, so a
 * guest whose first postOrder answer was lost gets the same secret again by retrying with the
 * same token — and nobody else can compute it: the token only ever exists in the guest's browser
 * (the table keeps only a differently-salted hash of it, see checkoutAttempt.ts, and the hash of
 * this secret). Its strength is the token's, which is why the token must be unguessable.
 */
export function guestSecretForClientToken(clientToken: string): string {
  return createHmac("sha256", clientToken).update("pizza-orders guest secret v1", "utf8").digest("base64url");
}

export function hashGuestSecret(secret: string): string {
  return sha256Base64url(secret);
}

/** Constant-time comparison of the presented secret with the stored hash. */
export function guestSecretMatches(presented: string | undefined, storedHash: string | undefined): boolean {
  if (!presented || !storedHash) return false;
  return guestTrackingKeyMatches(hashGuestSecret(presented), storedHash);
}

/**
 * Constant-time comparison of a presented tracking key (the secret's hash, as a guest's live
 * subscription gives it) with the stored hash. The key opens only the order's live status.
 */
export function guestTrackingKeyMatches(presentedKey: string | undefined, storedHash: string | undefined): boolean {
  if (!presentedKey || !storedHash) return false;
  const presented = Buffer.from(presentedKey);
  const expected = Buffer.from(storedHash);
  return presented.length === expected.length && timingSafeEqual(presented, expected);
}

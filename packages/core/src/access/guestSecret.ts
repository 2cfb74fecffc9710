// A guest order's proof of ownership: 256 random bits, shown to the guest once (base64url) and
// stored only as its SHA-256 hash, so the table never holds a usable secret. A high-entropy
// secret needs no slow password hash: there is nothing to guess.
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

const SECRET_BYTES = 32;

export function newGuestSecret(): string {
  return randomBytes(SECRET_BYTES).toString("base64url");
}

export function hashGuestSecret(secret: string): string {
  return createHash("sha256").update(secret, "utf8").digest("base64url");
}

/** Constant-time comparison of the presented secret with the stored hash. */
export function guestSecretMatches(presented: string | undefined, storedHash: string | undefined): boolean {
  if (!presented || !storedHash) return false;
  const presentedHash = Buffer.from(hashGuestSecret(presented));
  const expected = Buffer.from(storedHash);
  return presentedHash.length === expected.length && timingSafeEqual(presentedHash, expected);
}

// Hand-made JWTs for refusal tests: tokens that differ from a real one in exactly one respect
// (signature, issuer, expiry, client, token use). Signing with the pool's own key (from the shop's
// data folder) makes a token whose signature holds, so each test isolates the one claim it is
// about; another RSA key, or the key cognito-local ships in its package, makes a wrong signature.

import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { generatePoolSigningKey, signJwt } from "../../src/cognito/poolSigningKey";
import type { LocalShop } from "../../src/localShop";

const require = createRequire(import.meta.url);

export interface SigningKey {
  kid: string;
  privateKeyPem: string;
}

const base64url = (value: string | Buffer) => Buffer.from(value).toString("base64url");

export function decodePayload(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split(".")[1]!, "base64url").toString("utf8")) as Record<string, unknown>;
}

/** RS256 over the claims, the header naming the key. */
export function signToken(claims: Record<string, unknown>, key: SigningKey): string {
  return signJwt(base64url(JSON.stringify(claims)), key);
}

/** The shop's user pool key, as the shop keeps it in its data folder. */
export function poolSigningKey(shop: Pick<LocalShop, "settings">): SigningKey {
  return JSON.parse(readFileSync(join(shop.settings.dataDir, "cognito", "signing-key.json"), "utf8")) as SigningKey;
}

/** A fresh RSA key (its public half for a JWKS, its private half for signToken). */
export const newSigningKey = generatePoolSigningKey;

/** A real token with changed claims, re-signed by the pool's key: only the changed claims are wrong. */
export function resignedWith(shop: Pick<LocalShop, "settings">, token: string, changes: Record<string, unknown>): string {
  return signToken({ ...decodePayload(token), ...changes }, poolSigningKey(shop));
}

/** A real token whose payload was edited but whose signature was kept (a forgery). */
export function tamperedPayload(token: string, changes: Record<string, unknown>): string {
  const [header, , signature] = token.split(".");
  return `${header}.${base64url(JSON.stringify({ ...decodePayload(token), ...changes }))}.${signature}`;
}

/** A real token's claims signed by a key that is not the pool's, under the pool key's kid. */
export function signedByAnotherKey(shop: Pick<LocalShop, "settings">, token: string): string {
  return signToken(decodePayload(token), newSigningKey(poolSigningKey(shop).kid));
}

/** A real token's claims signed by the key every cognito-local install ships (public, so anyone has it). */
export function signedWithCognitoLocalPackagedKey(token: string): string {
  const packaged = require("cognito-local/lib/keys/cognitoLocal.private.json") as { pem: string };
  return signToken(decodePayload(token), { kid: "CognitoLocal", privateKeyPem: packaged.pem });
}

// The local pool's own signing key. cognito-local signs every pool's tokens with one RSA key that
// ships inside its npm package, so anyone could mint tokens it would accept. The shop instead
// signs the pool's ID and access tokens with a key made for this data folder on the first start
// (kept in <data>/cognito/signing-key.json, so tokens stay valid across restarts) and publishes
// only its public half at the pool's JWKS address — as Cognito keeps its pools' keys to itself.
import { createPrivateKey, createPublicKey, generateKeyPairSync, randomUUID, sign } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";

export interface PoolSigningKey {
  kid: string;
  privateKeyPem: string;
  /** The public key as a JWK for the pool's jwks.json. */
  publicJwk: Record<string, string>;
}

export function loadOrCreatePoolSigningKey(filePath: string): PoolSigningKey {
  if (!existsSync(filePath)) {
    const { kid, privateKeyPem } = generatePoolSigningKey();
    writeFileSync(filePath, JSON.stringify({ kid, privateKeyPem }), { mode: 0o600 });
  }
  const { kid, privateKeyPem } = JSON.parse(readFileSync(filePath, "utf8")) as { kid: string; privateKeyPem: string };
  return signingKey(kid, privateKeyPem);
}

/** A new RSA key (tests also make "another pool's" keys with it). */
export function generatePoolSigningKey(kid: string = randomUUID()): PoolSigningKey {
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  return signingKey(kid, privateKey.export({ type: "pkcs8", format: "pem" }) as string);
}

function signingKey(kid: string, privateKeyPem: string): PoolSigningKey {
  const jwk = createPublicKey(createPrivateKey(privateKeyPem)).export({ format: "jwk" }) as { n: string; e: string; kty: string };
  return { kid, privateKeyPem, publicJwk: { kty: jwk.kty, n: jwk.n, e: jwk.e, kid, alg: "RS256", use: "sig" } };
}

/** A JWT over the (base64url) payload, signed RS256 by the key; the header names the key. */
export function signJwt(payload: string, key: Pick<PoolSigningKey, "kid" | "privateKeyPem">): string {
  const header = Buffer.from(JSON.stringify({ alg: "RS256", typ: "JWT", kid: key.kid })).toString("base64url");
  const signature = sign("RSA-SHA256", Buffer.from(`${header}.${payload}`), key.privateKeyPem).toString("base64url");
  return `${header}.${payload}.${signature}`;
}

/** The same claims, signed by the pool's key. */
export function resignToken(token: string, key: PoolSigningKey): string {
  const payload = token.split(".")[1];
  if (!payload) throw new Error("not a JWT");
  return signJwt(payload, key);
}

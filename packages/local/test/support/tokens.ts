// Hand-made JWTs for refusal tests: tokens that differ from a real one in exactly one respect
// (signature, issuer, expiry, client, token use). cognito-local signs every pool's tokens with a
// key shipped in its package; signing with that key makes a token whose signature holds, so each
// test isolates the one claim it is about. A second RSA key makes a wrong signature.
import { createRequire } from "node:module";
import { generateKeyPairSync, sign } from "node:crypto";

const require = createRequire(import.meta.url);
const COGNITO_LOCAL_KEY = (require("cognito-local/lib/keys/cognitoLocal.private.json") as { pem: string }).pem;
/** The key id cognito-local puts in its tokens' header. */
const COGNITO_LOCAL_KID = "CognitoLocal";

const base64url = (value: string | Buffer) => Buffer.from(value).toString("base64url");

export function decodePayload(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split(".")[1]!, "base64url").toString("utf8")) as Record<string, unknown>;
}

/** Signs the claims with the local pool's key (or another PEM key), RS256, kid of the pool. */
export function signToken(claims: Record<string, unknown>, privateKeyPem: string = COGNITO_LOCAL_KEY): string {
  const header = base64url(JSON.stringify({ alg: "RS256", typ: "JWT", kid: COGNITO_LOCAL_KID }));
  const payload = base64url(JSON.stringify(claims));
  const signature = sign("RSA-SHA256", Buffer.from(`${header}.${payload}`), privateKeyPem);
  return `${header}.${payload}.${base64url(signature)}`;
}

/** A real token with changed claims, re-signed by the pool's key: only the changed claims are wrong. */
export function resignedWith(token: string, changes: Record<string, unknown>): string {
  return signToken({ ...decodePayload(token), ...changes });
}

/** A real token whose payload was edited but whose signature was kept (a forgery). */
export function tamperedPayload(token: string, changes: Record<string, unknown>): string {
  const [header, , signature] = token.split(".");
  return `${header}.${base64url(JSON.stringify({ ...decodePayload(token), ...changes }))}.${signature}`;
}

/** A real token's claims signed by a key that is not the pool's (same kid). */
export function signedByAnotherKey(token: string): string {
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  return signToken(decodePayload(token), privateKey.export({ type: "pkcs8", format: "pem" }) as string);
}

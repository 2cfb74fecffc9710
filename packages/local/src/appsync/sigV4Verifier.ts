// Checks an AWS_IAM request's Signature Version 4 the way AWS does: the access key must be one the
// shop knows (locally, the one set of local credentials every handler signs with), the signature
// must be the one those credentials give for this method, path, query, signed headers and body, the
// signed body hash must be the body's, and x-amz-date within 15 minutes of now. The signature is
// recomputed with @smithy/signature-v4, the signer the AWS SDK itself uses, so the two sides
// cannot disagree on canonicalisation.
import { createHash, timingSafeEqual } from "node:crypto";
import { Sha256 } from "@aws-crypto/sha256-js";
import { SignatureV4 } from "@smithy/signature-v4";

export interface IamCredentials {
  accessKeyId: string;
  secretAccessKey: string;
}

export interface SignedRequest {
  method: string;
  /** Path and query, as received (e.g. "/graphql"). */
  url: string;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  body: string;
}

/** AWS's answer to a request whose signature does not check out (HTTP 403). */
export class SignatureRefusedError extends Error {
  constructor(
    readonly errorType: "InvalidSignatureException" | "UnrecognizedClientException" | "IncompleteSignatureException",
    message: string,
  ) {
    super(message);
    this.name = errorType;
  }
}

const MAX_CLOCK_SKEW_MS = 15 * 60 * 1000;
const AUTHORIZATION =
  /^AWS4-HMAC-SHA256 Credential=([^/,\s]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request,\s*SignedHeaders=([a-z0-9;-]+),\s*Signature=([0-9a-f]{64})$/;
const MISMATCH =
  "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";

export function isSigV4(authorization: string | undefined): boolean {
  return authorization?.startsWith("AWS4-HMAC-SHA256") ?? false;
}

/** Resolves with the signer's access key id; rejects with SignatureRefusedError. */
export async function verifySigV4(request: SignedRequest, credentials: IamCredentials, region: string, service = "appsync"): Promise<string> {
  const match = AUTHORIZATION.exec(request.headers.authorization ?? "");
  if (!match)
    throw new SignatureRefusedError("IncompleteSignatureException", "Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' parameters.");
  const [, accessKeyId, , , , signedHeaderList, signature] = match as unknown as [string, string, string, string, string, string, string];
  if (accessKeyId !== credentials.accessKeyId)
    throw new SignatureRefusedError("UnrecognizedClientException", "The security token included in the request is invalid.");

  const amzDate = request.headers["x-amz-date"];
  const signingDate = amzDate ? parseAmzDate(amzDate) : undefined;
  if (!signingDate)
    throw new SignatureRefusedError("IncompleteSignatureException", "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
  if (Math.abs(Date.now() - signingDate.getTime()) > MAX_CLOCK_SKEW_MS)
    throw new SignatureRefusedError("InvalidSignatureException", `Signature expired: ${amzDate} is not within 15 minutes of the server's time.`);

  const signedHeaderNames = signedHeaderList.split(";");
  const claimedBodyHash = request.headers["x-amz-content-sha256"];
  if (claimedBodyHash !== undefined && claimedBodyHash !== createHash("sha256").update(request.body).digest("hex"))
    throw new SignatureRefusedError("InvalidSignatureException", MISMATCH);

  const url = new URL(request.url, "http://local");
  const headers = Object.fromEntries(signedHeaderNames.map((name) => [name, request.headers[name] ?? ""]));
  const signer = new SignatureV4({ credentials, region, service, sha256: Sha256, applyChecksum: signedHeaderNames.includes("x-amz-content-sha256") });
  const expected = await signer.sign(
    {
      method: request.method,
      protocol: "http:",
      hostname: (request.headers.host ?? "").replace(/:\d+$/, ""),
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers,
      body: request.body,
    },
    { signingDate },
  );
  const expectedSignature = /Signature=([0-9a-f]{64})/.exec(String(expected.headers.authorization ?? expected.headers.Authorization))?.[1] ?? "";
  if (expectedSignature.length !== signature.length || !timingSafeEqual(Buffer.from(expectedSignature), Buffer.from(signature))) {
    throw new SignatureRefusedError("InvalidSignatureException", MISMATCH);
  }
  return accessKeyId;
}

function parseAmzDate(value: string): Date | undefined {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!match) return undefined;
  const [, year, month, day, hour, minute, second] = match.map(Number) as number[];
  return new Date(Date.UTC(year!, month! - 1, day!, hour!, minute!, second!));
}

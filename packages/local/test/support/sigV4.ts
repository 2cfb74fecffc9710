// Signs a GraphQL request with SigV4 the way a backend publisher does (the SDK's own signer).
import { Sha256 } from "@aws-crypto/sha256-js";
import { SignatureV4 } from "@smithy/signature-v4";
import { LOCAL_REGION } from "../../src/aws/localResources";

export async function sigV4Headers(url: string, body: string, credentials: { accessKeyId: string; secretAccessKey: string }): Promise<Record<string, string>> {
  const target = new URL(url);
  const signer = new SignatureV4({ credentials, region: LOCAL_REGION, service: "appsync", sha256: Sha256 });
  const signed = await signer.sign({
    method: "POST",
    protocol: target.protocol,
    hostname: target.hostname,
    port: Number(target.port),
    path: target.pathname,
    query: {},
    headers: { host: target.host, "content-type": "application/json" },
    body,
  });
  // fetch sends the same Host itself (and refuses to be given one).
  const { host: _host, ...headers } = signed.headers as Record<string, string>;
  return headers;
}

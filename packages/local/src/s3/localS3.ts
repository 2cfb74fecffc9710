// S3 on this machine: s3rver (an S3 API server in Node) keeping its objects in the data folder, so
// the handlers' S3 client and presigned URLs work unchanged. s3rver is patched
// (patches/s3rver@3.7.1.patch) where S3 behaves differently from it in ways the app relies on: a
// conditional write (If-None-Match: *) never replaces an object, and an unsigned request is
// refused, as by a private bucket with Block Public Access. It checks a presigned URL's expiry and
// access key id, not its signature (s3rver does not compute SigV4).
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import S3rver from "s3rver";
import { LOCAL_CREDENTIALS } from "../aws/localClientConfig";
import { LOOPBACK_HOST } from "../http/httpServer";

// s3rver's account registry (its own module, not in its typings): the keys it accepts signatures from.
const require = createRequire(import.meta.url);
const s3rverAccounts = require("s3rver/lib/models/account") as { DUMMY_ACCOUNT: { createKeyPair(accessKeyId: string, secretAccessKey: string): void } };

export interface LocalS3 {
  /** The endpoint handlers get as AWS_ENDPOINT_URL_S3 (path-style: http://host:port/bucket/key). */
  url: string;
  stop(): Promise<void>;
}

export async function startLocalS3(options: { directory: string; port: number; host: string; buckets: readonly string[] }): Promise<LocalS3> {
  s3rverAccounts.DUMMY_ACCOUNT.createKeyPair(LOCAL_CREDENTIALS.accessKeyId, LOCAL_CREDENTIALS.secretAccessKey);
  const server = new S3rver({
    address: options.host,
    port: options.port,
    directory: options.directory,
    silent: true,
    // Path-style only: a host name like bucket.localhost is not an address everywhere.
    vhostBuckets: false,
    configureBuckets: options.buckets.map((name) => ({ name, configs: [] })),
  });
  const address = (await server.run()) as AddressInfo;
  // Presigned URLs are opened by a browser: the loopback address by the name it knows.
  const host = options.host === LOOPBACK_HOST ? "localhost" : options.host;
  return { url: `http://${host}:${address.port}`, stop: () => server.close() };
}

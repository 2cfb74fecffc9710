// The private bucket receipts are written to (receipts/<orderId>.pdf, see the core's
// ReceiptStore): no public access of any kind, SSE-S3 encryption, TLS only (1.2 or newer), objects
// owned by the bucket owner (no ACLs), and a lifecycle rule that ends each receipt after the
// stage's retention. Customers fetch receipts only through presigned links.
import { Duration } from "aws-cdk-lib";
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from "aws-cdk-lib/aws-s3";
import type { Construct } from "constructs";
import { RECEIPTS_PREFIX } from "../packages/core/src/receipt/receiptStore";
import { suppressReceiptsBucketFindings } from "./nagSuppressions";
import type { StageConfig } from "./stageConfig";

export function createReceiptsBucket(scope: Construct, config: StageConfig): Bucket {
  const bucket = new Bucket(scope, "Receipts", {
    blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
    encryption: BucketEncryption.S3_MANAGED,
    enforceSSL: true,
    minimumTLSVersion: 1.2,
    objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
    removalPolicy: config.removalPolicy,
    lifecycleRules: [
      {
        id: "ExpireReceipts",
        prefix: RECEIPTS_PREFIX,
        expiration: Duration.days(config.receipts.retentionDays),
        abortIncompleteMultipartUploadAfter: Duration.days(1),
      },
    ],
  });
  suppressReceiptsBucketFindings(bucket);
  return bucket;
}

/** The ARN pattern of every receipt object (what the listener may write and the order resolver may read). */
export function receiptObjectsArn(bucket: Bucket): string {
  return bucket.arnForObjects(`${RECEIPTS_PREFIX}*`);
}

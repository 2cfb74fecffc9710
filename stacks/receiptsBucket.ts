// The private bucket receipts are written to (receipts/<orderId>.pdf, see the core's
// ReceiptStore): no public access of any kind, SSE-S3 encryption, TLS only (1.2 or newer), objects
// owned by the bucket owner (no ACLs), and a lifecycle rule that ends each receipt after the
// stage's retention. Customers fetch receipts only through presigned links.
import { Duration } from "aws-cdk-lib";
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from "aws-cdk-lib/aws-s3";
import type { Construct } from "constructs";
import type { Function as SstFunction, Table } from "sst/constructs";
import { RECEIPTS_PREFIX } from "../packages/core/src/receipt/receiptStore";
import { suppressReceiptObjectsFindings, suppressReceiptsBucketFindings } from "./nagSuppressions";
import { allow } from "./permissions";
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

/**
 * The receipts listener (the order events bus's Receipts target): reads the order it is told of
 * and puts its receipt. Exactly that: GetItem on the orders table and PutObject under receipts/
 * (no read, list or delete in the bucket), and the configuration those calls need.
 */
export function grantReceiptWriting(fn: SstFunction, resources: { ordersTable: Table; receiptsBucket: Bucket }, config: StageConfig): void {
  fn.addEnvironment("ORDERS_TABLE_NAME", resources.ordersTable.tableName);
  fn.addEnvironment("ORDER_DEADLINE_SECONDS", config.orderDeadlineSeconds);
  fn.addEnvironment("RECEIPTS_BUCKET_NAME", resources.receiptsBucket.bucketName);
  fn.attachPermissions([allow(["dynamodb:GetItem"], [resources.ordersTable.tableArn]), allow(["s3:PutObject"], [receiptObjectsArn(resources.receiptsBucket)])]);
  suppressReceiptObjectsFindings(fn);
}

// One SDK client per service per process, created on first use so a Lambda reuses it across
// invocations. Endpoints come from the SDK's own configuration (AWS_ENDPOINT_URL_<SERVICE>), which
// is how the same code reaches AWS in the cloud and the emulators locally.
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { S3Client } from "@aws-sdk/client-s3";
import { SFNClient } from "@aws-sdk/client-sfn";
import { SNSClient } from "@aws-sdk/client-sns";
import { SQSClient } from "@aws-sdk/client-sqs";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";

let documentClient: DynamoDBDocumentClient | undefined;
let sqsClient: SQSClient | undefined;
let sfnClient: SFNClient | undefined;
let snsClient: SNSClient | undefined;
let s3Client: S3Client | undefined;

/** The document client the order code needs: optional attributes left undefined are not written. */
export function orderDocumentClient(client: DynamoDBClient): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
}

export function getDocumentClient(): DynamoDBDocumentClient {
  documentClient ??= orderDocumentClient(new DynamoDBClient({}));
  return documentClient;
}

export function getSqsClient(): SQSClient {
  sqsClient ??= new SQSClient({});
  return sqsClient;
}

export function getSfnClient(): SFNClient {
  sfnClient ??= new SFNClient({});
  return sfnClient;
}

export function getSnsClient(): SNSClient {
  snsClient ??= new SNSClient({});
  return snsClient;
}

export function getS3Client(): S3Client {
  // An S3-compatible server on a custom endpoint (local mode's s3rver) is addressed by path
  // (http://host:port/bucket/key): bucket host names under localhost do not resolve everywhere.
  // AWS's own endpoints keep virtual-hosted addressing.
  s3Client ??= new S3Client({ forcePathStyle: Boolean(process.env.AWS_ENDPOINT_URL_S3) });
  return s3Client;
}

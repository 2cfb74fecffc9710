// One SDK client per service per process, created on first use so a Lambda reuses it across
// invocations. Endpoints come from the SDK's own configuration (AWS_ENDPOINT_URL_<SERVICE>), which
// is how the same code reaches AWS in the cloud and the emulators locally.
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { EventBridgeClient } from "@aws-sdk/client-eventbridge";
import { S3Client } from "@aws-sdk/client-s3";
import { SFNClient } from "@aws-sdk/client-sfn";
import { SNSClient } from "@aws-sdk/client-sns";
import { SQSClient } from "@aws-sdk/client-sqs";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";

/** Something done to every client (the functions' X-Ray capture); returns the client it is given. */
export type AwsClientInstrumentation = <Client extends object>(client: Client) => Client;

let instrument: AwsClientInstrumentation = (client) => client;
const created: object[] = [];

/**
 * Applies `instrumentation` to every client, those already created included, so it does not
 * matter whether a handler module builds its services before or after the hook is set.
 */
export function instrumentAwsClients(instrumentation: AwsClientInstrumentation): void {
  instrument = instrumentation;
  for (const client of created) instrumentation(client);
}

function track<Client extends object>(client: Client): Client {
  created.push(client);
  return instrument(client);
}

let documentClient: DynamoDBDocumentClient | undefined;
let sqsClient: SQSClient | undefined;
let sfnClient: SFNClient | undefined;
let snsClient: SNSClient | undefined;
let s3Client: S3Client | undefined;
let eventBridgeClient: EventBridgeClient | undefined;

/** The document client the order code needs: optional attributes left undefined are not written. */
export function orderDocumentClient(client: DynamoDBClient): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
}

export function getDocumentClient(): DynamoDBDocumentClient {
  documentClient ??= orderDocumentClient(track(new DynamoDBClient({})));
  return documentClient;
}

export function getSqsClient(): SQSClient {
  sqsClient ??= track(new SQSClient({}));
  return sqsClient;
}

export function getSfnClient(): SFNClient {
  sfnClient ??= track(new SFNClient({}));
  return sfnClient;
}

export function getSnsClient(): SNSClient {
  snsClient ??= track(new SNSClient({}));
  return snsClient;
}

export function getS3Client(): S3Client {
  // An S3-compatible server on a custom endpoint (local mode's s3rver) is addressed by path
  // (http://host:port/bucket/key): bucket host names under localhost do not resolve everywhere.
  // AWS's own endpoints keep virtual-hosted addressing.
  s3Client ??= track(new S3Client({ forcePathStyle: Boolean(process.env.AWS_ENDPOINT_URL_S3) }));
  return s3Client;
}

export function getEventBridgeClient(): EventBridgeClient {
  eventBridgeClient ??= new EventBridgeClient({});
  return eventBridgeClient;
}

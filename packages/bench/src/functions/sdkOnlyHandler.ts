// A second baseline: a handler that only creates the DynamoDB document client every data handler
// needs (as packages/core/src/aws/clients.ts does), bundled and imported like the real ones. The
// real handlers' import time above this is the app's own code and its other libraries.
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";

const documentClient = DynamoDBDocumentClient.from(new DynamoDBClient({}), { marshallOptions: { removeUndefinedValues: true } });

export const handler = async () => ({ ready: documentClient !== undefined });

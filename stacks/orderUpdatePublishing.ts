// What a function needs to publish live order updates: `appsync:GraphQL` on the
// publishOrderUpdate mutation's ARN only (grantMutation scopes it to that one field, so the
// publisher can call nothing else on the API) and the API's GraphQL URL (ORDERS_API_URL). The
// change source's stream consumer gets it through the Api stack's `grantOrderUpdatePublishing`.
import type { IGraphqlApi } from "aws-cdk-lib/aws-appsync";
import type { IGrantable } from "aws-cdk-lib/aws-iam";
import { NONE_RESOLVERS } from "../packages/functions/src/api/noneResolvers";

export const PUBLISH_MUTATION = NONE_RESOLVERS.find((resolver) => resolver.fieldName === "publishOrderUpdate")!.fieldName;

export interface PublishingFunction extends IGrantable {
  addEnvironment(key: string, value: string): unknown;
}

export function grantOrderUpdatePublishing(graphqlApi: IGraphqlApi, graphqlUrl: string, fn: PublishingFunction): void {
  graphqlApi.grantMutation(fn, PUBLISH_MUTATION);
  fn.addEnvironment("ORDERS_API_URL", graphqlUrl);
}

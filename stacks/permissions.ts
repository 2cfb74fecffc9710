// Least-privilege IAM statements. Each function gets explicit actions on explicit resources;
// SST's `bind` is avoided on purpose because it grants whole services (a queue bind grants sqs:*).
import { Effect, PolicyStatement } from "aws-cdk-lib/aws-iam";

/** The DynamoDB actions a function may need on the orders table. */
export type OrdersTableAction =
  | "dynamodb:GetItem"
  | "dynamodb:PutItem"
  | "dynamodb:UpdateItem"
  | "dynamodb:DeleteItem"
  | "dynamodb:Query";

export function allow(actions: readonly string[], resources: readonly string[]): PolicyStatement {
  return new PolicyStatement({ effect: Effect.ALLOW, actions: [...actions], resources: [...resources] });
}

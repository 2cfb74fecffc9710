// Least-privilege IAM statements. Each function gets explicit actions on explicit resources (its
// function manifest entry's access, see appFunctionProps.ts);
// SST's `bind` is avoided on purpose because it grants whole services (a queue bind grants sqs:*).
import { Effect, PolicyStatement } from "aws-cdk-lib/aws-iam";

export function allow(actions: readonly string[], resources: readonly string[]): PolicyStatement {
  return new PolicyStatement({ effect: Effect.ALLOW, actions: [...actions], resources: [...resources] });
}

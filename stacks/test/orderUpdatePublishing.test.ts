// The publisher's access (the function manifest's `orderUpdates`, as appFunctionProps turns it into
// IAM and environment) on a bare API and function (no SST synth needed): appsync:GraphQL on the
// publishOrderUpdate mutation's ARN and nothing else, and the API's URL in its environment.

import path from "node:path";
import { App, Stack } from "aws-cdk-lib";
import { Template } from "aws-cdk-lib/assertions";
import { Definition, GraphqlApi } from "aws-cdk-lib/aws-appsync";
import type { PolicyStatement } from "aws-cdk-lib/aws-iam";
import { Code, Function as LambdaFunction, Runtime } from "aws-cdk-lib/aws-lambda";
import { describe, expect, it } from "vitest";
import { theFunctionTriggeredBy } from "../../packages/functions/src/functionManifest";
import { appFunctionProps } from "../appFunctionProps";
import { PROJECT_ROOT } from "../offlineSynth";
import { stageConfig } from "../stageConfig";

describe("order update publishing grant", () => {
  it("allows appsync:GraphQL on Mutation.publishOrderUpdate only, and sets ORDERS_API_URL", () => {
    const stack = new Stack(new App(), "Publishing", { env: { account: "123456789012", region: "eu-west-1" } });
    const api = new GraphqlApi(stack, "Api", { name: "orders", definition: Definition.fromFile(path.join(PROJECT_ROOT, "graphql/schema.graphql")) });
    const publisher = new LambdaFunction(stack, "Publisher", {
      runtime: Runtime.NODEJS_22_X,
      handler: "index.handler",
      code: Code.fromInline("exports.handler = async () => {}"),
    });
    const props = appFunctionProps(theFunctionTriggeredBy("ordersTableStream"), {
      stack,
      config: stageConfig("dev"),
      logGroupId: "PublisherLogs",
      resources: { ordersApi: { graphqlApi: api, url: api.graphqlUrl } },
    });
    for (const statement of props.permissions as PolicyStatement[]) publisher.addToRolePolicy(statement);
    for (const [name, value] of Object.entries(props.environment!)) publisher.addEnvironment(name, value);

    const template = Template.fromStack(stack);
    const policies = Object.values(template.findResources("AWS::IAM::Policy"));
    const statements = policies.flatMap((policy) => policy.Properties.PolicyDocument.Statement as Array<Record<string, unknown>>);
    expect(statements).toEqual([
      {
        Effect: "Allow",
        Action: "appsync:GraphQL",
        Resource: {
          "Fn::Join": [
            "",
            [
              "arn:",
              { Ref: "AWS::Partition" },
              ":appsync:eu-west-1:123456789012:apis/",
              { "Fn::GetAtt": [expect.stringMatching(/^Api/), "ApiId"] },
              "/types/Mutation/fields/publishOrderUpdate",
            ],
          ],
        },
      },
    ]);
    const [fn] = Object.values(template.findResources("AWS::Lambda::Function"));
    expect(fn!.Properties.Environment.Variables.ORDERS_API_URL).toEqual({ "Fn::GetAtt": [expect.stringMatching(/^Api/), "GraphQLUrl"] });
  });
});

// The context Lambda hands a handler, for tests that call a handler directly (the local runtime's
// own builder, so tests and local mode give handlers the same context).
import { randomUUID } from "node:crypto";
import type { Context } from "aws-lambda";
import { lambdaContext } from "../../../local/src/lambda/invocationContext";

export function testLambdaContext(functionName = "test", timeoutMs = 30_000): Context {
  return lambdaContext({
    functionName,
    invokedFunctionArn: `arn:aws:lambda:us-east-1:000000000000:function:${functionName}`,
    awsRequestId: randomUUID(),
    deadline: Date.now() + timeoutMs,
    region: "us-east-1",
  });
}

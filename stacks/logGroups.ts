// Explicit log groups instead of the `logRetention` prop: `logRetention` deploys CDK's
// LogRetention custom resource (a Lambda allowed logs:PutRetentionPolicy on every log group).
// An explicit group sets the retention directly and follows the stage's removal policy.

import { LogGroup } from "aws-cdk-lib/aws-logs";
import type { Construct } from "constructs";
import type { StageConfig } from "./stageConfig";

export function stageLogGroup(scope: Construct, id: string, config: StageConfig, logGroupName?: string): LogGroup {
  return new LogGroup(scope, id, {
    logGroupName,
    retention: config.logRetention,
    removalPolicy: config.removalPolicy,
  });
}

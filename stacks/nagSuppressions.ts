// cdk-nag (AwsSolutions) findings that are deliberate, each with its reason. The stack tests run
// AwsSolutionsChecks over the whole app and fail on any error or warning not suppressed here.
// Suppressions are scoped to the construct that causes them, never to a whole stack.
// They are attached by an aspect that runs before cdk-nag's (lower priority number), because
// SST creates some resources (function code, site upload) only in App.finish(), after the
// stack functions have run.
//
// "Resource::*" is suppressed on function roles for X-Ray only; the stack tests separately assert
// that no statement grants a data action (DynamoDB, SQS, SNS, Step Functions) on "*".

import { AspectPriority, Aspects, CfnResource, type IAspect } from "aws-cdk-lib";
import type { StateMachine } from "aws-cdk-lib/aws-stepfunctions";
import { type NagPackSuppression, NagSuppressions } from "cdk-nag";
import type { IConstruct } from "constructs";
import { type App, type AppSyncApi, type Cognito, Stack as SstStack, type StaticSite, type Table } from "sst/constructs";

const LAMBDA_BASIC_EXECUTION_ROLE = "Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole";

const lambdaBasicExecutionRole: NagPackSuppression = {
  id: "AwsSolutions-IAM4",
  appliesTo: [LAMBDA_BASIC_EXECUTION_ROLE],
  reason: "AWSLambdaBasicExecutionRole only lets the function write its own CloudWatch logs.",
};

class SuppressOnEveryResource implements IAspect {
  constructor(private readonly suppressions: NagPackSuppression[]) {}
  visit(node: IConstruct): void {
    if (node instanceof CfnResource) NagSuppressions.addResourceSuppressions(node, this.suppressions);
  }
}

/** Suppresses the findings on every CloudFormation resource under the construct. */
function suppress(construct: IConstruct, suppressions: NagPackSuppression[]): void {
  Aspects.of(construct).add(new SuppressOnEveryResource(suppressions), { priority: AspectPriority.MUTATING });
}

/** Stages without point-in-time recovery (see stageConfig): their data is disposable. */
export function suppressDisposableTableFindings(table: Table): void {
  suppress(table, [{ id: "AwsSolutions-DDB3", reason: "Dev/test stage: orders are test data; only production stages keep point-in-time recovery." }]);
}

/** Every function of the app: logging role and active X-Ray tracing. */
export function suppressLambdaBaselineFindings(fn: IConstruct): void {
  suppress(fn, [
    lambdaBasicExecutionRole,
    {
      id: "AwsSolutions-IAM5",
      appliesTo: ["Resource::*"],
      reason: "Active tracing: xray:PutTraceSegments and xray:PutTelemetryRecords support no resource-level permissions.",
    },
  ]);
}

/** An on-failure destination of an event source mapping: it is the dead-letter queue. */
export function suppressFailureDestinationFindings(queue: IConstruct): void {
  suppress(queue, [
    {
      id: "AwsSolutions-SQS3",
      reason:
        "This queue is the on-failure destination (dead-letter queue) of the order-changes stream consumer; cdk-nag recognises only SQS redrive policies.",
    },
  ]);
}

/** The receipts bucket: private, encrypted, TLS only; read only through presigned links. */
export function suppressReceiptsBucketFindings(bucket: IConstruct): void {
  suppress(bucket, [
    {
      id: "AwsSolutions-S1",
      reason:
        "Receipts are written by one function and read through presigned links the API hands out after its own access check (logged there); server access logs would need another bucket.",
    },
  ]);
}

/** A function that reads or writes receipts: object actions under the receipts prefix only. */
export function suppressReceiptObjectsFindings(fn: IConstruct): void {
  suppress(fn, [
    {
      id: "AwsSolutions-IAM5",
      appliesTo: [{ regex: "/^Resource::<.+>\\/receipts\\/\\*$/g" }, { regex: "/^Resource::arn:<AWS::Partition>:s3:::.+\\/receipts\\/\\*$/g" }],
      reason: "Receipt objects are one per order (receipts/<orderId>.pdf): the grant names the receipts prefix of the one bucket, nothing else.",
    },
  ]);
}

/** A rule target's dead-letter queue (EventBridge sends what it could not deliver there). */
export function suppressEventTargetDeadLetterQueueFindings(queue: IConstruct): void {
  suppress(queue, [
    {
      id: "AwsSolutions-SQS3",
      reason: "This queue is the dead-letter queue of an order events rule target (EventBridge's DeadLetterConfig); it needs none of its own.",
    },
  ]);
}

/** The orders table's stream consumer: Lambda's poller lists the table's streams. */
export function suppressStreamConsumerFindings(fn: IConstruct): void {
  suppress(fn, [
    {
      id: "AwsSolutions-IAM5",
      appliesTo: ["Resource::*"],
      reason: "dynamodb:ListStreams supports no resource-level permissions (the stream reads name the table's stream).",
    },
  ]);
}

/** The role EventBridge Scheduler assumes to invoke one function. */
export function suppressScheduleInvokeRoleFindings(role: IConstruct): void {
  suppress(role, [
    {
      id: "AwsSolutions-IAM5",
      appliesTo: [{ regex: "/^Resource::<\\w+\\.Arn>:\\*$/" }],
      reason: "lambda:InvokeFunction on the one scheduled function and its versions/aliases (<function ARN>:*), as CDK's grantInvoke writes it; nothing else.",
    },
  ]);
}

export function suppressStateMachineBaselineFindings(stateMachine: StateMachine): void {
  suppress(stateMachine, [
    {
      id: "AwsSolutions-IAM5",
      appliesTo: ["Resource::*"],
      reason:
        "Step Functions logging (logs:*LogDelivery, resource policies) and X-Ray tracing actions support no resource-level permissions; the Lambda and DynamoDB grants name their resources.",
    },
  ]);
}

export function suppressApiFindings(api: AppSyncApi): void {
  const graphqlApi = api.cdk.graphqlApi;
  suppress(graphqlApi, [
    {
      id: "AwsSolutions-ASC3",
      reason:
        "Field-level logging is on (stage-dependent level); verbose content stays excluded so request headers (the API key) and customers' e-mail addresses in arguments are not written to the logs.",
    },
    {
      id: "AwsSolutions-IAM4",
      appliesTo: ["Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSAppSyncPushToCloudWatchLogs"],
      reason: "The AppSync logging role: the managed policy only writes the API's CloudWatch logs.",
    },
    {
      id: "AwsSolutions-IAM5",
      appliesTo: [{ regex: "/^Resource::<OrdersApiLambda.+\\.Arn>:\\*$/g" }],
      reason: "Each Lambda data source may invoke its own resolver function (and that function's versions/aliases) only.",
    },
  ]);
  // CDK's GraphqlApi sets the log group's retention through its LogRetention singleton.
  for (const child of api.node.scope!.node.children) {
    if (child.node.id.startsWith("LogRetention")) {
      suppress(child, [
        lambdaBasicExecutionRole,
        {
          id: "AwsSolutions-IAM5",
          appliesTo: ["Resource::*"],
          reason: "CDK's LogRetention function sets retention on log groups whose names are only known at deploy time.",
        },
      ]);
    }
  }
}

export function suppressUserPoolFindings(auth: Cognito): void {
  suppress(auth.cdk.userPool, [
    {
      id: "AwsSolutions-COG2",
      reason: "Customers of a pizza shop sign in with e-mail and password; MFA (TOTP) is offered to every customer but not forced on them.",
    },
    {
      id: "AwsSolutions-COG3",
      reason:
        "Cognito's threat protection (formerly advanced security) needs the Plus feature plan, priced per monthly active user; not justified for orders that hold no payment data.",
    },
  ]);
}

export function suppressSiteFindings(site: StaticSite): void {
  suppress(site, [
    {
      id: "AwsSolutions-S1",
      reason: "The bucket holds the public web app's build output, served only through CloudFront; there is nothing to audit per object request.",
    },
    {
      id: "AwsSolutions-CFR1",
      reason: "The pizza-ordering web app has no country restrictions.",
    },
    {
      id: "AwsSolutions-CFR2",
      reason: "Static assets only; the API has its own throttling. A WAF web ACL can be attached per deployment if abuse shows up.",
    },
    {
      id: "AwsSolutions-CFR3",
      reason: "Static assets only; CloudFront standard metrics are enough and access logs would need another bucket.",
    },
    {
      id: "AwsSolutions-CFR4",
      reason: "Uses the default *.cloudfront.net certificate, for which CloudFront fixes the minimum TLS policy; set a custom domain to choose TLSv1.2_2021.",
    },
    {
      id: "AwsSolutions-CFR7",
      reason: "SST v2's StaticSite uses an origin access identity (not control); the bucket stays private either way.",
    },
    {
      id: "AwsSolutions-IAM5",
      appliesTo: [{ regex: "/^Resource::<WebS3Bucket.+\\.Arn>\\/\\*$/g" }, { regex: "/^Resource::arn:<AWS::Partition>:s3:::cdk-.+-assets-.+\\/\\*$/g" }],
      reason: "SST's deploy-time uploader copies the build from the CDK assets bucket into the site's own bucket, nothing else.",
    },
  ]);
}

/** SST adds a custom-resource handler to every stack (it writes the SST metadata). */
export function suppressSstStackFindings(app: App): void {
  for (const child of app.node.children) {
    if (!(child instanceof SstStack)) continue;
    suppress(child.customResourceHandler, [
      lambdaBasicExecutionRole,
      { id: "AwsSolutions-L1", reason: "SST's own custom-resource handler; SST 2.49 pins its runtime." },
    ]);
  }
}

/** CloudWatch cannot publish to a topic encrypted with the AWS-managed SNS key. */
export function suppressAlarmTopicFindings(topic: IConstruct): void {
  suppress(topic, [
    {
      id: "AwsSolutions-SNS2",
      reason:
        "Alarm notifications carry alarm names and metric values, no customer data; CloudWatch cannot publish to a topic encrypted with the AWS-managed key, and a customer-managed key would cost more than the data is worth protecting.",
    },
  ]);
}

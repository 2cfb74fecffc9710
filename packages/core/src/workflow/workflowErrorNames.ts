// Every error name the workflow definition may match in Retry or Catch, with where it comes from.
// An error name in the ASL that nothing throws is a retry that never happens, so
// packages/core/test/workflowContract.test.ts checks the definition against this module and each
// list here against its source: the domain errors against errors.ts, the SDK errors against the
// exception classes of the SDK the functions use.

/** A state that ran past its TimeoutSeconds (or the execution past its own). */
export const STATES_TIMEOUT = "States.Timeout";
/** A Lambda function that ran past its timeout, as a lambda:invoke Task reports it. */
export const LAMBDA_FUNCTION_TIMEOUT = "Sandbox.Timedout";

/** Step Functions' own names (Amazon States Language, "Errors"). */
export const STATES_ERRORS = ["States.ALL", STATES_TIMEOUT, "States.TaskFailed"] as const;

/**
 * What a lambda:invoke Task reports when the Lambda service fails or the function dies: the
 * service's 500s, throttling, and (as "Lambda.Unknown"/"Sandbox.Timedout") an out-of-memory exit
 * or the function timing out. Documented in "Handle Lambda service exceptions"
 * (https://docs.aws.amazon.com/step-functions/latest/dg/bp-lambda-serviceexception.html) and in
 * Lambda's invocation errors.
 */
export const LAMBDA_INVOKE_ERRORS = [
  "Lambda.ServiceException",
  "Lambda.AWSLambdaException",
  "Lambda.SdkClientException",
  "Lambda.TooManyRequestsException",
  "Lambda.ClientExecutionTimeoutException",
  "Lambda.Unknown",
  LAMBDA_FUNCTION_TIMEOUT,
] as const;

/**
 * DynamoDB errors worth retrying, named as the JavaScript SDK (@aws-sdk/client-dynamodb) names the
 * exceptions it throws inside the function — a function error's type is the thrown error's name.
 * (Step Functions' "DynamoDB.*" names belong to its direct DynamoDB integrations, which this
 * workflow does not use.)
 */
export const DYNAMODB_SDK_TRANSIENT_ERRORS = [
  "ProvisionedThroughputExceededException",
  "ThrottlingException",
  "RequestLimitExceeded",
  "InternalServerError",
] as const;

/** SNS Publish errors worth retrying, as @aws-sdk/client-sns names them. */
export const SNS_SDK_TRANSIENT_ERRORS = ["InternalErrorException", "ThrottledException", "KMSThrottlingException"] as const;

/** The SDK's HTTP layer (@smithy/node-http-handler) names a connection or socket timeout so. */
export const SDK_NETWORK_ERRORS = ["TimeoutError"] as const;

/** Every non-domain name the definition may use; domain error names come from errors.ts. */
export const KNOWN_AWS_ERROR_NAMES: readonly string[] = [
  ...STATES_ERRORS,
  ...LAMBDA_INVOKE_ERRORS,
  ...DYNAMODB_SDK_TRANSIENT_ERRORS,
  ...SNS_SDK_TRANSIENT_ERRORS,
  ...SDK_NETWORK_ERRORS,
];

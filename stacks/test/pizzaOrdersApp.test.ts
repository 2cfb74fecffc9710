// The whole SST app synthesized offline for a dev stage and for prod (once each), with the
// wiring issue 2 asks for asserted on the CloudFormation templates. Expected values are written
// out here from the requirements, not read back from the stack code.
import { readFileSync } from "node:fs";
import path from "node:path";
import { buildSchema, type ConstDirectiveNode, isObjectType, Kind, parse } from "graphql";
import { beforeAll, describe, expect, it } from "vitest";
import { CUSTOMER_EMAIL_RULE, CUSTOMER_EMAIL_SENT_RULE, RECEIPTS_RULE } from "../../packages/core/src/events/orderEventRules";
import { RESTAURANTS } from "../../packages/core/src/menu/menu";
import { orderWorkflowDefinitionText } from "../../packages/core/src/workflow/orderWorkflowDefinition";
import { API_LIMITS } from "../../packages/functions/src/api/apiLimits";
import { APP_FUNCTIONS, functionsTriggeredBy, handlerPath } from "../../packages/functions/src/functionManifest";
import { Api } from "../Api";
import { Auth } from "../Auth";
import { PIZZA_ORDERS_STACKS } from "../index";
import { Notifications } from "../Notifications";
import { OrderChanges } from "../OrderChanges";
import { OrderEvents } from "../OrderEvents";
import { OrdersQueue } from "../OrdersQueue";
import { PROJECT_ROOT } from "../offlineSynth";
import { Reconciler } from "../Reconciler";
import { Site } from "../Site";
import { Storage } from "../Storage";
import { Workflow } from "../Workflow";
import { describeOperations } from "./operationsSpec";
import { type SynthesizedApp, synthesizeForTest } from "./synthesizedApp";
import {
  appFunctions,
  functionIdByHandler,
  functionRoleStatements,
  getAtt,
  grant,
  grants,
  type Located,
  locate,
  ref,
  resource,
  resourcesOfType,
  roleStatements,
} from "./templateQueries";

const STAGES = ["dev", "prod"] as const;
type Stage = (typeof STAGES)[number];
const synthesized = {} as Record<Stage, SynthesizedApp>;

beforeAll(async () => {
  for (const stage of STAGES) synthesized[stage] = await synthesizeForTest(stage);
});

const SCHEMA_FILE = path.join(PROJECT_ROOT, "graphql/schema.graphql");
const APPSYNC_BUILTINS_FILE = path.join(PROJECT_ROOT, "graphql/appsync-builtins.graphql");
const LAMBDA_RESOLVER_CODE_FILE = path.join(PROJECT_ROOT, "graphql/lambdaResolver.js");
const AUTH_DIRECTIVES = ["aws_api_key", "aws_cognito_user_pools", "aws_iam", "aws_oidc", "aws_lambda"];

/** Which field each resolver function answers, from the function manifest (the permissions each may have are written out below). */
const API_RESOLVERS = functionsTriggeredBy("graphqlField").map(({ trigger, handler }) => ({
  typeName: trigger.typeName,
  fieldName: trigger.fieldName,
  handler,
}));
const CONSUMER_TIMEOUT_SECONDS = 30;
const TASK_TIMEOUT_SECONDS = 10;
const XRAY_GRANTS = grant(["xray:PutTraceSegments", "xray:PutTelemetryRecords"], [{ stack: "", value: "*" }]);
const SQS_CONSUME_ACTIONS = ["sqs:ReceiveMessage", "sqs:ChangeMessageVisibility", "sqs:GetQueueUrl", "sqs:DeleteMessage", "sqs:GetQueueAttributes"];
const WORKFLOW_TASKS = {
  InitializeOrder: "workflow/initializeOrder",
  ProcessPayment: "workflow/processPayment",
  CompleteOrder: "workflow/completeOrder",
  CancelFailedOrder: "workflow/cancelFailedOrder",
} as const;
const RETENTION_DAYS: Record<Stage, number> = { dev: 7, prod: 90 };
/** The deadline reconciler's sparse index: orders in flight, by deadline (keys only). */
const IN_FLIGHT_INDEX = {
  IndexName: "inFlightByDeadline",
  KeySchema: [
    { AttributeName: "inFlight", KeyType: "HASH" },
    { AttributeName: "deadlineAt", KeyType: "RANGE" },
  ],
  Projection: { ProjectionType: "KEYS_ONLY" },
};

/** The kitchen's sparse index: a restaurant's paid orders still in its kitchen, oldest first, whole orders. */
const KITCHEN_INDEX = {
  IndexName: "kitchenByRestaurant",
  KeySchema: [
    { AttributeName: "kitchenRestaurantId", KeyType: "HASH" },
    { AttributeName: "orderId", KeyType: "RANGE" },
  ],
  Projection: { ProjectionType: "ALL" },
};

describe.each(STAGES)("%s stage", (stage) => {
  const app = () => synthesized[stage];
  const only = (stack: (typeof PIZZA_ORDERS_STACKS)[number], type: string) => {
    const found = resourcesOfType(app().template(stack), type);
    expect(found, `${type} in ${stack.name}`).toHaveLength(1);
    return found[0]!;
  };
  const at = (stack: (typeof PIZZA_ORDERS_STACKS)[number], value: unknown): Located => ({ stack: app().stackName(stack), value });
  /** An index's ARN as a stack sees it: the table ARN Storage exports, plus the index path. */
  const indexArnIn = (stack: (typeof PIZZA_ORDERS_STACKS)[number], indexName: string): Located => {
    const outputs: Record<string, { Value: unknown; Export?: { Name: string } }> = app().template(Storage).toJSON().Outputs ?? {};
    const tableArnValue = JSON.stringify(getAtt(only(Storage, "AWS::DynamoDB::Table")[0], "Arn"));
    const exported = Object.values(outputs).find((output) => JSON.stringify(output.Value) === tableArnValue)!;
    return at(stack, { "Fn::Join": ["", [{ "Fn::ImportValue": exported.Export!.Name }, `/index/${indexName}`]] });
  };
  const tableArn = () => at(Storage, getAtt(only(Storage, "AWS::DynamoDB::Table")[0], "Arn"));
  const tableName = () => at(Storage, ref(only(Storage, "AWS::DynamoDB::Table")[0]));
  const topicArn = () => at(Notifications, ref(only(Notifications, "AWS::SNS::Topic")[0]));
  const stateMachineId = () => only(Workflow, "AWS::StepFunctions::StateMachine")[0];
  const queues = () => {
    const all = resourcesOfType(app().template(OrdersQueue), "AWS::SQS::Queue");
    const orders = all.filter(([, queue]) => queue.Properties!.QueueName === `${stage}-pizza-orders-ordersQueue`);
    const others = all.filter((entry) => !orders.includes(entry));
    expect(orders).toHaveLength(1);
    expect(others).toHaveLength(1);
    return { orders: orders[0]!, deadLetter: others[0]! };
  };
  const consumerId = () => functionIdByHandler(app().template(OrdersQueue), "queue/startOrderWorkflow");
  const definition = () => JSON.parse(resource(app().template(Workflow), stateMachineId()).Properties!.DefinitionString);

  describe("cdk-nag AwsSolutions", () => {
    it("reports no error and no warning that is not suppressed with a reason", () => {
      expect(app().nagErrors).toEqual([]);
      expect(app().nagWarnings).toEqual([]);
    });
  });

  describe("orders table", () => {
    it("is on-demand, keyed by orderId alone, with the sparse byCustomer index (historyCustomerId HASH, orderId RANGE, all attributes), the reconciler's in-flight index and the kitchen index", () => {
      const [, table] = only(Storage, "AWS::DynamoDB::Table");
      expect(table.Properties!.BillingMode).toBe("PAY_PER_REQUEST");
      expect(table.Properties!.KeySchema).toEqual([{ AttributeName: "orderId", KeyType: "HASH" }]);
      expect(table.Properties!.GlobalSecondaryIndexes).toEqual([
        {
          IndexName: "byCustomer",
          KeySchema: [
            { AttributeName: "historyCustomerId", KeyType: "HASH" },
            { AttributeName: "orderId", KeyType: "RANGE" },
          ],
          Projection: { ProjectionType: "ALL" },
        },
        IN_FLIGHT_INDEX,
        KITCHEN_INDEX,
      ]);
      expect(table.Properties!.AttributeDefinitions).toEqual(
        expect.arrayContaining([
          { AttributeName: "orderId", AttributeType: "S" },
          { AttributeName: "historyCustomerId", AttributeType: "S" },
        ]),
      );
    });

    it("has the sparse kitchen index the kitchen's screens, capacity and ETA query (kitchenRestaurantId HASH, orderId RANGE)", () => {
      const [, table] = only(Storage, "AWS::DynamoDB::Table");
      expect(table.Properties!.GlobalSecondaryIndexes).toEqual(expect.arrayContaining([KITCHEN_INDEX]));
      expect(table.Properties!.AttributeDefinitions).toEqual(expect.arrayContaining([{ AttributeName: "kitchenRestaurantId", AttributeType: "S" }]));
    });

    it("has the sparse in-flight index the deadline reconciler queries (inFlight HASH, deadlineAt RANGE)", () => {
      const [, table] = only(Storage, "AWS::DynamoDB::Table");
      expect(table.Properties!.GlobalSecondaryIndexes).toEqual(expect.arrayContaining([IN_FLIGHT_INDEX]));
      expect(table.Properties!.AttributeDefinitions).toEqual(
        expect.arrayContaining([
          { AttributeName: "inFlight", AttributeType: "S" },
          { AttributeName: "deadlineAt", AttributeType: "S" },
        ]),
      );
    });

    it(
      stage === "prod"
        ? "is retained, with point-in-time recovery and deletion protection"
        : "is disposable: deleted with the stack, no PITR, no deletion protection",
      () => {
        const [, table] = only(Storage, "AWS::DynamoDB::Table");
        const production = stage === "prod";
        expect(table.DeletionPolicy).toBe(production ? "Retain" : "Delete");
        expect(table.UpdateReplacePolicy).toBe(production ? "Retain" : "Delete");
        expect(table.Properties!.PointInTimeRecoverySpecification?.PointInTimeRecoveryEnabled ?? false).toBe(production);
        expect(table.Properties!.DeletionProtectionEnabled ?? false).toBe(production);
      },
    );
  });

  describe("orders queue", () => {
    it("sends a message to the dead-letter queue after 4 receives", () => {
      const { orders, deadLetter } = queues();
      expect(orders[1].Properties!.RedrivePolicy).toEqual({ deadLetterTargetArn: getAtt(deadLetter[0], "Arn"), maxReceiveCount: 4 });
    });

    it("keeps dead letters 14 days", () => {
      expect(queues().deadLetter[1].Properties!.MessageRetentionPeriod).toBe(14 * 24 * 3600);
    });

    it("has a visibility timeout of at least 6 x the consumer's timeout", () => {
      const consumer = resource(app().template(OrdersQueue), consumerId());
      expect(consumer.Properties!.Timeout).toBe(CONSUMER_TIMEOUT_SECONDS);
      expect(queues().orders[1].Properties!.VisibilityTimeout).toBeGreaterThanOrEqual(6 * consumer.Properties!.Timeout);
    });

    it("encrypts both queues at rest with SQS-managed keys", () => {
      for (const [, queue] of Object.values(queues())) expect(queue.Properties!.SqsManagedSseEnabled).toBe(true);
    });

    it("denies any request without TLS on both queues", () => {
      const policies = resourcesOfType(app().template(OrdersQueue), "AWS::SQS::QueuePolicy");
      for (const [queueId] of Object.values(queues())) {
        const policy = policies.find(([, candidate]) => JSON.stringify(candidate.Properties!.Queues) === JSON.stringify([ref(queueId)]));
        expect(policy, `TLS policy of ${queueId}`).toBeDefined();
        expect(policy![1].Properties!.PolicyDocument.Statement).toContainEqual({
          Action: "sqs:*",
          Condition: { Bool: { "aws:SecureTransport": "false" } },
          Effect: "Deny",
          Principal: { AWS: "*" },
          Resource: getAtt(queueId, "Arn"),
        });
      }
    });

    it("feeds the consumer 5 messages at a time and lets it report partial batch failures", () => {
      const [, mapping] = only(OrdersQueue, "AWS::Lambda::EventSourceMapping");
      expect(mapping.Properties).toMatchObject({
        BatchSize: 5,
        FunctionResponseTypes: ["ReportBatchItemFailures"],
        EventSourceArn: getAtt(queues().orders[0], "Arn"),
        FunctionName: ref(consumerId()),
      });
    });

    it("gives the consumer the workflow's ARN and only StartExecution on it (plus consuming its queue)", () => {
      const template = app().template(OrdersQueue);
      const consumer = resource(template, consumerId());
      expect(locate(app(), OrdersQueue, consumer.Properties!.Environment.Variables.ORDER_WORKFLOW_ARN)).toEqual(at(Workflow, ref(stateMachineId())));
      expect(grants(functionRoleStatements(app(), OrdersQueue, consumerId()))).toEqual(
        [
          ...XRAY_GRANTS,
          ...grant(["states:StartExecution"], [at(Workflow, ref(stateMachineId()))]),
          ...grant(SQS_CONSUME_ACTIONS, [at(OrdersQueue, getAtt(queues().orders[0], "Arn"))]),
        ].sort(),
      );
    });
  });

  describe("order workflow", () => {
    it("deploys the core's ASL file unchanged, with every placeholder substituted", () => {
      // The core's reading of the file, not the stack's: the two must name the same file.
      const fileText = orderWorkflowDefinitionText();
      const stateMachine = resource(app().template(Workflow), stateMachineId());
      expect(JSON.parse(stateMachine.Properties!.DefinitionString)).toEqual(JSON.parse(fileText));
      const placeholders = [...new Set([...fileText.matchAll(/\$\{(\w+)\}/g)].map((match) => match[1]))].sort();
      expect(placeholders).toHaveLength(4);
      expect(Object.keys(stateMachine.Properties!.DefinitionSubstitutions).sort()).toEqual(placeholders);
    });

    it("substitutes each task's function ARN", () => {
      const substitutions = resource(app().template(Workflow), stateMachineId()).Properties!.DefinitionSubstitutions;
      for (const [task, handler] of Object.entries(WORKFLOW_TASKS)) {
        const functionId = functionIdByHandler(app().template(Workflow), handler);
        expect(substitutions[`${task}FunctionArn`], task).toEqual(getAtt(functionId, "Arn"));
      }
    });

    it("is InitializeOrder -> ProcessPayment -> CheckPaymentOutcome -> CompleteOrder | CancelFailedOrder", () => {
      const { StartAt, States } = definition();
      expect(StartAt).toBe("InitializeOrder");
      expect(States.InitializeOrder.Next).toBe("ProcessPayment");
      expect(States.ProcessPayment.Next).toBe("CheckPaymentOutcome");
      expect(States.CheckPaymentOutcome.Type).toBe("Choice");
      expect(States.CheckPaymentOutcome.Choices.map((choice: { Next: string }) => choice.Next)).toContain("CompleteOrder");
      expect(States.CheckPaymentOutcome.Default).toBe("CancelFailedOrder");
    });

    it("retries and catches on every Task state, and times out tasks and the execution", () => {
      const { States, TimeoutSeconds } = definition();
      expect(TimeoutSeconds).toBeGreaterThan(0);
      const tasks = Object.entries(States as Record<string, any>).filter(([, state]) => state.Type === "Task");
      expect(tasks.map(([name]) => name)).toEqual(expect.arrayContaining(Object.keys(WORKFLOW_TASKS)));
      for (const [name, state] of tasks) {
        expect(state.Retry?.length, `${name} Retry`).toBeGreaterThan(0);
        expect(state.Catch?.length, `${name} Catch`).toBeGreaterThan(0);
        expect(
          state.Catch.some((catcher: { ErrorEquals: string[] }) => catcher.ErrorEquals.includes("States.ALL")),
          `${name} catches everything`,
        ).toBe(true);
        expect(state.TimeoutSeconds, `${name} TimeoutSeconds`).toBeGreaterThan(0);
      }
    });

    it("retries Lambda service errors, function timeouts and DynamoDB throttling by their real names on every Task, with backoff", () => {
      const { States } = definition();
      const tasks = Object.entries(States as Record<string, any>).filter(([, state]) => state.Type === "Task");
      for (const [name, state] of tasks) {
        const retried = state.Retry.flatMap((retrier: { ErrorEquals: string[] }) => retrier.ErrorEquals);
        expect(retried, name).toEqual(
          expect.arrayContaining([
            "Lambda.ServiceException",
            "Lambda.AWSLambdaException",
            "Lambda.SdkClientException",
            "Lambda.TooManyRequestsException",
            "Lambda.ClientExecutionTimeoutException",
            "Sandbox.Timedout",
            "States.Timeout",
            "ProvisionedThroughputExceededException",
            "ThrottlingException",
            "InternalServerError",
            "RequestLimitExceeded",
          ]),
        );
        expect(retried, name).not.toContain("DynamoDB.InternalServerErrorException");
        for (const retrier of state.Retry) expect(retrier.BackoffRate, name).toBeGreaterThan(1);
      }
      for (const name of ["CompleteOrder", "CancelFailedOrder"]) {
        const retried = States[name].Retry.flatMap((retrier: { ErrorEquals: string[] }) => retrier.ErrorEquals);
        expect(retried, name).toEqual(expect.arrayContaining(["InternalErrorException", "ThrottledException"]));
        expect(
          States[name].Catch.map((catcher: { Next: string }) => catcher.Next),
          name,
        ).not.toContain("CancelFailedOrder");
      }
    });

    it("is a Standard state machine with execution logging (data included) and tracing", () => {
      const stateMachine = resource(app().template(Workflow), stateMachineId());
      expect(stateMachine.Properties!.StateMachineType).toBe("STANDARD");
      expect(stateMachine.Properties!.TracingConfiguration).toEqual({ Enabled: true });
      const logging = stateMachine.Properties!.LoggingConfiguration;
      expect(logging.Level).toBe("ALL");
      expect(logging.IncludeExecutionData).toBe(true);
      const logGroupId = logging.Destinations[0].CloudWatchLogsLogGroup.LogGroupArn["Fn::GetAtt"][0];
      expect(resource(app().template(Workflow), logGroupId).Properties!.RetentionInDays).toBe(RETENTION_DAYS[stage]);
    });

    it("lets the state machine invoke exactly the 4 task functions and nothing else", () => {
      const roleId = resource(app().template(Workflow), stateMachineId()).Properties!.RoleArn["Fn::GetAtt"][0];
      const statements = roleStatements(app(), Workflow, roleId);
      const dataGrants = grants(statements.filter((statement) => !statement.resources.every((located) => located.value === "*")));
      const taskFunctionArns = Object.values(WORKFLOW_TASKS).map((handler) =>
        at(Workflow, getAtt(functionIdByHandler(app().template(Workflow), handler), "Arn")),
      );
      expect(dataGrants).toEqual(grant(["lambda:InvokeFunction"], taskFunctionArns));
      // The rest is what logging and tracing need; neither supports resource-level permissions.
      const wildcardActions = statements
        .filter((statement) => statement.resources.some((located) => located.value === "*"))
        .flatMap((statement) => statement.actions);
      for (const action of wildcardActions) expect(action).toMatch(/^(logs:\w+Log\w*|logs:\w*ResourcePolic\w+|logs:DescribeLogGroups|xray:\w+)$/);
    });
  });

  describe("workflow task functions", () => {
    // The finishing steps hand a paid order to the kitchen, quoting its ETA from the kitchen index.
    const TASK_EXPECTATIONS = {
      InitializeOrder: { publishes: false, paymentRate: false, queriesKitchen: false },
      ProcessPayment: { publishes: false, paymentRate: true, queriesKitchen: false },
      CompleteOrder: { publishes: true, paymentRate: false, queriesKitchen: true },
      CancelFailedOrder: { publishes: true, paymentRate: false, queriesKitchen: true },
    } as const;

    it.each(Object.entries(TASK_EXPECTATIONS))("%s: 10 s timeout, its configuration, and exactly its permissions", (task, expected) => {
      const template = app().template(Workflow);
      const functionId = functionIdByHandler(template, WORKFLOW_TASKS[task as keyof typeof WORKFLOW_TASKS]);
      const fn = resource(template, functionId);
      expect(fn.Properties!.Timeout).toBe(TASK_TIMEOUT_SECONDS);
      const env = fn.Properties!.Environment.Variables;
      expect(locate(app(), Workflow, env.ORDERS_TABLE_NAME)).toEqual(tableName());
      if (expected.publishes) expect(locate(app(), Workflow, env.ORDER_NOTIFICATIONS_TOPIC_ARN)).toEqual(topicArn());
      else expect(env.ORDER_NOTIFICATIONS_TOPIC_ARN).toBeUndefined();
      if (expected.paymentRate) expect(env.PAYMENT_SUCCESS_RATE).toBe("0.9");
      else expect(env.PAYMENT_SUCCESS_RATE).toBeUndefined();
      expect(grants(functionRoleStatements(app(), Workflow, functionId))).toEqual(
        [
          ...XRAY_GRANTS,
          ...grant(["dynamodb:GetItem", "dynamodb:UpdateItem"], [tableArn()]),
          ...(expected.queriesKitchen ? grant(["dynamodb:Query"], [indexArnIn(Workflow, "kitchenByRestaurant")]) : []),
          ...(expected.publishes ? grant(["sns:Publish"], [topicArn()]) : []),
        ].sort(),
      );
    });
  });

  describe("customers' user pool", () => {
    const userPool = () => only(Auth, "AWS::Cognito::UserPool");
    const userPoolRef = () => at(Auth, ref(userPool()[0]));

    it("signs customers in with their e-mail address, verified by a code sent there", () => {
      const pool = userPool()[1].Properties!;
      expect(pool.UsernameAttributes).toEqual(["email"]);
      expect(pool.AutoVerifiedAttributes).toEqual(["email"]);
      expect(pool.VerificationMessageTemplate).toMatchObject({ DefaultEmailOption: "CONFIRM_WITH_CODE" });
      expect(pool.VerificationMessageTemplate.EmailMessage).toContain("{####}");
      expect(pool.AdminCreateUserConfig.AllowAdminCreateUserOnly).toBe(false);
      expect(pool.AccountRecoverySetting).toEqual({ RecoveryMechanisms: [{ Name: "verified_email", Priority: 1 }] });
      expect(pool.UserAttributeUpdateSettings).toEqual({ AttributesRequireVerificationBeforeUpdate: ["email"] });
    });

    it("requires passwords of 12+ characters with lower and upper case, digits and symbols", () => {
      expect(userPool()[1].Properties!.Policies.PasswordPolicy).toEqual({
        MinimumLength: 12,
        RequireLowercase: true,
        RequireUppercase: true,
        RequireNumbers: true,
        RequireSymbols: true,
        TemporaryPasswordValidityDays: 3,
      });
    });

    it(stage === "prod" ? "is retained with deletion protection" : "is disposable: deleted with the stack, no deletion protection", () => {
      const [, pool] = userPool();
      const production = stage === "prod";
      expect(pool.DeletionPolicy).toBe(production ? "Retain" : "Delete");
      expect(pool.UpdateReplacePolicy).toBe(production ? "Retain" : "Delete");
      expect(pool.Properties!.DeletionProtection).toBe(production ? "ACTIVE" : "INACTIVE");
    });

    it("has one public app client for the web app: SRP and USER_PASSWORD_AUTH (the local pool's flow), refresh, no secret", () => {
      const [, client] = only(Auth, "AWS::Cognito::UserPoolClient");
      expect(locate(app(), Auth, client.Properties!.UserPoolId)).toEqual(userPoolRef());
      expect([...client.Properties!.ExplicitAuthFlows].sort()).toEqual(["ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_USER_PASSWORD_AUTH", "ALLOW_USER_SRP_AUTH"]);
      expect(client.Properties!.GenerateSecret).toBe(false);
      expect(client.Properties!.PreventUserExistenceErrors).toBe("ENABLED");
    });

    it("has one staff group per restaurant of the menu, staff-<restaurantId>", () => {
      const groups = resourcesOfType(app().template(Auth), "AWS::Cognito::UserPoolGroup").map(([, group]) => {
        expect(locate(app(), Auth, group.Properties!.UserPoolId)).toEqual(userPoolRef());
        return group.Properties!.GroupName;
      });
      expect(groups.sort()).toEqual(RESTAURANTS.map((restaurant) => `staff-${restaurant.id}`).sort());
    });

    it("federates no identity pool (browsers get no AWS credentials)", () => {
      expect(resourcesOfType(app().template(Auth), "AWS::Cognito::IdentityPool")).toEqual([]);
    });
  });

  describe("deadline reconciler", () => {
    const reconcilerId = () => functionIdByHandler(app().template(Reconciler), "schedule/reconcileOrders");

    it("runs every minute on an EventBridge Scheduler schedule that may invoke only the reconciler", () => {
      const [, schedule] = only(Reconciler, "AWS::Scheduler::Schedule");
      expect(schedule.Properties!.ScheduleExpression).toBe("rate(1 minute)");
      expect(schedule.Properties!.State).toBe("ENABLED");
      expect(schedule.Properties!.Target.Arn).toEqual(getAtt(reconcilerId(), "Arn"));
      const roleId = schedule.Properties!.Target.RoleArn["Fn::GetAtt"][0];
      const statements = roleStatements(app(), Reconciler, roleId);
      const reconcilerArn = at(Reconciler, getAtt(reconcilerId(), "Arn"));
      expect(statements.flatMap((statement) => statement.actions)).toEqual(statements.map(() => "lambda:InvokeFunction"));
      for (const statement of statements) {
        for (const located of statement.resources) expect(JSON.stringify(located.value)).toContain(JSON.stringify(reconcilerArn.value).slice(1, -1));
      }
    });

    it("has a 30 s timeout, the table and topic, and exactly its permissions: Query on the in-flight and kitchen indexes, conditional updates, publish", () => {
      const template = app().template(Reconciler);
      const fn = resource(template, reconcilerId());
      expect(fn.Properties!.Timeout).toBe(30);
      const env = fn.Properties!.Environment.Variables;
      expect(locate(app(), Reconciler, env.ORDERS_TABLE_NAME)).toEqual(tableName());
      expect(locate(app(), Reconciler, env.ORDER_NOTIFICATIONS_TOPIC_ARN)).toEqual(topicArn());
      const statements = functionRoleStatements(app(), Reconciler, reconcilerId());
      const kitchenQuery = statements.filter((statement) => JSON.stringify(statement.resources).includes("/index/kitchenByRestaurant"));
      expect(grants(kitchenQuery)).toEqual(grant(["dynamodb:Query"], [indexArnIn(Reconciler, "kitchenByRestaurant")]));
      const query = statements.filter((statement) => statement.actions.includes("dynamodb:Query") && !kitchenQuery.includes(statement));
      expect(query).toHaveLength(1);
      expect(query[0]!.actions).toEqual(["dynamodb:Query"]);
      expect(query[0]!.resources).toHaveLength(1);
      // `${table ARN}/index/inFlightByDeadline`: the table's ARN imported from the Storage stack.
      const [separator, [tablePart, indexPart, ...rest]] = (query[0]!.resources[0]!.value as { "Fn::Join": [string, unknown[]] })["Fn::Join"];
      expect(separator).toBe("");
      expect(locate(app(), Reconciler, tablePart)).toEqual(tableArn());
      expect(indexPart).toBe("/index/inFlightByDeadline");
      expect(rest).toEqual([]);
      expect(grants(statements.filter((statement) => statement !== query[0] && !kitchenQuery.includes(statement)))).toEqual(
        [...XRAY_GRANTS, ...grant(["dynamodb:GetItem", "dynamodb:UpdateItem"], [tableArn()]), ...grant(["sns:Publish"], [topicArn()])].sort(),
      );
    });
  });

  describe("GraphQL API", () => {
    const graphqlApi = () => only(Api, "AWS::AppSync::GraphQLApi");

    it("authorizes with the API key by default, and also with the customers' user pool (the web app's client) and IAM", () => {
      const { AuthenticationType, AdditionalAuthenticationProviders } = graphqlApi()[1].Properties!;
      expect(AuthenticationType).toBe("API_KEY");
      expect(AdditionalAuthenticationProviders).toHaveLength(2);
      const [userPools, iam] = AdditionalAuthenticationProviders;
      expect(userPools.AuthenticationType).toBe("AMAZON_COGNITO_USER_POOLS");
      expect(locate(app(), Api, userPools.UserPoolConfig.UserPoolId)).toEqual(at(Auth, ref(only(Auth, "AWS::Cognito::UserPool")[0])));
      expect(locate(app(), Api, userPools.UserPoolConfig.AppIdClientRegex)).toEqual(at(Auth, ref(only(Auth, "AWS::Cognito::UserPoolClient")[0])));
      expect(iam).toEqual({ AuthenticationType: "AWS_IAM" });
    });

    it("names the auth modes of every object type and every Query, Mutation and Subscription field in the schema", () => {
      const document = parse(readFileSync(SCHEMA_FILE, "utf8"));
      const authDirectives = (directives: readonly ConstDirectiveNode[] | undefined) =>
        (directives ?? []).map((directive) => directive.name.value).filter((name) => AUTH_DIRECTIVES.includes(name));
      const objectTypes = document.definitions.flatMap((definition) => (definition.kind === Kind.OBJECT_TYPE_DEFINITION ? [definition] : []));
      expect(objectTypes.map((type) => type.name.value)).toEqual(expect.arrayContaining(["Query", "Mutation", "Order"]));
      for (const type of objectTypes) {
        if (["Query", "Mutation", "Subscription"].includes(type.name.value)) {
          for (const field of type.fields ?? []) expect(authDirectives(field.directives), `${type.name.value}.${field.name.value}`).not.toEqual([]);
        } else {
          expect(authDirectives(type.directives), type.name.value).not.toEqual([]);
        }
      }
      // Guests' reach is the API key's: the account-only operations are not open to it.
      const fieldModes = (typeName: string, fieldName: string) =>
        authDirectives(objectTypes.find((type) => type.name.value === typeName)!.fields!.find((field) => field.name.value === fieldName)!.directives);
      expect(fieldModes("Query", "myOrders")).toEqual(["aws_cognito_user_pools"]);
      expect(fieldModes("Query", "me")).toEqual(["aws_cognito_user_pools"]);
      expect(fieldModes("Mutation", "claimGuestOrders")).toEqual(["aws_cognito_user_pools"]);
    });

    it("authorizes with an API key that expires", () => {
      expect(graphqlApi()[1].Properties!.AuthenticationType).toBe("API_KEY");
      const [, apiKey] = only(Api, "AWS::AppSync::ApiKey");
      expect(apiKey.Properties!.ApiId).toEqual(getAtt(graphqlApi()[0], "ApiId"));
      const days = (apiKey.Properties!.Expires - Date.now() / 1000) / 86_400;
      // Expiry is "deploy time + N days", inside AppSync's 1 to 365 with margin; allow for the
      // minutes this test run has taken.
      expect(days).toBeGreaterThan(stage === "prod" ? 299 : 29);
      expect(days).toBeLessThanOrEqual(stage === "prod" ? 300 : 30);
    });

    it("logs resolver calls (prod: errors; dev: all) and traces with X-Ray", () => {
      const { LogConfig, XrayEnabled } = graphqlApi()[1].Properties!;
      expect(XrayEnabled).toBe(true);
      expect(LogConfig.FieldLogLevel).toBe(stage === "prod" ? "ERROR" : "ALL");
      expect(LogConfig.CloudWatchLogsRoleArn).toBeDefined();
      const [, retention] = only(Api, "Custom::LogRetention");
      expect(retention.Properties!.RetentionInDays).toBe(RETENTION_DAYS[stage]);
    });

    it("limits query depth to 10 and resolver invocations to 5 per request; introspection only outside prod", () => {
      const { QueryDepthLimit, ResolverCountLimit, IntrospectionConfig } = graphqlApi()[1].Properties!;
      expect(QueryDepthLimit).toBe(10);
      expect(ResolverCountLimit).toBe(5);
      expect(IntrospectionConfig).toBe(stage === "prod" ? "DISABLED" : "ENABLED");
      // The local API enforces the numbers of the same module.
      expect({ QueryDepthLimit, ResolverCountLimit }).toEqual({
        QueryDepthLimit: API_LIMITS.queryDepthLimit,
        ResolverCountLimit: API_LIMITS.resolverCountLimit,
      });
    });

    it(
      stage === "prod"
        ? "is behind a regional WAF web ACL: 413 over 8 KB, 1,000 requests per IP per 5 minutes, AWS common rules"
        : "has no web ACL (dev stages are not public)",
      () => {
        const webAcls = PIZZA_ORDERS_STACKS.flatMap((stackFn) => resourcesOfType(app().template(stackFn), "AWS::WAFv2::WebACL"));
        const associations = PIZZA_ORDERS_STACKS.flatMap((stackFn) => resourcesOfType(app().template(stackFn), "AWS::WAFv2::WebACLAssociation"));
        if (stage !== "prod") {
          expect(webAcls).toEqual([]);
          expect(associations).toEqual([]);
          return;
        }
        const [webAclId, webAcl] = only(Api, "AWS::WAFv2::WebACL");
        const [, association] = only(Api, "AWS::WAFv2::WebACLAssociation");
        expect(association.Properties).toEqual({ ResourceArn: getAtt(graphqlApi()[0], "Arn"), WebACLArn: getAtt(webAclId, "Arn") });
        expect(webAcl.Properties!.Scope).toBe("REGIONAL");
        expect(webAcl.Properties!.DefaultAction).toEqual({ Allow: {} });
        const rules = webAcl.Properties!.Rules as Array<Record<string, any>>;
        expect(rules.map((rule) => [rule.Priority, rule.Name])).toEqual([
          [0, "RequestBodySize"],
          [1, "RateLimitPerIp"],
          [2, "AWSManagedRulesCommonRuleSet"],
        ]);
        expect(rules[0]!.Statement.SizeConstraintStatement).toEqual({
          FieldToMatch: { Body: { OversizeHandling: "MATCH" } },
          ComparisonOperator: "GT",
          Size: 8192,
          TextTransformations: [{ Priority: 0, Type: "NONE" }],
        });
        expect(rules[0]!.Action.Block.CustomResponse.ResponseCode).toBe(413);
        expect(rules[1]!.Statement.RateBasedStatement).toEqual({ Limit: 1000, EvaluationWindowSec: 300, AggregateKeyType: "IP" });
        expect(rules[1]!.Action.Block.CustomResponse.ResponseCode).toBe(429);
        expect(rules[2]!.Statement.ManagedRuleGroupStatement).toEqual({ VendorName: "AWS", Name: "AWSManagedRulesCommonRuleSet" });
        expect(rules[2]!.OverrideAction).toEqual({ None: {} });
        const bodies = webAcl.Properties!.CustomResponseBodies as Record<string, { Content: string }>;
        expect(JSON.parse(bodies.PayloadTooLarge!.Content)).toEqual({
          errors: [{ errorType: "PayloadTooLargeException", message: "The request body is larger than 8192 bytes." }],
        });
      },
    );

    it("serves the one schema file", () => {
      const [, schema] = only(Api, "AWS::AppSync::GraphQLSchema");
      expect(schema.Properties!.Definition).toBe(readFileSync(SCHEMA_FILE, "utf8"));
    });

    it("resolves every Query, Mutation and Subscription field of the schema", () => {
      const schema = buildSchema([SCHEMA_FILE, APPSYNC_BUILTINS_FILE].map((file) => readFileSync(file, "utf8")).join("\n"));
      const operationFields = ["Query", "Mutation", "Subscription"].flatMap((typeName) => {
        const type = schema.getType(typeName);
        return isObjectType(type) ? Object.keys(type.getFields()).map((field) => `${typeName}.${field}`) : [];
      });
      const resolved = resourcesOfType(app().template(Api), "AWS::AppSync::Resolver").map(
        ([, resolver]) => `${resolver.Properties!.TypeName}.${resolver.Properties!.FieldName}`,
      );
      expect(resolved.sort()).toEqual(operationFields.sort());
    });

    it.each(API_RESOLVERS.map((resolver) => [`${resolver.typeName}.${resolver.fieldName}`, resolver] as const))(
      "%s is a Lambda resolver on its handler, behind the APPSYNC_JS code in graphql/lambdaResolver.js",
      (_, resolver) => {
        const template = app().template(Api);
        const [, fieldResolver] = resourcesOfType(template, "AWS::AppSync::Resolver").find(
          ([, candidate]) => candidate.Properties!.TypeName === resolver.typeName && candidate.Properties!.FieldName === resolver.fieldName,
        )!;
        expect(fieldResolver.Properties!.Kind).toBe("UNIT");
        expect(fieldResolver.Properties!.RequestMappingTemplate).toBeUndefined();
        expect(fieldResolver.Properties!.ResponseMappingTemplate).toBeUndefined();
        expect(fieldResolver.Properties!.Runtime).toEqual({ Name: "APPSYNC_JS", RuntimeVersion: "1.0.0" });
        expect(fieldResolver.Properties!.Code).toBe(readFileSync(LAMBDA_RESOLVER_CODE_FILE, "utf8"));
        const [, dataSource] = resourcesOfType(template, "AWS::AppSync::DataSource").find(
          ([, candidate]) => candidate.Properties!.Name === fieldResolver.Properties!.DataSourceName,
        )!;
        expect(dataSource.Properties!.Type).toBe("AWS_LAMBDA");
        expect(dataSource.Properties!.LambdaConfig.LambdaFunctionArn).toEqual(getAtt(functionIdByHandler(template, resolver.handler), "Arn"));
      },
    );

    // Only postOrder may delete (its own just-written QUEUED order, when the enqueue fails); the
    // history is read by a Query on the byCustomer index only, never on the table.
    const RESOLVER_PERMISSIONS: Record<
      string,
      { table: string[]; queriesHistory: boolean; sendsToQueue: boolean; queriesKitchen?: boolean; readsReceipts?: true }
    > = {
      menu: { table: [], queriesHistory: false, sendsToQueue: false },
      me: { table: [], queriesHistory: false, sendsToQueue: false },
      // Also looks up the order's receipt and presigns a link to it (receiptUrl).
      order: { table: ["dynamodb:GetItem"], queriesHistory: false, sendsToQueue: false, readsReceipts: true },
      orders: { table: [], queriesHistory: true, sendsToQueue: false },
      myOrders: { table: [], queriesHistory: true, sendsToQueue: false },
      // GetItem: a retried call with a client token reads its checkout attempt and the order it placed.
      // UpdateItem: the restaurant's order-number counter; the kitchen index: closed/full and the ETA.
      postOrder: {
        table: ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:DeleteItem", "dynamodb:UpdateItem"],
        queriesHistory: false,
        sendsToQueue: true,
        queriesKitchen: true,
      },
      restaurant: { table: ["dynamodb:GetItem"], queriesHistory: false, sendsToQueue: false, queriesKitchen: true },
      kitchenOrders: { table: [], queriesHistory: false, sendsToQueue: false, queriesKitchen: true },
      pickupBoard: { table: [], queriesHistory: false, sendsToQueue: false, queriesKitchen: true },
      advanceOrder: { table: ["dynamodb:GetItem", "dynamodb:UpdateItem"], queriesHistory: false, sendsToQueue: false },
      cancelOrderByShop: { table: ["dynamodb:GetItem", "dynamodb:UpdateItem"], queriesHistory: false, sendsToQueue: false },
      updateRestaurantSettings: { table: ["dynamodb:GetItem", "dynamodb:UpdateItem"], queriesHistory: false, sendsToQueue: false, queriesKitchen: true },
      orderAgain: {
        table: ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:DeleteItem", "dynamodb:UpdateItem"],
        queriesHistory: false,
        sendsToQueue: true,
        queriesKitchen: true,
      },
      retryPayment: { table: ["dynamodb:GetItem", "dynamodb:UpdateItem"], queriesHistory: false, sendsToQueue: true },
      updateOrder: { table: ["dynamodb:GetItem", "dynamodb:UpdateItem"], queriesHistory: false, sendsToQueue: false },
      cancelOrder: { table: ["dynamodb:GetItem", "dynamodb:UpdateItem"], queriesHistory: false, sendsToQueue: false },
      deleteOrder: { table: ["dynamodb:GetItem", "dynamodb:UpdateItem"], queriesHistory: false, sendsToQueue: false },
      claimGuestOrders: { table: ["dynamodb:GetItem", "dynamodb:UpdateItem"], queriesHistory: false, sendsToQueue: false },
      // Subscription resolvers: the order channel reads the watched order to authorise; the others decide from the identity alone.
      onOrderUpdate: { table: ["dynamodb:GetItem"], queriesHistory: false, sendsToQueue: false },
      onCustomerOrderUpdates: { table: [], queriesHistory: false, sendsToQueue: false },
      onRestaurantOrderUpdates: { table: [], queriesHistory: false, sendsToQueue: false },
    };
    /** The name under which Storage exports a value (a cross-stack reference). */
    const storageExport = (value: unknown) => {
      const outputs: Record<string, { Value: unknown; Export?: { Name: string } }> = app().template(Storage).toJSON().Outputs ?? {};
      return Object.values(outputs).find((output) => JSON.stringify(output.Value) === JSON.stringify(value))!.Export!.Name;
    };
    /** The byCustomer index's ARN as the Api stack builds it: the table ARN Storage exports, plus the index path. */
    const historyIndexArn = () =>
      at(Api, { "Fn::Join": ["", [{ "Fn::ImportValue": storageExport(getAtt(only(Storage, "AWS::DynamoDB::Table")[0], "Arn")) }, "/index/byCustomer"]] });
    /** The receipt objects (receipts/*) of the receipts bucket, as a stack that imports the bucket's ARN names them. */
    const receiptObjectsArn = () =>
      at(Api, { "Fn::Join": ["", [{ "Fn::ImportValue": storageExport(getAtt(only(Storage, "AWS::S3::Bucket")[0], "Arn")) }, "/receipts/*"]] });

    it("resolves publishOrderUpdate on a NONE data source that returns the update as given (no function runs)", () => {
      const template = app().template(Api);
      const [, publish] = resourcesOfType(template, "AWS::AppSync::Resolver").find(
        ([, candidate]) => candidate.Properties!.TypeName === "Mutation" && candidate.Properties!.FieldName === "publishOrderUpdate",
      )!;
      const [, dataSource] = resourcesOfType(template, "AWS::AppSync::DataSource").find(
        ([, candidate]) => candidate.Properties!.Name === publish.Properties!.DataSourceName,
      )!;
      expect(dataSource.Properties!.Type).toBe("NONE");
      expect(dataSource.Properties!.ServiceRoleArn).toBeUndefined();
      expect(JSON.parse(publish.Properties!.RequestMappingTemplate.replace("$util.toJson($context.arguments.update)", '"UPDATE"'))).toEqual({
        version: "2018-05-29",
        payload: "UPDATE",
      });
      expect(publish.Properties!.ResponseMappingTemplate).toBe("$util.toJson($context.result)");
    });

    it("runs a resolver on each subscription field when a subscription starts (each its own function)", () => {
      const template = app().template(Api);
      const subscriptionResolvers = resourcesOfType(template, "AWS::AppSync::Resolver").filter(
        ([, candidate]) => candidate.Properties!.TypeName === "Subscription",
      );
      expect(subscriptionResolvers.map(([, resolver]) => resolver.Properties!.FieldName).sort()).toEqual([
        "onCustomerOrderUpdates",
        "onOrderUpdate",
        "onRestaurantOrderUpdates",
      ]);
      for (const [, resolver] of subscriptionResolvers) {
        const [, dataSource] = resourcesOfType(template, "AWS::AppSync::DataSource").find(
          ([, candidate]) => candidate.Properties!.Name === resolver.Properties!.DataSourceName,
        )!;
        expect(dataSource.Properties!.Type).toBe("AWS_LAMBDA");
        const functionId = (dataSource.Properties!.LambdaConfig.LambdaFunctionArn as { "Fn::GetAtt": [string, string] })["Fn::GetAtt"][0];
        expect(resource(template, functionId).Properties!.Handler).toBe(`packages/functions/src/api/${resolver.Properties!.FieldName}.handler`);
      }
    });

    it("has a permission expectation for every resolver", () => {
      expect(Object.keys(RESOLVER_PERMISSIONS).sort()).toEqual(API_RESOLVERS.map((resolver) => resolver.fieldName).sort());
    });

    it.each(Object.entries(RESOLVER_PERMISSIONS))("%s gets exactly its table/queue actions and configuration", (fieldName, expected) => {
      const resolver = API_RESOLVERS.find((candidate) => candidate.fieldName === fieldName)!;
      const functionId = functionIdByHandler(app().template(Api), resolver.handler);
      const ordersQueueArn = at(OrdersQueue, getAtt(queues().orders[0], "Arn"));
      expect(grants(functionRoleStatements(app(), Api, functionId))).toEqual(
        [
          ...XRAY_GRANTS,
          ...grant(expected.table, [tableArn()]),
          ...(expected.queriesHistory ? grant(["dynamodb:Query"], [historyIndexArn()]) : []),
          ...(expected.queriesKitchen ? grant(["dynamodb:Query"], [indexArnIn(Api, "kitchenByRestaurant")]) : []),
          ...(expected.sendsToQueue ? grant(["sqs:SendMessage"], [ordersQueueArn]) : []),
          ...(expected.readsReceipts
            ? [
                ...grant(["s3:GetObject"], [receiptObjectsArn()]),
                ...grant(["s3:ListBucket"], [at(Storage, getAtt(only(Storage, "AWS::S3::Bucket")[0], "Arn"))]),
              ]
            : []),
        ].sort(),
      );
      const env = resource(app().template(Api), functionId).Properties!.Environment.Variables;
      if (expected.table.length > 0 || expected.queriesHistory || expected.queriesKitchen)
        expect(locate(app(), Api, env.ORDERS_TABLE_NAME)).toEqual(tableName());
      else expect(env.ORDERS_TABLE_NAME).toBeUndefined();
      if (expected.sendsToQueue) expect(locate(app(), Api, env.ORDERS_QUEUE_URL)).toEqual(at(OrdersQueue, ref(queues().orders[0])));
      else expect(env.ORDERS_QUEUE_URL).toBeUndefined();
      if (expected.readsReceipts) expect(locate(app(), Api, env.RECEIPTS_BUCKET_NAME)).toEqual(at(Storage, ref(only(Storage, "AWS::S3::Bucket")[0])));
      else expect(env.RECEIPTS_BUCKET_NAME).toBeUndefined();
    });
  });

  describe("receipts bucket", () => {
    const bucket = () => only(Storage, "AWS::S3::Bucket");

    it("blocks every kind of public access and owns its objects (no ACLs)", () => {
      expect(bucket()[1].Properties!.PublicAccessBlockConfiguration).toEqual({
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      });
      expect(bucket()[1].Properties!.OwnershipControls).toEqual({ Rules: [{ ObjectOwnership: "BucketOwnerEnforced" }] });
    });

    it("encrypts every object at rest (SSE-S3)", () => {
      expect(bucket()[1].Properties!.BucketEncryption).toEqual({
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: "AES256" } }],
      });
    });

    it("denies any request without TLS, and TLS older than 1.2, and allows nobody anything", () => {
      const [bucketId] = bucket();
      const [, policy] = resourcesOfType(app().template(Storage), "AWS::S3::BucketPolicy").find(
        ([, candidate]) => JSON.stringify(candidate.Properties!.Bucket) === JSON.stringify(ref(bucketId)),
      )!;
      const statements = policy.Properties!.PolicyDocument.Statement as Array<Record<string, unknown>>;
      const bucketAndObjects = [getAtt(bucketId, "Arn"), { "Fn::Join": ["", [getAtt(bucketId, "Arn"), "/*"]] }];
      expect(statements).toContainEqual({
        Action: "s3:*",
        Condition: { Bool: { "aws:SecureTransport": "false" } },
        Effect: "Deny",
        Principal: { AWS: "*" },
        Resource: bucketAndObjects,
      });
      expect(statements).toContainEqual({
        Action: "s3:*",
        Condition: { NumericLessThan: { "s3:TlsVersion": 1.2 } },
        Effect: "Deny",
        Principal: { AWS: "*" },
        Resource: bucketAndObjects,
      });
      expect(statements.filter((statement) => statement.Effect === "Allow")).toEqual([]);
    });

    it(`ends each receipt after ${stage === "prod" ? "7 years" : "30 days"} (lifecycle rule on receipts/) and drops unfinished uploads after a day`, () => {
      expect(bucket()[1].Properties!.LifecycleConfiguration).toEqual({
        Rules: [
          {
            Id: "ExpireReceipts",
            Prefix: "receipts/",
            ExpirationInDays: stage === "prod" ? 2557 : 30,
            AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 },
            Status: "Enabled",
          },
        ],
      });
    });

    it(stage === "prod" ? "is retained with the stage's data" : "is removed with a disposable stage", () => {
      expect(bucket()[1].DeletionPolicy).toBe(stage === "prod" ? "Retain" : "Delete");
    });
  });

  describe("notifications topic", () => {
    it("is encrypted with the AWS-managed SNS key", () => {
      const keyId = only(Notifications, "AWS::SNS::Topic")[1].Properties!.KmsMasterKeyId;
      // CDK writes the alias as an ARN: arn:${Partition}:kms:<region>:<account>:alias/aws/sns
      const [separator, parts] = keyId["Fn::Join"];
      expect(parts.map((part: unknown) => (typeof part === "string" ? part : "<partition>")).join(separator)).toBe(
        "arn:<partition>:kms:us-east-1:123456789012:alias/aws/sns",
      );
    });

    it("has no policy statement that allows anyone, and denies requests without TLS", () => {
      const statements = resourcesOfType(app().template(Notifications), "AWS::SNS::TopicPolicy").flatMap(
        ([, policy]) => policy.Properties!.PolicyDocument.Statement,
      );
      expect(statements.filter((statement: { Effect: string }) => statement.Effect === "Allow")).toEqual([]);
      expect(statements).toContainEqual(expect.objectContaining({ Effect: "Deny", Condition: { Bool: { "aws:SecureTransport": "false" } } }));
    });

    it("has no e-mail subscription when ORDER_NOTIFICATION_EMAIL is unset", () => {
      for (const stack of PIZZA_ORDERS_STACKS) expect(resourcesOfType(app().template(stack), "AWS::SNS::Subscription")).toEqual([]);
    });
  });

  describe("web site", () => {
    it("is built with the API's URL, the web key and the user pool's ids as VITE_ variables", () => {
      const [, uploader] = only(Site, "Custom::S3Uploader");
      const replaced = Object.fromEntries(
        (uploader.Properties!.replaceValues as { files: string; search: string; replace: unknown }[])
          .filter((replacement) => replacement.files === "**/*.js")
          .map((replacement) => [replacement.search, locate(app(), Site, replacement.replace)]),
      );
      const apiId = graphqlApiId();
      expect(replaced).toEqual({
        "{{ VITE_GRAPHQL_URL }}": at(Api, getAtt(apiId, "GraphQLUrl")),
        "{{ VITE_GRAPHQL_API_KEY }}": at(Site, getAtt(only(Site, "AWS::AppSync::ApiKey")[0], "ApiKey")),
        "{{ VITE_COGNITO_USER_POOL_ID }}": at(Auth, ref(only(Auth, "AWS::Cognito::UserPool")[0])),
        "{{ VITE_COGNITO_CLIENT_ID }}": at(Auth, ref(only(Auth, "AWS::Cognito::UserPoolClient")[0])),
      });
    });

    it("serves the build output from a private bucket through CloudFront, over TLS only", () => {
      const [, bucket] = only(Site, "AWS::S3::Bucket");
      expect(bucket.Properties!.PublicAccessBlockConfiguration).toEqual({
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      });
      const [, distribution] = only(Site, "AWS::CloudFront::Distribution");
      expect(distribution.Properties!.DistributionConfig.DefaultCacheBehavior.ViewerProtocolPolicy).toBe("redirect-to-https");
    });

    const graphqlApiId = () => only(Api, "AWS::AppSync::GraphQLApi")[0];
  });

  describe("order changes stream", () => {
    const consumerId = () => functionIdByHandler(app().template(OrderChanges), "stream/orderChanges");
    const streamArn = () => at(Storage, getAtt(only(Storage, "AWS::DynamoDB::Table")[0], "StreamArn"));
    const deadLetterQueue = () => only(OrderChanges, "AWS::SQS::Queue");

    it("the orders table streams every write with old and new images", () => {
      expect(only(Storage, "AWS::DynamoDB::Table")[1].Properties!.StreamSpecification).toEqual({ StreamViewType: "NEW_AND_OLD_IMAGES" });
    });

    it("the consumer reads it from the oldest record in batches of 25, bisecting, 5 retries, records up to 6 h old, partial batch failures, failures to the DLQ", () => {
      const [, mapping] = only(OrderChanges, "AWS::Lambda::EventSourceMapping");
      const properties = mapping.Properties!;
      expect(locate(app(), OrderChanges, properties.EventSourceArn)).toEqual(streamArn());
      expect(properties.FunctionName).toEqual(ref(consumerId()));
      expect(properties).toMatchObject({
        StartingPosition: "TRIM_HORIZON",
        BatchSize: 25,
        BisectBatchOnFunctionError: true,
        MaximumRetryAttempts: 5,
        MaximumRecordAgeInSeconds: 6 * 60 * 60,
        FunctionResponseTypes: ["ReportBatchItemFailures"],
        DestinationConfig: { OnFailure: { Destination: getAtt(deadLetterQueue()[0], "Arn") } },
      });
    });

    it("the dead-letter destination is encrypted, SSL-only and keeps messages 14 days", () => {
      const [queueId, queue] = deadLetterQueue();
      expect(queue.Properties!).toMatchObject({ SqsManagedSseEnabled: true, MessageRetentionPeriod: 14 * 24 * 60 * 60 });
      const policies = resourcesOfType(app().template(OrderChanges), "AWS::SQS::QueuePolicy").filter(
        ([, policy]) => JSON.stringify(policy.Properties!.Queues) === JSON.stringify([ref(queueId)]),
      );
      expect(policies).toHaveLength(1);
      expect(policies[0]![1].Properties!.PolicyDocument.Statement).toContainEqual(
        expect.objectContaining({ Effect: "Deny", Action: "sqs:*", Condition: { Bool: { "aws:SecureTransport": "false" } }, Principal: { AWS: "*" } }),
      );
    });

    it("the consumer may read only the orders table's stream, send only to its DLQ, call only publishOrderUpdate and put events only on the order events bus", () => {
      const all = functionRoleStatements(app(), OrderChanges, consumerId());
      const publishing = all.filter((statement) => statement.actions.some((action) => action.startsWith("appsync:")));
      const statements = all.filter((statement) => !publishing.includes(statement));
      expect(publishing).toHaveLength(1);
      expect(publishing[0]!.actions).toEqual(["appsync:GraphQL"]);
      expect(publishing[0]!.resources).toHaveLength(1);
      expect(JSON.stringify(publishing[0]!.resources[0])).toMatch(/\/types\/Mutation\/fields\/publishOrderUpdate"/);
      const dlqArn = at(OrderChanges, getAtt(deadLetterQueue()[0], "Arn"));
      expect(grants(statements)).toEqual(
        [
          ...grant(["dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator"], [streamArn()]),
          ...grant(["dynamodb:ListStreams"], [{ stack: "", value: "*" }]),
          ...grant(["sqs:SendMessage", "sqs:GetQueueAttributes", "sqs:GetQueueUrl"], [dlqArn]),
          ...grant(["events:PutEvents"], [at(OrderEvents, getAtt(only(OrderEvents, "AWS::Events::EventBus")[0], "Arn"))]),
          ...XRAY_GRANTS,
        ].sort(),
      );
    });
  });

  describe("order events bus", () => {
    const template = () => app().template(OrderEvents);
    const busId = () => only(OrderEvents, "AWS::Events::EventBus")[0];
    const listenerRules = [
      { rule: CUSTOMER_EMAIL_RULE, handler: "events/customerEmail", onOrderBus: true },
      { rule: CUSTOMER_EMAIL_SENT_RULE, handler: "events/recordEmailAccepted", onOrderBus: false },
      { rule: RECEIPTS_RULE, handler: "receipts/writeReceipt", onOrderBus: true },
    ];
    const ruleOf = (name: string) => {
      const found = resourcesOfType(template(), "AWS::Events::Rule").filter(([id]) => id.startsWith(`${name}Rule`));
      expect(found, `rule ${name}`).toHaveLength(1);
      return found[0]![1];
    };
    const emailFunctionId = () => functionIdByHandler(template(), "events/customerEmail");
    const identityId = () => only(OrderEvents, "AWS::SES::EmailIdentity")[0];

    it("is a custom bus with an archive of all its events (30 days; a year in prod)", () => {
      const [, archive] = only(OrderEvents, "AWS::Events::Archive");
      expect(archive.Properties!.SourceArn).toEqual(getAtt(busId(), "Arn"));
      expect(archive.Properties!.RetentionDays).toBe(stage === "prod" ? 365 : 30);
    });

    it("has one rule per listener whose pattern is the very object local mode matches with, on the order bus (SES's Send events: the default bus)", () => {
      expect(listenerRules.map(({ rule }) => rule.name)).toEqual(["CustomerEmail", "CustomerEmailSent", "Receipts"]);
      for (const { rule, onOrderBus } of listenerRules) {
        const properties = ruleOf(rule.name).Properties!;
        expect(properties.EventPattern).toEqual(rule.pattern);
        if (onOrderBus) expect(properties.EventBusName).toEqual(ref(busId()));
        else expect(properties.EventBusName ?? "default").toBe("default");
      }
    });

    it("every target: its own encrypted, SSL-only dead-letter queue, EventBridge's retry policy, and Lambda's async retries ending in the same queue", () => {
      for (const { rule, handler } of listenerRules) {
        const functionId = functionIdByHandler(template(), handler);
        const [target] = ruleOf(rule.name).Properties!.Targets;
        expect(target.Arn).toEqual(getAtt(functionId, "Arn"));
        expect(target.RetryPolicy).toEqual({ MaximumRetryAttempts: 8, MaximumEventAgeInSeconds: 3600 });
        const queueId: string = target.DeadLetterConfig.Arn["Fn::GetAtt"][0];
        expect(resource(template(), queueId).Properties!).toMatchObject({ SqsManagedSseEnabled: true, MessageRetentionPeriod: 14 * 24 * 60 * 60 });
        const invokeConfigs = resourcesOfType(template(), "AWS::Lambda::EventInvokeConfig").filter(
          ([, config]) => JSON.stringify(config.Properties!.FunctionName) === JSON.stringify(ref(functionId)),
        );
        expect(invokeConfigs).toHaveLength(1);
        expect(invokeConfigs[0]![1].Properties!).toMatchObject({
          MaximumRetryAttempts: 2,
          DestinationConfig: { OnFailure: { Destination: getAtt(queueId, "Arn") } },
        });
      }
    });

    it("sends customer e-mail through the stage's SES identity, whose configuration set publishes Send events to EventBridge", () => {
      const [, identity] = only(OrderEvents, "AWS::SES::EmailIdentity");
      expect(identity.Properties!.EmailIdentity).toBe(`orders@${stage}.pizza-orders.invalid`);
      const [setId, set] = only(OrderEvents, "AWS::SES::ConfigurationSet");
      expect(identity.Properties!.ConfigurationSetAttributes).toEqual({ ConfigurationSetName: ref(setId) });
      const [, destination] = only(OrderEvents, "AWS::SES::ConfigurationSetEventDestination");
      expect(destination.Properties!.EventDestination).toMatchObject({ Enabled: true, MatchingEventTypes: ["send"] });
      expect(JSON.stringify(destination.Properties!.EventDestination.EventBridgeDestination)).toContain("event-bus/default");
      const variables = resource(template(), emailFunctionId()).Properties!.Environment.Variables;
      expect(variables).toMatchObject({
        CUSTOMER_EMAIL_TRANSPORT: "ses",
        CUSTOMER_EMAIL_FROM: identity.Properties!.EmailIdentity,
        SES_CONFIGURATION_SET: ref(setId),
      });
      expect(set.Properties!.Name).toBe(`${stage}-pizza-orders-customer-email`);
    });

    it("the e-mail function may send only through that identity and configuration set, and read and update only the orders table", () => {
      const statements = functionRoleStatements(app(), OrderEvents, emailFunctionId());
      const ses = statements.filter((statement) => statement.actions.some((action) => action.startsWith("ses:")));
      expect(ses.flatMap((statement) => statement.actions)).toEqual(["ses:SendEmail"]);
      const sesResources = JSON.stringify(ses.flatMap((statement) => statement.resources));
      expect(sesResources).toContain(`identity/`);
      expect(sesResources).toContain(JSON.stringify(ref(identityId())).slice(1, -1));
      expect(sesResources).toContain("configuration-set/");
      expect(sesResources).not.toContain('"*"');
      const dynamo = statements.filter((statement) => statement.actions.some((action) => action.startsWith("dynamodb:")));
      expect(grants(dynamo)).toEqual(grant(["dynamodb:GetItem", "dynamodb:UpdateItem"], [tableArn()]));
    });
  });

  describe("receipts listener", () => {
    it("is the Receipts rule's target on completion and on refund, and may only read orders and put objects under the receipts bucket's receipts/ prefix", () => {
      expect(RECEIPTS_RULE.pattern).toEqual({ source: ["pizza-orders.orders"], detail: { status: ["COMPLETED", "REFUNDED"] } });
      const template = app().template(OrderEvents);
      const functionId = functionIdByHandler(template, "receipts/writeReceipt");
      const [bucketId] = only(Storage, "AWS::S3::Bucket");
      const storageExport = (value: unknown) => {
        const outputs: Record<string, { Value: unknown; Export?: { Name: string } }> = app().template(Storage).toJSON().Outputs ?? {};
        return Object.values(outputs).find((output) => JSON.stringify(output.Value) === JSON.stringify(value))!.Export!.Name;
      };
      const receiptObjects = at(OrderEvents, { "Fn::Join": ["", [{ "Fn::ImportValue": storageExport(getAtt(bucketId, "Arn")) }, "/receipts/*"]] });
      // Besides: Lambda's async on-failure destination, the target's own dead-letter queue.
      const [invokeConfig] = resourcesOfType(template, "AWS::Lambda::EventInvokeConfig").filter(
        ([, config]) => JSON.stringify(config.Properties!.FunctionName) === JSON.stringify(ref(functionId)),
      );
      const deadLetterQueueArn = at(OrderEvents, invokeConfig![1].Properties!.DestinationConfig.OnFailure.Destination);
      expect(grants(functionRoleStatements(app(), OrderEvents, functionId))).toEqual(
        [
          ...XRAY_GRANTS,
          ...grant(["dynamodb:GetItem"], [tableArn()]),
          ...grant(["s3:PutObject"], [receiptObjects]),
          ...grant(["sqs:SendMessage", "sqs:GetQueueAttributes", "sqs:GetQueueUrl"], [deadLetterQueueArn]),
        ].sort(),
      );
      const env = resource(template, functionId).Properties!.Environment.Variables;
      expect(locate(app(), OrderEvents, env.RECEIPTS_BUCKET_NAME)).toEqual(at(Storage, ref(bucketId)));
      expect(locate(app(), OrderEvents, env.ORDERS_TABLE_NAME)).toEqual(tableName());
    });
  });

  describe("live status publishing", () => {
    it("the stream consumer finds the API at ORDERS_API_URL (the Api stack's GraphQL URL)", () => {
      const consumerId = functionIdByHandler(app().template(OrderChanges), "stream/orderChanges");
      const url = resource(app().template(OrderChanges), consumerId).Properties!.Environment.Variables.ORDERS_API_URL;
      expect(locate(app(), OrderChanges, url)).toEqual(at(Api, getAtt(only(Api, "AWS::AppSync::GraphQLApi")[0], "GraphQLUrl")));
    });

    it("no other function may call the API with IAM", () => {
      const callers = PIZZA_ORDERS_STACKS.flatMap((stack) =>
        resourcesOfType(app().template(stack), "AWS::IAM::Policy")
          .filter(([, policy]) => JSON.stringify(policy.Properties!.PolicyDocument).includes("appsync:"))
          .map(([id]) => `${stack.name} ${id}`),
      );
      expect(callers).toHaveLength(1);
      expect(callers[0]).toMatch(/^OrderChanges OrderChangesConsumer/);
    });
  });

  describe("all functions", () => {
    const functions = () => PIZZA_ORDERS_STACKS.flatMap((stack) => appFunctions(app().template(stack)).map(([id, fn]) => ({ stack, id, fn })));

    it("are one per handler: 4 workflow tasks, the queue consumer, the stream consumer, the deadline reconciler, one per resolver (subscriptions included), the customer e-mail and its SES Send-event recorder", () => {
      expect(
        functions()
          .map(({ fn }) => fn.Properties!.Handler)
          .sort(),
      ).toEqual(
        [
          ...Object.values(WORKFLOW_TASKS),
          "queue/startOrderWorkflow",
          "stream/orderChanges",
          "schedule/reconcileOrders",
          "events/customerEmail",
          "events/recordEmailAccepted",
          "receipts/writeReceipt",
          ...API_RESOLVERS.map((resolver) => resolver.handler),
        ]
          .map((handler) => `packages/functions/src/${handler}.handler`)
          .sort(),
      );
    });

    it("are the function manifest's functions (APP_FUNCTIONS), each with its timeout", () => {
      const deployed = functions().map(({ fn }) => `${fn.Properties!.Handler} ${fn.Properties!.Timeout} s`);
      expect(deployed.sort()).toEqual(APP_FUNCTIONS.map((fn) => `${handlerPath(fn.handler)} ${fn.timeoutSeconds} s`).sort());
    });

    it("run Node.js 24 on arm64 with active tracing and source maps", () => {
      for (const { id, fn } of functions()) {
        expect(fn.Properties!.Runtime, id).toBe("nodejs24.x");
        expect(fn.Properties!.Architectures, id).toEqual(["arm64"]);
        expect(fn.Properties!.TracingConfig, id).toEqual({ Mode: "Active" });
        expect(fn.Properties!.Environment.Variables.NODE_OPTIONS, id).toBe("--enable-source-maps");
      }
    });

    it(`log to their own log group kept ${RETENTION_DAYS[stage]} days`, () => {
      for (const { stack, id, fn } of functions()) {
        const logGroupId = fn.Properties!.LoggingConfig.LogGroup.Ref;
        const logGroup = resource(app().template(stack), logGroupId);
        expect(logGroup.Type, id).toBe("AWS::Logs::LogGroup");
        expect(logGroup.Properties!.RetentionInDays, id).toBe(RETENTION_DAYS[stage]);
        expect(logGroup.DeletionPolicy, id).toBe(stage === "prod" ? "Retain" : "Delete");
      }
    });
  });

  describe("IAM across the app", () => {
    const allStatements = () =>
      PIZZA_ORDERS_STACKS.flatMap((stack) => {
        const template = app().template(stack);
        const policies = resourcesOfType(template, "AWS::IAM::Policy").map(([, policy]) => policy.Properties!.PolicyDocument);
        const inline = resourcesOfType(template, "AWS::IAM::Role").flatMap(([, role]) =>
          (role.Properties!.Policies ?? []).map((policy: { PolicyDocument: unknown }) => policy.PolicyDocument),
        );
        return [...policies, ...inline].flatMap((document: any) => document.Statement as any[]).map((statement) => ({ stack: stack.name, statement }));
      });

    it("grants no service-wide action (like dynamodb:* or sqs:*)", () => {
      for (const { stack, statement } of allStatements()) {
        for (const action of [statement.Action].flat()) expect(action, `${stack}: ${JSON.stringify(statement)}`).not.toMatch(/(^\*$|:\*$)/);
      }
    });

    it('grants nothing on Resource "*" except logging and tracing actions (and the stream consumer\'s dynamodb:ListStreams)', () => {
      const onEverything = allStatements().filter(({ statement }) => [statement.Resource].flat().includes("*"));
      expect(onEverything.length).toBeGreaterThan(0);
      for (const { stack, statement } of onEverything) {
        // ListStreams has no resource-level permissions; Lambda's stream poller needs it, and it reads no data.
        const allowed = stack === OrderChanges.name ? /^(xray:|logs:|dynamodb:ListStreams$)/ : /^(xray|logs):/;
        for (const action of [statement.Action].flat()) expect(action, `${stack}: ${JSON.stringify(statement)}`).toMatch(allowed);
      }
    });
  });

  describeOperations(stage, app);
});

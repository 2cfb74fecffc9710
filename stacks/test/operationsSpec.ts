// What an operator relies on, asserted on the synthesized app of one stage: alarms (each with the
// alarm topic as its action), the pipeline dashboard, log retention, tracing, the web API key's
// expiry and rotation shape, and cfn-lint over every template. Called from pizzaOrdersApp.test.ts
// (which synthesizes each stage once) so no extra synthesis is paid for.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { OrderStatus } from "../../packages/core/src/order/rules";
import { METRIC, METRICS_NAMESPACE, MILESTONE_METRICS } from "../../packages/functions/src/observability/metricNames";
import { Api } from "../Api";
import { PIZZA_ORDERS_STACKS } from "../index";
import { Monitoring } from "../Monitoring";
import { OrderChanges } from "../OrderChanges";
import { OrderEvents } from "../OrderEvents";
import { OrdersQueue } from "../OrdersQueue";
import { PROJECT_ROOT } from "../offlineSynth";
import { Site } from "../Site";
import { Storage } from "../Storage";
import { Workflow } from "../Workflow";
import { cfnLint } from "./cfnLint";
import { EVENT_LISTENER_FUNCTIONS, FUNCTION_COUNT } from "./functionCount";
import type { PizzaOrdersStack, SynthesizedApp } from "./synthesizedApp";
import { appFunctions, type CfnResource, getAtt, type Located, locate, ref, resource, resourcesOfType } from "./templateQueries";

const RETENTION_DAYS = { dev: 7, prod: 90 } as const;
const API_KEY_DAYS = { dev: 30, prod: 300 } as const;
const DAY_SECONDS = 86_400;

/** A metric as an alarm or the dashboard names it, dimensions followed to their defining stack. */
interface MetricRef {
  namespace: string;
  name: string;
  dimensions: Record<string, Located>;
}

export function describeOperations(stage: "dev" | "prod", synthesized: () => SynthesizedApp): void {
  const app = synthesized;
  const at = (stack: PizzaOrdersStack, value: unknown): Located => ({ stack: app().stackName(stack), value });
  const only = (stack: PizzaOrdersStack, type: string): [string, CfnResource] => {
    const found = resourcesOfType(app().template(stack), type);
    expect(found, `${type} in ${stack.name}`).toHaveLength(1);
    return found[0]!;
  };
  const allFunctions = () => PIZZA_ORDERS_STACKS.flatMap((stack) => appFunctions(app().template(stack)).map(([id, fn]) => ({ stack, id, fn })));
  const queueIds = () => {
    const queues = resourcesOfType(app().template(OrdersQueue), "AWS::SQS::Queue");
    const orders = queues.find(([, queue]) => queue.Properties!.QueueName === `${stage}-pizza-orders-ordersQueue`)!;
    const deadLetter = queues.find((entry) => entry !== orders)!;
    return { orders: orders[0], deadLetter: deadLetter[0] };
  };
  const apiId = () => at(Api, getAtt(only(Api, "AWS::AppSync::GraphQLApi")[0], "ApiId"));
  const stateMachineArn = () => at(Workflow, ref(only(Workflow, "AWS::StepFunctions::StateMachine")[0]));
  const alarms = () =>
    PIZZA_ORDERS_STACKS.flatMap((stack) => resourcesOfType(app().template(stack), "AWS::CloudWatch::Alarm").map(([id, alarm]) => ({ stack, id, alarm })));
  const metricOf = (
    stack: PizzaOrdersStack,
    metric: { Namespace: string; MetricName: string; Dimensions?: { Name: string; Value: unknown }[] },
  ): MetricRef => ({
    namespace: metric.Namespace,
    name: metric.MetricName,
    dimensions: Object.fromEntries((metric.Dimensions ?? []).map((dimension) => [dimension.Name, locate(app(), stack, dimension.Value)])),
  });
  /** Every metric an alarm reads (a single metric, or each metric of its math expression). */
  const alarmMetrics = ({ stack, alarm }: { stack: PizzaOrdersStack; alarm: CfnResource }): MetricRef[] =>
    alarm.Properties!.MetricName
      ? [metricOf(stack, alarm.Properties as any)]
      : (alarm.Properties!.Metrics as any[]).filter((entry) => entry.MetricStat).map((entry) => metricOf(stack, entry.MetricStat.Metric));
  const alarmNamed = (name: string) => {
    const found = alarms().find(({ alarm }) => alarm.Properties!.AlarmName === `${stage}-pizza-orders-${name}`);
    expect(found, `alarm ${name}`).toBeDefined();
    return found!;
  };

  describe("alarms", () => {
    if (stage === "prod") {
      const topicId = () => only(Monitoring, "AWS::SNS::Topic")[0];

      it("all live in the Monitoring stack and notify the alarm topic when they fire and when they recover", () => {
        expect(alarms().length).toBeGreaterThan(0);
        for (const { stack, alarm } of alarms()) {
          expect(stack, alarm.Properties!.AlarmName).toBe(Monitoring);
          expect(alarm.Properties!.AlarmActions, alarm.Properties!.AlarmName).toEqual([ref(topicId())]);
          expect(alarm.Properties!.OKActions, alarm.Properties!.AlarmName).toEqual([ref(topicId())]);
          expect(alarm.Properties!.TreatMissingData).toBe("notBreaching");
          expect(alarm.Properties!.AlarmDescription).toBeTruthy();
        }
      });

      it("lets CloudWatch (of this account only) publish to the alarm topic, and no one else", () => {
        const [, policy] = only(Monitoring, "AWS::SNS::TopicPolicy");
        const allows = policy.Properties!.PolicyDocument.Statement.filter((statement: { Effect: string }) => statement.Effect === "Allow");
        expect(allows).toEqual([
          {
            Action: "sns:Publish",
            Condition: { StringEquals: { "aws:SourceAccount": "123456789012" } },
            Effect: "Allow",
            Principal: { Service: "cloudwatch.amazonaws.com" },
            Resource: ref(topicId()),
            Sid: expect.any(String),
          },
        ]);
      });

      it("fire on any message in the dead-letter queue", () => {
        const alarm = alarmNamed("OrdersDeadLetterQueueNotEmpty");
        expect(alarmMetrics(alarm)).toEqual([
          {
            namespace: "AWS/SQS",
            name: "ApproximateNumberOfMessagesVisible",
            dimensions: { QueueName: at(OrdersQueue, getAtt(queueIds().deadLetter, "QueueName")) },
          },
        ]);
        expect(alarm.alarm.Properties).toMatchObject({ Statistic: "Maximum", Threshold: 0, ComparisonOperator: "GreaterThanThreshold" });
      });

      it("fire on any message in an event listener's dead-letter queue, one alarm per listener", () => {
        const queues = resourcesOfType(app().template(OrderEvents), "AWS::SQS::Queue");
        expect(EVENT_LISTENER_FUNCTIONS.length).toBeGreaterThan(0);
        for (const listener of EVENT_LISTENER_FUNCTIONS) {
          const [queueId] = queues.find(([, queue]) => queue.Properties!.QueueName === `${stage}-pizza-orders-${listener.name}-events-dlq`)!;
          const alarm = alarmNamed(`${listener.name}EventsDeadLetterQueueNotEmpty`);
          expect(alarmMetrics(alarm)).toEqual([
            { namespace: "AWS/SQS", name: "ApproximateNumberOfMessagesVisible", dimensions: { QueueName: at(OrderEvents, getAtt(queueId, "QueueName")) } },
          ]);
          expect(alarm.alarm.Properties).toMatchObject({ Statistic: "Maximum", Threshold: 0, ComparisonOperator: "GreaterThanThreshold" });
        }
      });

      it("fire when an order waits in the orders queue longer than twice the visibility timeout", () => {
        const alarm = alarmNamed("OrdersQueueOldestMessageTooOld");
        const visibilityTimeout = resource(app().template(OrdersQueue), queueIds().orders).Properties!.VisibilityTimeout;
        expect(alarmMetrics(alarm)).toEqual([
          { namespace: "AWS/SQS", name: "ApproximateAgeOfOldestMessage", dimensions: { QueueName: at(OrdersQueue, getAtt(queueIds().orders, "QueueName")) } },
        ]);
        expect(alarm.alarm.Properties).toMatchObject({ Statistic: "Maximum", Threshold: 2 * visibilityTimeout, ComparisonOperator: "GreaterThanThreshold" });
      });

      it.each(["ExecutionsFailed", "ExecutionsTimedOut"])("fire on any workflow execution %s", (metricName) => {
        const alarm = alarmNamed(`OrderWorkflow${metricName}`);
        expect(alarmMetrics(alarm)).toEqual([{ namespace: "AWS/States", name: metricName, dimensions: { StateMachineArn: stateMachineArn() } }]);
        expect(alarm.alarm.Properties).toMatchObject({ Statistic: "Sum", Threshold: 0, ComparisonOperator: "GreaterThanThreshold" });
      });

      it("watch errors (at least 3 and over 5 % of invocations) and any throttling of every function", () => {
        // 4 workflow tasks, the queue consumer, the stream consumer, the deadline reconciler, one per resolver (subscriptions included).
        expect(allFunctions()).toHaveLength(FUNCTION_COUNT);
        for (const { stack, id } of allFunctions()) {
          const functionName = { FunctionName: at(stack, ref(id)) };
          const watching = alarms().filter((alarm) => alarmMetrics(alarm).some((metric) => JSON.stringify(metric.dimensions) === JSON.stringify(functionName)));
          const errors = watching.find(({ alarm }) => alarm.Properties!.Metrics);
          const throttles = watching.find(({ alarm }) => alarm.Properties!.MetricName === "Throttles");
          expect(watching, id).toHaveLength(2);
          expect(
            alarmMetrics(errors!)
              .map((metric) => metric.name)
              .sort(),
            id,
          ).toEqual(["Errors", "Invocations"]);
          expect(errors!.alarm.Properties!.Metrics.find((entry: any) => entry.Expression).Expression).toBe("IF(errors >= 3, 100 * errors / invocations, 0)");
          expect(errors!.alarm.Properties).toMatchObject({ Threshold: 5, ComparisonOperator: "GreaterThanThreshold" });
          expect(throttles!.alarm.Properties).toMatchObject({ Namespace: "AWS/Lambda", Statistic: "Sum", Threshold: 0 });
        }
      });

      it("fire on any AppSync 5xx, and on p90 latency over 2 s for 15 minutes", () => {
        const serverErrors = alarmNamed("ApiServerErrors");
        expect(alarmMetrics(serverErrors)).toEqual([{ namespace: "AWS/AppSync", name: "5XXError", dimensions: { GraphQLAPIId: apiId() } }]);
        expect(serverErrors.alarm.Properties).toMatchObject({ Statistic: "Sum", Threshold: 0 });
        const latency = alarmNamed("ApiLatencyHigh");
        expect(alarmMetrics(latency)).toEqual([{ namespace: "AWS/AppSync", name: "Latency", dimensions: { GraphQLAPIId: apiId() } }]);
        expect(latency.alarm.Properties).toMatchObject({ ExtendedStatistic: "p90", Threshold: 2000, EvaluationPeriods: 3, Period: 300 });
      });

      it("fire on any message in the order-changes dead-letter queue (the stream consumer's on-failure destination)", () => {
        const alarm = alarmNamed("OrderChangesDeadLetterQueueNotEmpty");
        const queueId = resourcesOfType(app().template(OrderChanges), "AWS::SQS::Queue")[0]![0];
        expect(alarmMetrics(alarm)).toEqual([
          { namespace: "AWS/SQS", name: "ApproximateNumberOfMessagesVisible", dimensions: { QueueName: at(OrderChanges, getAtt(queueId, "QueueName")) } },
        ]);
        expect(alarm.alarm.Properties).toMatchObject({ Statistic: "Maximum", Threshold: 0, ComparisonOperator: "GreaterThanThreshold" });
      });

      it("fire when the deadline reconciler finishes any stranded order (the metric it emits, from this stage's functions)", () => {
        const alarm = alarmNamed("StrandedOrdersFinished");
        expect(alarmMetrics(alarm)).toEqual([
          {
            namespace: METRICS_NAMESPACE,
            name: METRIC.strandedOrders,
            dimensions: { service: at(Monitoring, "pizza-orders"), stage: at(Monitoring, stage) },
          },
        ]);
        expect(alarm.alarm.Properties).toMatchObject({ Statistic: "Sum", Threshold: 0, ComparisonOperator: "GreaterThanThreshold", Period: 300 });
        // The functions name their stage from SST_STAGE (serviceIdentity.ts), which SST sets on every function.
        for (const { id, fn } of allFunctions()) expect(fn.Properties!.Environment.Variables.SST_STAGE, id).toBe(stage);
      });

      it("are exactly those: 2 orders queue, 1 order-changes DLQ, 1 per event listener's DLQ, 2 execution, 2 per function, 2 API alarms, 1 reconciler", () => {
        expect(alarms()).toHaveLength(2 + 1 + EVENT_LISTENER_FUNCTIONS.length + 2 + 2 * allFunctions().length + 2 + 1);
      });

      it("reach nobody by e-mail unless ALARM_EMAIL is set (see the deploy-environment test)", () => {
        expect(resourcesOfType(app().template(Monitoring), "AWS::SNS::Subscription")).toEqual([]);
      });
    } else {
      it("and the alarm topic are not created for a dev stage without ALARM_EMAIL", () => {
        expect(alarms()).toEqual([]);
        expect(resourcesOfType(app().template(Monitoring), "AWS::SNS::Topic")).toEqual([]);
      });
    }
  });

  describe("pipeline dashboard", () => {
    /** The dashboard body with every reference replaced by where it points. */
    const dashboard = () => {
      const [, resourceDef] = only(Monitoring, "AWS::CloudWatch::Dashboard");
      const parts: unknown[] = resourceDef.Properties!.DashboardBody["Fn::Join"][1];
      const references: Located[] = [];
      const text = parts.map((part) => (typeof part === "string" ? part : `@ref${references.push(locate(app(), Monitoring, part)) - 1}@`)).join("");
      return { resourceDef, body: JSON.parse(text) as { widgets: { type: string; properties: any }[] }, references };
    };
    const graphs = () => dashboard().body.widgets.filter((widget) => widget.type === "metric");
    /** [namespace, metric name, ...dimension name/value pairs] of every line of a graph, references resolved. */
    const linesOf = (title: string) => {
      const graph = graphs().find((widget) => widget.properties.title === title);
      expect(graph, title).toBeDefined();
      const { references } = dashboard();
      return (graph!.properties.metrics as unknown[][]).map((line) =>
        line
          .filter((item) => typeof item === "string")
          .map((item) => {
            const match = /^@ref(\d+)@$/.exec(item as string);
            return match ? references[Number(match[1])] : item;
          }),
      );
    };

    it("is named after the stage", () => {
      expect(dashboard().resourceDef.Properties!.DashboardName).toBe(`${stage}-pizza-orders-pipeline`);
    });

    it("shows the API's requests, errors and latency", () => {
      const api = ["GraphQLAPIId", apiId()];
      expect(linesOf("API requests and errors")).toEqual([
        ["AWS/AppSync", "Requests", ...api],
        ["AWS/AppSync", "4XXError", ...api],
        ["AWS/AppSync", "5XXError", ...api],
      ]);
      expect(linesOf("API latency (ms)")).toEqual([
        ["AWS/AppSync", "Latency", ...api],
        ["AWS/AppSync", "Latency", ...api],
      ]);
    });

    it("shows the orders queue's depth and oldest message, and the dead letters", () => {
      const queueName = (id: string) => ["QueueName", at(OrdersQueue, getAtt(id, "QueueName"))];
      expect(linesOf("Orders queue")).toEqual([
        ["AWS/SQS", "ApproximateNumberOfMessagesVisible", ...queueName(queueIds().orders)],
        ["AWS/SQS", "ApproximateNumberOfMessagesVisible", ...queueName(queueIds().deadLetter)],
        ["AWS/SQS", "ApproximateAgeOfOldestMessage", ...queueName(queueIds().orders)],
      ]);
    });

    it("shows workflow executions started, succeeded, failed and timed out", () => {
      const arn = ["StateMachineArn", stateMachineArn()];
      expect(linesOf("Workflow executions")).toEqual(
        ["ExecutionsStarted", "ExecutionsSucceeded", "ExecutionsFailed", "ExecutionsTimedOut"].map((name) => ["AWS/States", name, ...arn]),
      );
    });

    it.each(["Function errors", "Function duration p90 (ms)", "Function throttles"])("shows %s for every function", (title) => {
      const names = linesOf(title).map((line) => JSON.stringify(line.slice(3)));
      expect(names.sort()).toEqual(
        allFunctions()
          .map(({ stack, id }) => JSON.stringify([at(stack, ref(id))]))
          .sort(),
      );
    });

    it("shows the orders by milestone, by status and the time to each status — every status of the core's rules — and the reconciler's finds", () => {
      const business = (name: string, dimensions: string[] = []) => [METRICS_NAMESPACE, name, "service", "pizza-orders", "stage", stage, ...dimensions];
      expect(linesOf("Orders by milestone")).toEqual(Object.values(MILESTONE_METRICS).map((name) => business(name)));
      const statuses = Object.values(OrderStatus);
      expect(linesOf("Orders reaching each status")).toEqual(statuses.map((status) => business(METRIC.statusChanges, ["status", status])));
      expect(linesOf("Time from placing to each status, p90 (ms)")).toEqual(statuses.map((status) => business(METRIC.timeToStatus, ["status", status])));
      expect(linesOf("Deadline reconciler")).toEqual([business(METRIC.strandedOrders), business(METRIC.reconcilerFailures)]);
    });

    it("shows the kitchen: orders entering each stage of the core's kitchen flow, the time to reach each, and the shop's cancellations and refunds", () => {
      const business = (name: string, dimensions: string[] = []) => [METRICS_NAMESPACE, name, "service", "pizza-orders", "stage", stage, ...dimensions];
      const stages = ["RECEIVED", "PREPARING", "BAKING", "READY", "OUT_FOR_DELIVERY", "COMPLETED"];
      expect(linesOf("Kitchen: orders entering each stage")).toEqual(stages.map((status) => business(METRIC.statusChanges, ["status", status])));
      expect(linesOf("Kitchen: time from placing to each stage, p50 (ms)")).toEqual(stages.map((status) => business(METRIC.timeToStatus, ["status", status])));
      expect(linesOf("Kitchen: cancelled by the shop and refunded")).toEqual([business("OrdersCancelledByShop"), business("OrdersRefunded")]);
    });

    it("shows the orders table's throttled reads and writes", () => {
      const table = ["TableName", at(Storage, ref(only(Storage, "AWS::DynamoDB::Table")[0]))];
      expect(linesOf("Orders table throttled events")).toEqual([
        ["AWS/DynamoDB", "ReadThrottleEvents", ...table],
        ["AWS/DynamoDB", "WriteThrottleEvents", ...table],
      ]);
    });

    it(stage === "prod" ? "shows every alarm's state" : "has no alarm panel where there are no alarms", () => {
      const panel = dashboard().body.widgets.find((widget) => widget.type === "alarm");
      if (stage === "dev") return expect(panel).toBeUndefined();
      const { references } = dashboard();
      const shown = (panel!.properties.alarms as string[]).map((item) => JSON.stringify(references[Number(/^@ref(\d+)@$/.exec(item)![1])]!.value));
      expect(shown.sort()).toEqual(
        alarms()
          .map(({ id }) => JSON.stringify(getAtt(id, "Arn")))
          .sort(),
      );
    });
  });

  describe("log retention", () => {
    it(`keeps every log group of every stack ${RETENTION_DAYS[stage]} days`, () => {
      const groups = PIZZA_ORDERS_STACKS.flatMap((stack) => [
        ...resourcesOfType(app().template(stack), "AWS::Logs::LogGroup"),
        ...resourcesOfType(app().template(stack), "Custom::LogRetention"),
      ]);
      // Every function's, the workflow's execution log and the API's (through CDK's LogRetention).
      expect(groups).toHaveLength(FUNCTION_COUNT + 2);
      for (const [id, group] of groups) expect(group.Properties!.RetentionInDays, id).toBe(RETENTION_DAYS[stage]);
    });
  });

  describe("tracing", () => {
    it("is active on every function, the state machine and the GraphQL API", () => {
      for (const { id, fn } of allFunctions()) expect(fn.Properties!.TracingConfig, id).toEqual({ Mode: "Active" });
      expect(only(Workflow, "AWS::StepFunctions::StateMachine")[1].Properties!.TracingConfiguration).toEqual({ Enabled: true });
      expect(only(Api, "AWS::AppSync::GraphQLApi")[1].Properties!.XrayEnabled).toBe(true);
    });
  });

  describe("the web app's API key", () => {
    const siteKey = () => only(Site, "AWS::AppSync::ApiKey");
    const uploader = () => only(Site, "Custom::S3Uploader")[1].Properties!;

    it(`belongs to the Site stack, on the API, expiring in ${API_KEY_DAYS[stage]} days: inside AppSync's 1 to 365 with margin`, () => {
      const [, key] = siteKey();
      expect(locate(app(), Site, key.Properties!.ApiId)).toEqual(apiId());
      const days = (key.Properties!.Expires - Date.now() / 1000) / DAY_SECONDS;
      // Rounded down to the hour at synth time, minutes ago.
      expect(days).toBeGreaterThan(API_KEY_DAYS[stage] - 1 / 24 - 0.01);
      expect(days).toBeLessThanOrEqual(API_KEY_DAYS[stage]);
      expect(key.Properties!.Expires % 3600).toBe(0);
    });

    it("is handed to the site from its own stack, so no cross-stack export locks it", () => {
      const keyReplacements = (uploader().replaceValues as { files: string; search: string; replace: unknown }[]).filter(
        (replacement) => replacement.search === "{{ VITE_GRAPHQL_API_KEY }}",
      );
      expect(keyReplacements.length).toBeGreaterThan(0);
      for (const replacement of keyReplacements) expect(replacement.replace).toEqual(getAtt(siteKey()[0], "ApiKey"));
      for (const stack of PIZZA_ORDERS_STACKS) {
        const exported = Object.values(app().template(stack).toJSON().Outputs ?? {}) as { Value: unknown; Export?: unknown }[];
        for (const output of exported.filter((candidate) => candidate.Export)) expect(JSON.stringify(output.Value), stack.name).not.toMatch(/ApiKey"/);
      }
    });

    it("reaches the browser in index.html, served no-cache, and never in the immutable-cached scripts", () => {
      const fileOptions = uploader().fileOptions as { files: string | string[]; cacheControl: string }[];
      expect(fileOptions).toEqual([
        { files: "**", cacheControl: "max-age=0,no-cache,no-store,must-revalidate" },
        { files: ["**/*.js", "**/*.css"], cacheControl: "max-age=31536000,public,immutable" },
      ]);
      // The site as SST built it for this synthesis (placeholders, filled in at deploy).
      const dist = path.join(PROJECT_ROOT, "web/dist");
      expect(readFileSync(path.join(dist, "index.html"), "utf8")).toContain('content="{{ VITE_GRAPHQL_API_KEY }}"');
      const scripts = readdirSync(path.join(dist, "assets")).filter((file) => file.endsWith(".js"));
      expect(scripts.length).toBeGreaterThan(0);
      for (const script of scripts) expect(readFileSync(path.join(dist, "assets", script), "utf8"), script).not.toContain("{{ VITE_GRAPHQL_API_KEY }}");
    });

    it("and the shop mode are set for the cloud", () => {
      expect(readFileSync(path.join(PROJECT_ROOT, "web/dist/index.html"), "utf8")).toContain('<meta name="shop-config:VITE_SHOP_MODE" content="cloud" />');
    });
  });

  describe("cfn-lint", () => {
    it("finds nothing in any template (real-looking account id; ignored checks listed with reasons in cfnLint.ts)", () => {
      const findings = cfnLint(PIZZA_ORDERS_STACKS.map((stack) => app().templateFile(stack)));
      expect(findings.map((finding) => `${finding.rule} ${path.basename(finding.file)}:${finding.line} ${finding.message}`)).toEqual([]);
    });
  });
}

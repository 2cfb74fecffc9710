// Deploy-time parameters read from the environment (see stageConfig): with them set, the
// synthesized app subscribes the addresses, turns the alarms on in a non-production stage and
// hands the payment success rate to ProcessPayment and the deadlines to every function that writes orders.
import { beforeAll, describe, expect, it } from "vitest";
import { OPERATIONS_NOTIFIED_STATUSES } from "../../packages/core/src/order/rules";
import { KITCHEN_STAGE_DEFAULT_DEADLINES } from "../../packages/core/test/support/kitchenStageDeadlines";
import { PIZZA_ORDERS_STACKS } from "../index";
import { Monitoring } from "../Monitoring";
import { Notifications } from "../Notifications";
import { Workflow } from "../Workflow";
import { EVENT_LISTENER_FUNCTIONS, FUNCTION_COUNT } from "./functionCount";
import { type SynthesizedApp, synthesizeForTest } from "./synthesizedApp";
import { functionIdByHandler, ref, resource, resourcesOfType } from "./templateQueries";

const NOTIFICATION_EMAIL = "kitchen@example.com";
const ALARM_EMAIL = "oncall@example.com";
let app: SynthesizedApp;

beforeAll(async () => {
  // cdk-nag is checked for both stages in pizzaOrdersApp.test.ts; these tests read parameters only.
  app = await synthesizeForTest("staging", {
    nagChecks: false,
    deployEnv: { ORDER_NOTIFICATION_EMAIL: NOTIFICATION_EMAIL, ALARM_EMAIL, PAYMENT_SUCCESS_RATE: "0.75", ORDER_DEADLINE_SECONDS: '{"QUEUED":1800}' },
  });
});

describe("a stage deployed with ORDER_NOTIFICATION_EMAIL, ALARM_EMAIL, PAYMENT_SUCCESS_RATE and ORDER_DEADLINE_SECONDS set", () => {
  it("subscribes each address to its topic (notifications: the failures only; alarms), and nothing else anywhere", () => {
    const [notificationsTopicId] = resourcesOfType(app.template(Notifications), "AWS::SNS::Topic")[0]!;
    const [alarmTopicId] = resourcesOfType(app.template(Monitoring), "AWS::SNS::Topic")[0]!;
    const subscriptions = PIZZA_ORDERS_STACKS.flatMap((stack) =>
      resourcesOfType(app.template(stack), "AWS::SNS::Subscription").map(([, subscription]) => ({ stack: stack.name, ...subscription.Properties })),
    );
    expect(subscriptions).toEqual([
      {
        stack: "Notifications",
        Protocol: "email",
        Endpoint: NOTIFICATION_EMAIL,
        TopicArn: ref(notificationsTopicId),
        FilterPolicy: { orderStatus: [...OPERATIONS_NOTIFIED_STATUSES] },
      },
      { stack: "Monitoring", Protocol: "email", Endpoint: ALARM_EMAIL, TopicArn: ref(alarmTopicId) },
    ]);
  });

  it("has the alarms, all notifying the alarm topic, though the stage is not production", () => {
    const [alarmTopicId] = resourcesOfType(app.template(Monitoring), "AWS::SNS::Topic")[0]!;
    const alarms = resourcesOfType(app.template(Monitoring), "AWS::CloudWatch::Alarm");
    // 2 queue, 1 order-changes DLQ, 2 execution, 2 API alarms, 1 reconciler, 1 per event listener's DLQ and 2 for each function (see operationsSpec).
    expect(alarms).toHaveLength(8 + EVENT_LISTENER_FUNCTIONS.length + 2 * FUNCTION_COUNT);
    for (const [id, alarm] of alarms) expect(alarm.Properties!.AlarmActions, id).toEqual([ref(alarmTopicId)]);
  });

  it("gives ProcessPayment that success rate", () => {
    const template = app.template(Workflow);
    const processPayment = resource(template, functionIdByHandler(template, "workflow/processPayment"));
    expect(processPayment.Properties!.Environment.Variables.PAYMENT_SUCCESS_RATE).toBe("0.75");
  });

  it("gives every function that uses the orders table those deadlines (and no other function)", () => {
    const functions = PIZZA_ORDERS_STACKS.flatMap((stack) =>
      resourcesOfType(app.template(stack), "AWS::Lambda::Function").map(([id, fn]) => ({
        id: `${stack.name}/${id}`,
        env: (fn.Properties!.Environment?.Variables ?? {}) as Record<string, unknown>,
      })),
    );
    const withTable = functions.filter((fn) => fn.env.ORDERS_TABLE_NAME !== undefined);
    // postOrder, order, orders, updateOrder, deleteOrder, the 4 workflow tasks and the reconciler at least.
    expect(withTable.length).toBeGreaterThanOrEqual(10);
    for (const fn of withTable)
      expect(JSON.parse(String(fn.env.ORDER_DEADLINE_SECONDS)), fn.id).toEqual({
        QUEUED: 1800,
        PENDING_PAYMENT: 1200,
        notification: 1200,
        // The kitchen's stages keep their defaults (deadlines.ts).
        ...KITCHEN_STAGE_DEFAULT_DEADLINES,
      });
    for (const fn of functions.filter((candidate) => candidate.env.ORDERS_TABLE_NAME === undefined))
      expect(fn.env.ORDER_DEADLINE_SECONDS, fn.id).toBeUndefined();
  });
});

// Deploy-time parameters read from the environment (see stageConfig): with them set, the
// synthesized app subscribes the address and hands the payment success rate to ProcessPayment.
import { beforeAll, describe, expect, it } from "vitest";
import { Notifications } from "../Notifications";
import { Workflow } from "../Workflow";
import { PIZZA_ORDERS_STACKS } from "../index";
import { synthesizeForTest, type SynthesizedApp } from "./synthesizedApp";
import { functionIdByHandler, ref, resource, resourcesOfType } from "./templateQueries";

const NOTIFICATION_EMAIL = "kitchen@example.com";
let app: SynthesizedApp;

beforeAll(async () => {
  app = await synthesizeForTest("staging", {
    deployEnv: { ORDER_NOTIFICATION_EMAIL: NOTIFICATION_EMAIL, PAYMENT_SUCCESS_RATE: "0.75" },
  });
});

describe("a stage deployed with ORDER_NOTIFICATION_EMAIL and PAYMENT_SUCCESS_RATE set", () => {
  it("subscribes that address to the order notifications topic, and nothing else anywhere", () => {
    const [topicId] = resourcesOfType(app.template(Notifications), "AWS::SNS::Topic")[0]!;
    const subscriptions = PIZZA_ORDERS_STACKS.flatMap((stack) => resourcesOfType(app.template(stack), "AWS::SNS::Subscription"));
    expect(subscriptions.map(([, subscription]) => subscription.Properties)).toEqual([
      { Protocol: "email", Endpoint: NOTIFICATION_EMAIL, TopicArn: ref(topicId) },
    ]);
  });

  it("gives ProcessPayment that success rate", () => {
    const template = app.template(Workflow);
    const processPayment = resource(template, functionIdByHandler(template, "workflow/processPayment"));
    expect(processPayment.Properties!.Environment.Variables.PAYMENT_SUCCESS_RATE).toBe("0.75");
  });
});

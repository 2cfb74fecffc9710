// `sst dev` (Live Lambda) needs an AWS account, so it cannot run here; what can be checked offline
// is that the app synthesizes in that mode with the same wiring, every function replaced by SST's
// Live Lambda stub and the site left to the local Vite server.
import { beforeAll, describe, expect, it } from "vitest";
import { APP_FUNCTIONS } from "../../packages/functions/src/functionManifest";
import { PIZZA_ORDERS_STACKS } from "../index";
import { OrdersQueue } from "../OrdersQueue";
import { Site } from "../Site";
import { BACKGROUND_FUNCTIONS, FUNCTION_COUNT, RESOLVER_FUNCTIONS, WORKFLOW_TASK_FUNCTIONS } from "./functionCount";
import { type SynthesizedApp, synthesizeForTest } from "./synthesizedApp";
import { resourcesOfType } from "./templateQueries";

let app: SynthesizedApp;

beforeAll(async () => {
  app = await synthesizeForTest("alice", { mode: "dev" });
});

describe("the app synthesized for `sst dev`", () => {
  const liveFunctions = () =>
    PIZZA_ORDERS_STACKS.flatMap((stack) => resourcesOfType(app.template(stack), "AWS::Lambda::Function")).filter(
      ([, fn]) => fn.Properties!.Handler === "live-lambda.handler",
    );

  it("replaces each handler by a Live Lambda stub, keeping its timeout", () => {
    expect(liveFunctions()).toHaveLength(FUNCTION_COUNT);
    // Each stub keeps its manifest entry's timeout (resolvers and workflow tasks 10 s, consumers and listeners their own).
    expect(RESOLVER_FUNCTIONS + WORKFLOW_TASK_FUNCTIONS + BACKGROUND_FUNCTIONS).toBe(FUNCTION_COUNT);
    expect(
      liveFunctions()
        .map(([, fn]) => fn.Properties!.Timeout)
        .sort((a, b) => a - b),
    ).toEqual(APP_FUNCTIONS.map((entry) => entry.timeoutSeconds).sort((a, b) => a - b));
  });

  it("keeps the queue wiring: consumer with the workflow ARN, batches of 5 with partial failures", () => {
    const [[, mapping]] = resourcesOfType(app.template(OrdersQueue), "AWS::Lambda::EventSourceMapping") as [[string, any]];
    expect(mapping.Properties).toMatchObject({ BatchSize: 5, FunctionResponseTypes: ["ReportBatchItemFailures"] });
    const consumer = liveFunctions().find(([id]) => id === mapping.Properties.FunctionName.Ref)!;
    expect(consumer[1].Properties!.Timeout).toBe(30);
    expect(consumer[1].Properties!.Environment.Variables.ORDER_WORKFLOW_ARN).toBeDefined();
  });

  it("deploys no site (the web app runs on the local dev server), so the e-mails link the dev server's order pages", () => {
    expect(resourcesOfType(app.template(Site), "AWS::S3::Bucket")).toEqual([]);
    expect(resourcesOfType(app.template(Site), "AWS::CloudFront::Distribution")).toEqual([]);
    const email = liveFunctions().filter(([, fn]) => fn.Properties!.Environment.Variables.WEB_APP_URL !== undefined);
    expect(email.map(([, fn]) => fn.Properties!.Environment.Variables.WEB_APP_URL)).toEqual(["http://localhost:5173"]);
    expect(email.map(([, fn]) => fn.Properties!.Environment.Variables.CUSTOMER_EMAIL_TRANSPORT)).toEqual(["ses"]);
  });
});

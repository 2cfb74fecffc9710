// `sst dev` (Live Lambda) needs an AWS account, so it cannot run here; what can be checked offline
// is that the app synthesizes in that mode with the same wiring, every function replaced by SST's
// Live Lambda stub and the site left to the local Vite server.
import { beforeAll, describe, expect, it } from "vitest";
import { OrdersQueue } from "../OrdersQueue";
import { Site } from "../Site";
import { PIZZA_ORDERS_STACKS } from "../index";
import { synthesizeForTest, type SynthesizedApp } from "./synthesizedApp";
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

  it("replaces each of the 16 handlers by a Live Lambda stub, keeping its timeout", () => {
    expect(liveFunctions()).toHaveLength(16);
    // 10 resolvers and 4 workflow tasks at 10 s; the queue consumer and the deadline reconciler at 30 s.
    expect(liveFunctions().map(([, fn]) => fn.Properties!.Timeout).sort((a, b) => a - b)).toEqual([...Array<number>(14).fill(10), 30, 30]);
  });

  it("keeps the queue wiring: consumer with the workflow ARN, batches of 5 with partial failures", () => {
    const [[, mapping]] = resourcesOfType(app.template(OrdersQueue), "AWS::Lambda::EventSourceMapping") as [[string, any]];
    expect(mapping.Properties).toMatchObject({ BatchSize: 5, FunctionResponseTypes: ["ReportBatchItemFailures"] });
    const consumer = liveFunctions().find(([id]) => id === mapping.Properties.FunctionName.Ref)!;
    expect(consumer[1].Properties!.Timeout).toBe(30);
    expect(consumer[1].Properties!.Environment.Variables.ORDER_WORKFLOW_ARN).toBeDefined();
  });

  it("deploys no site (the web app runs on the local dev server)", () => {
    expect(resourcesOfType(app.template(Site), "AWS::S3::Bucket")).toEqual([]);
    expect(resourcesOfType(app.template(Site), "AWS::CloudFront::Distribution")).toEqual([]);
  });
});

// Ties the workflow definition to the core: every error name it retries or catches is thrown by
// something real (a domain error in errors.ts, or an AWS/SDK name listed in workflowErrorNames.ts
// and checked here against the SDK's own exception classes), it names no order status (the core
// tasks decide them), and no status is written out anywhere in the code but rules.ts.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as DynamoDB from "@aws-sdk/client-dynamodb";
import * as SNS from "@aws-sdk/client-sns";
import { describe, expect, it } from "vitest";
import * as errors from "../src/errors";
import { OrderStatus } from "../src/order/rules";
import { orderWorkflowDefinitionText } from "../src/workflow/orderWorkflowDefinition";
import { DYNAMODB_SDK_TRANSIENT_ERRORS, KNOWN_AWS_ERROR_NAMES, LAMBDA_INVOKE_ERRORS, SNS_SDK_TRANSIENT_ERRORS } from "../src/workflow/workflowErrorNames";

interface State {
  Type: string;
  Next?: string;
  Default?: string;
  Choices?: Array<{ Next: string }>;
  Retry?: Array<{ ErrorEquals: string[] }>;
  Catch?: Array<{ ErrorEquals: string[]; Next: string }>;
}
const definitionText = orderWorkflowDefinitionText();
const { States } = JSON.parse(definitionText) as { States: Record<string, State> };
const tasks = Object.entries(States).filter(([, state]) => state.Type === "Task");

type DomainErrorClass = new (message: string) => errors.DomainError;
const domainErrorNames = (Object.values(errors) as unknown[])
  .filter((value): value is DomainErrorClass => typeof value === "function" && value.prototype instanceof errors.DomainError)
  .map((ErrorClass) => new ErrorClass("probe").name);

type SdkExceptionClass = new (options: { message: string; $metadata: object }) => Error;
function sdkExceptionName(sdk: Record<string, unknown>, name: string): string | undefined {
  const ExceptionClass = sdk[name] as SdkExceptionClass | undefined;
  return typeof ExceptionClass === "function" ? new ExceptionClass({ message: "probe", $metadata: {} }).name : undefined;
}

describe("the workflow definition against the core", () => {
  it("retries and catches only error names something really throws", () => {
    const known = new Set([...domainErrorNames, ...KNOWN_AWS_ERROR_NAMES]);
    const used = tasks.flatMap(([, state]) => [...(state.Retry ?? []), ...(state.Catch ?? [])].flatMap((rule) => rule.ErrorEquals));
    expect(used.length).toBeGreaterThan(20);
    expect(used.filter((name) => !known.has(name))).toEqual([]);
    expect(definitionText).not.toContain("DynamoDB.InternalServerErrorException");
  });

  it("lists DynamoDB and SNS errors by the names the JavaScript SDK's exceptions carry", () => {
    for (const name of DYNAMODB_SDK_TRANSIENT_ERRORS) expect(sdkExceptionName(DynamoDB, name), name).toBe(name);
    for (const name of SNS_SDK_TRANSIENT_ERRORS) expect(sdkExceptionName(SNS, name), name).toBe(name);
    // The probe itself can tell a wrong name.
    expect(sdkExceptionName(DynamoDB, "InternalServerErrorException")).toBeUndefined();
  });

  it("takes the domain error names from errors.ts", () => {
    expect(domainErrorNames).toEqual(
      expect.arrayContaining(["OrderClosedError", "PaymentProviderUnavailableError", "TransientOrderError", "NotificationInProgressError"]),
    );
  });

  it("retries Lambda service errors, timeouts and DynamoDB throttling on every Task, with backoff", () => {
    for (const [name, state] of tasks) {
      const retried = new Set(state.Retry!.flatMap((rule) => rule.ErrorEquals));
      for (const error of [...LAMBDA_INVOKE_ERRORS, "States.Timeout", ...DYNAMODB_SDK_TRANSIENT_ERRORS])
        expect(retried.has(error), `${name} retries ${error}`).toBe(true);
      for (const rule of state.Retry as Array<{ BackoffRate?: number }>) expect(rule.BackoffRate, name).toBeGreaterThan(1);
    }
  });

  it("retries publish errors in the finishing steps and never routes them to a cancellation", () => {
    for (const name of ["CompleteOrder", "CancelFailedOrder"]) {
      const state = States[name]!;
      const retried = new Set(state.Retry!.flatMap((rule) => rule.ErrorEquals));
      for (const error of SNS_SDK_TRANSIENT_ERRORS) expect(retried.has(error), `${name} retries ${error}`).toBe(true);
      expect(state.Catch!.map((rule) => rule.Next)).toEqual(["OrderLeftForReconciler"]);
    }
  });

  it("names no order status: the core tasks decide every status", () => {
    for (const status of Object.values(OrderStatus)) expect(definitionText, status).not.toContain(status);
  });
});

const REPOSITORY_ROOT = fileURLToPath(new URL("../../../", import.meta.url));
/** Where code lives (tests spell out expected statuses on purpose; web/src/gql is generated from the schema). */
const CODE_DIRECTORIES = ["packages/core/src", "packages/functions/src", "packages/local/src", "packages/bench/src", "stacks", "web/src"];
const SKIPPED = new Set(["node_modules", "test", "gql"]);
/**
 * The order events' JSON Schemas are a published contract: each pins its event's status, and JSON
 * cannot import rules.ts — orderEvents.test.ts checks every one against OrderStatus instead.
 */
const EVENT_SCHEMAS = path.join("packages", "core", "src", "events", "schemas", path.sep);

function codeFiles(directory: string): string[] {
  return readdirSync(directory).flatMap((entry) => {
    const full = path.join(directory, entry);
    if (statSync(full).isDirectory()) return SKIPPED.has(entry) ? [] : codeFiles(full);
    return /\.(ts|tsx|json)$/.test(entry) && !/\.test\.tsx?$/.test(entry) ? [full] : [];
  });
}

describe("order statuses in the code", () => {
  it("are written out only in rules.ts", () => {
    const literal = new RegExp(`["'\`](${Object.values(OrderStatus).join("|")})["'\`]`);
    const files = CODE_DIRECTORIES.flatMap((directory) => codeFiles(path.join(REPOSITORY_ROOT, directory)));
    expect(files.length).toBeGreaterThan(50);
    const offenders = files
      .filter((file) => !file.endsWith(path.join("order", "rules.ts")) && !path.relative(REPOSITORY_ROOT, file).startsWith(EVENT_SCHEMAS))
      .flatMap((file) =>
        readFileSync(file, "utf8")
          .split("\n")
          .map((line, index) => ({ line, index }))
          .filter(({ line }) => literal.test(line))
          .map(({ line, index }) => `${path.relative(REPOSITORY_ROOT, file)}:${index + 1}: ${line.trim()}`),
      );
    expect(offenders).toEqual([]);
  });
});

// A manifest entry asking for a resource its stack does not pass fails the synth, naming both —
// instead of deploying a function without the variable or the grant it needs.
import { App, Stack } from "aws-cdk-lib";
import { describe, expect, it } from "vitest";
import { resolverOf, theFunctionTriggeredBy } from "../../packages/functions/src/functionManifest";
import { appFunctionProps } from "../appFunctionProps";
import { stageConfig } from "../stageConfig";

describe("appFunctionProps", () => {
  const options = () => ({ stack: new Stack(new App(), "Functions"), config: stageConfig("dev"), logGroupId: "Logs" });

  it("refuses an entry whose stack does not pass a resource its access names", () => {
    expect(() => appFunctionProps(resolverOf("Mutation", "postOrder"), { ...options(), resources: {} })).toThrow(
      "Function Mutation-postOrder (api/postOrder) needs ordersTable, which the stack deploying it does not pass",
    );
    expect(() => appFunctionProps(theFunctionTriggeredBy("ordersQueue"), { ...options(), resources: {} })).toThrow(/needs orderWorkflow/);
  });

  it("gives an entry that touches nothing no statement and no variable", () => {
    const props = appFunctionProps(resolverOf("Query", "menu"), { ...options(), resources: {} });
    expect(props.permissions).toEqual([]);
    expect(props.environment).toEqual({});
    expect(props).toMatchObject({ handler: "packages/functions/src/api/menu.handler", timeout: 10 });
  });
});

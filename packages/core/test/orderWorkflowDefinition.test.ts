// Properties of the one workflow definition that no schema validator checks.
import { describe, expect, it } from "vitest";
import { orderWorkflowDefinitionText, renderOrderWorkflowDefinition } from "../src/workflow/orderWorkflowDefinition";

interface Retrier {
  ErrorEquals: string[];
  IntervalSeconds?: number;
  MaxAttempts?: number;
  BackoffRate?: number;
}
interface State {
  Type: string;
  Next?: string;
  End?: boolean;
  TimeoutSeconds?: number;
  Retry?: Retrier[];
  Catch?: Array<{ ErrorEquals: string[]; Next: string }>;
  Choices?: Array<{ Next: string }>;
  Default?: string;
}
const definition = JSON.parse(orderWorkflowDefinitionText()) as { StartAt: string; TimeoutSeconds: number; States: Record<string, State> };

/**
 * Longest a task can run: each retrier counts its own attempts, so in the worst case every
 * retrier's attempts are used up, each attempt running until the timeout, plus every backoff wait.
 */
function worstCaseSeconds(state: State): number {
  if (state.Type !== "Task") return 0;
  const timeout = state.TimeoutSeconds ?? Number.POSITIVE_INFINITY;
  let attempts = 1;
  let waits = 0;
  for (const retrier of state.Retry ?? []) {
    const retries = retrier.MaxAttempts ?? 3;
    attempts += retries;
    for (let k = 0; k < retries; k++) waits += (retrier.IntervalSeconds ?? 1) * (retrier.BackoffRate ?? 2) ** k;
  }
  return attempts * timeout + waits;
}

function successors(state: State): string[] {
  return [state.Next, state.Default, ...(state.Choices ?? []).map((c) => c.Next), ...(state.Catch ?? []).map((c) => c.Next)].filter(
    (next): next is string => next !== undefined,
  );
}

/** The longest time any path through the states can take (the graph has no cycles). */
function longestPathSeconds(name: string, seen: Set<string> = new Set()): number {
  if (seen.has(name)) throw new Error(`the workflow has a cycle through ${name}`);
  const state = definition.States[name];
  const next = successors(state).map((successor) => longestPathSeconds(successor, new Set([...seen, name])));
  return worstCaseSeconds(state) + Math.max(0, ...next);
}

describe("the order workflow definition", () => {
  it("gives every Task a timeout, so a hung step is caught", () => {
    for (const [name, state] of Object.entries(definition.States)) {
      if (state.Type === "Task") expect(state.TimeoutSeconds, name).toBeGreaterThan(0);
    }
  });

  it("lets the slowest path through timeouts, retries and catches finish before the execution times out", () => {
    const longest = longestPathSeconds(definition.StartAt);
    expect(longest).toBeGreaterThan(300);
    expect(definition.TimeoutSeconds).toBeGreaterThan(longest);
  });

  it("has a value for every placeholder and nothing else", () => {
    const rendered = renderOrderWorkflowDefinition({
      InitializeOrderFunctionArn: "arn:init",
      ProcessPaymentFunctionArn: "arn:pay",
      CompleteOrderFunctionArn: "arn:complete",
      CancelFailedOrderFunctionArn: "arn:cancel",
    });
    expect(rendered).not.toMatch(/\$\{/);
    expect(JSON.parse(rendered).States.ProcessPayment.Parameters.FunctionName).toBe("arn:pay");
    expect(() => renderOrderWorkflowDefinition({} as never)).toThrow(/No substitution for \$\{InitializeOrderFunctionArn\}/);
  });
});

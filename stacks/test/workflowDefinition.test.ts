// The ASL file is the one definition of the workflow (the stack deploys it, the local runtime
// executes it). asl-validator checks it against the Amazon States Language specification.
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { orderWorkflowDefinitionText } from "../../packages/core/src/workflow/orderWorkflowDefinition";

type AslValidator = (definition: unknown) => { isValid: boolean; errors: unknown[] };
// asl-validator is CommonJS (module.exports = validator) and ships no types.
const validateAsl = createRequire(import.meta.url)("asl-validator") as AslValidator;

const definition = () => JSON.parse(orderWorkflowDefinitionText());

describe("order workflow ASL", () => {
  it("is valid Amazon States Language", () => {
    const result = validateAsl(definition());
    expect(result.errors).toEqual([]);
    expect(result.isValid).toBe(true);
  });

  it("would be rejected if a transition pointed nowhere (the validator is really checking)", () => {
    const broken = definition();
    delete broken.States.CompleteOrder;
    expect(validateAsl(broken).isValid).toBe(false);
  });
});

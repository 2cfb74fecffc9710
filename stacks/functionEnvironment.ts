// A function's environment, named by the core's configuration schema (the variables readConfig
// and readPaymentSuccessRate read), so renaming a variable there fails the stacks' typecheck
// instead of a deployed function.
import type { AppConfig } from "../packages/core/src/config";

export type FunctionEnvironment = { [Name in keyof AppConfig]?: string };

/** The variables given a value; the others are left out of the function's environment. */
export function functionEnvironment(variables: FunctionEnvironment): Record<string, string> {
  return Object.fromEntries(Object.entries(variables).filter((entry): entry is [string, string] => entry[1] !== undefined));
}

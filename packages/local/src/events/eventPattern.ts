// EventBridge's event pattern matching, for the local event bus: the same pattern objects the
// stacks deploy (packages/core/src/events/orderEventRules.ts) decide here which rule an event
// matches. Hand-written because npm has no maintained library for it (the matchers inside
// serverless-offline plugins are not published for reuse); it covers EventBridge's documented
// semantics for the operators below, and refuses any other operator rather than guess:
//  - a pattern field is an object (match the event's field of that name recursively) or an array
//    of accepted values; a field missing from the event matches nothing (except `exists: false`);
//  - an event value that is an array matches when any of its elements matches;
//  - accepted values: exact strings, numbers, booleans and null, and the operators `prefix`,
//    `suffix`, `equals-ignore-case`, `anything-but` (a value, a list, or `{prefix}`), `exists` and
//    `numeric` (comparison pairs such as [">", 0, "<=", 5]).
import type { EventPattern } from "@pizza-orders/core/events/orderEventRules";

type Matcher = unknown;

export class UnsupportedPatternError extends Error {}

function matchesOperator(operator: Record<string, unknown>, value: unknown, present: boolean): boolean {
  const [name, argument] = Object.entries(operator)[0] ?? [];
  if (name === "exists") return argument === present;
  if (!present) return false;
  switch (name) {
    case "prefix":
      return typeof value === "string" && typeof argument === "string" && value.startsWith(argument);
    case "suffix":
      return typeof value === "string" && typeof argument === "string" && value.endsWith(argument);
    case "equals-ignore-case":
      return typeof value === "string" && typeof argument === "string" && value.toLowerCase() === argument.toLowerCase();
    case "anything-but": {
      if (argument !== null && typeof argument === "object" && !Array.isArray(argument))
        return !matchesOperator(argument as Record<string, unknown>, value, present);
      const excluded = Array.isArray(argument) ? argument : [argument];
      return !excluded.includes(value);
    }
    case "numeric": {
      if (typeof value !== "number" || !Array.isArray(argument)) return false;
      for (let index = 0; index < argument.length; index += 2) {
        const [comparison, bound] = [argument[index], argument[index + 1] as number];
        const holds =
          comparison === "="
            ? value === bound
            : comparison === "<"
              ? value < bound
              : comparison === "<="
                ? value <= bound
                : comparison === ">"
                  ? value > bound
                  : comparison === ">="
                    ? value >= bound
                    : undefined;
        if (holds === undefined) throw new UnsupportedPatternError(`numeric comparison ${String(comparison)} is not supported`);
        if (!holds) return false;
      }
      return true;
    }
    default:
      throw new UnsupportedPatternError(`event pattern operator ${String(name)} is not supported by the local event bus`);
  }
}

function matchesValues(accepted: readonly Matcher[], value: unknown, present: boolean): boolean {
  const candidates = Array.isArray(value) ? value : [value];
  return accepted.some((matcher) => {
    if (matcher !== null && typeof matcher === "object")
      return candidates.some((candidate) => matchesOperator(matcher as Record<string, unknown>, candidate, present));
    return present && candidates.some((candidate) => candidate === matcher);
  });
}

function matchesObject(pattern: Record<string, unknown>, event: Record<string, unknown> | undefined): boolean {
  return Object.entries(pattern).every(([field, rule]) => {
    const present = event !== undefined && Object.hasOwn(event, field);
    const value = present ? event[field] : undefined;
    if (Array.isArray(rule)) return matchesValues(rule, value, present);
    if (rule !== null && typeof rule === "object") {
      return (
        value !== null && typeof value === "object" && !Array.isArray(value) && matchesObject(rule as Record<string, unknown>, value as Record<string, unknown>)
      );
    }
    throw new UnsupportedPatternError(`pattern field ${field} must be an array of values or an object`);
  });
}

/** Whether an event (as EventBridge hands it to targets: source, detail-type, detail…) matches the pattern. */
export function matchesEventPattern(pattern: EventPattern, event: Record<string, unknown>): boolean {
  return matchesObject(pattern as Record<string, unknown>, event);
}

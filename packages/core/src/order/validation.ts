// Turns zod's findings into the API's ValidationError with one message per field.
import type { z } from "zod";
import { ValidationError } from "../errors";

export function validate<S extends z.ZodTypeAny>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const fieldErrors: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const field = issue.path.length > 0 ? issue.path.join(".") : "input";
    fieldErrors[field] ??= issue.message;
  }
  const message = Object.values(fieldErrors).join("; ");
  throw new ValidationError(message, fieldErrors);
}

// Turns what Apollo reports into something a person can act on: the one place that knows how the
// API's errors look. AppSync puts a resolver error's type in `errorType` next to `message` (not
// under `extensions`). A validation error finds its form field from machine-readable data when the
// API sends it — `errorInfo.field` (the whole message belongs to that field) or
// `errorInfo.fieldErrors` ({field: message}) — and otherwise, as before, from the message, which
// starts with the field name ("quantity must be at most 20").
import { ApolloError, type ServerError } from "@apollo/client";
import { OrderInputSchema } from "@pizza-orders/core/order/rules";

/** The fields of postOrder's input, as the core's schema declares them. */
export type OrderField = keyof typeof OrderInputSchema.shape;

const ORDER_FIELDS = Object.keys(OrderInputSchema.shape) as OrderField[];

export type FieldErrors = Partial<Record<OrderField, string>>;

export type ApiProblem =
  | { kind: "validation"; message: string; fieldErrors: FieldErrors }
  | { kind: "notModifiable"; message: string }
  | { kind: "notFound"; message: string }
  | { kind: "conflict"; message: string }
  | { kind: "unauthorized"; message: string }
  | { kind: "apiDown"; message: string }
  | { kind: "offline"; message: string }
  | { kind: "unexpected"; message: string };

interface AppSyncError {
  message: string;
  errorType?: string;
  errorInfo?: { field?: string; fieldErrors?: Record<string, string> } | null;
}

/** The form field a validation message concerns, or undefined for a form-level message. */
function isOrderField(name: unknown): name is OrderField {
  return typeof name === "string" && (ORDER_FIELDS as readonly string[]).includes(name);
}

function fieldOfMessage(message: string): OrderField | undefined {
  const firstWord = message.trim().split(/[\s.[]/, 1)[0];
  if ((ORDER_FIELDS as readonly string[]).includes(firstWord)) return firstWord as OrderField;
  if (/\btoppings?\b/.test(message)) return "toppings";
  return undefined;
}

function validationProblem(errors: readonly AppSyncError[]): ApiProblem {
  const fieldErrors: FieldErrors = {};
  const formMessages: string[] = [];
  for (const error of errors) {
    const info = error.errorInfo;
    const namedField = info?.field;
    if (isOrderField(namedField)) {
      fieldErrors[namedField] ??= error.message;
      continue;
    }
    const typedFieldErrors = Object.entries(info?.fieldErrors ?? {});
    for (const [field, message] of typedFieldErrors) {
      const known = isOrderField(field) ? field : (fieldOfMessage(field) ?? fieldOfMessage(message));
      if (known) fieldErrors[known] ??= message;
      else formMessages.push(message);
    }
    if (typedFieldErrors.length > 0) continue;
    for (const part of error.message.split(/;\s*/)) {
      const field = fieldOfMessage(part);
      if (field) fieldErrors[field] ??= part;
      else if (part.trim()) formMessages.push(part.trim());
    }
  }
  const message = formMessages.length > 0 ? formMessages.join(" ") : "Please correct the highlighted fields.";
  return { kind: "validation", message, fieldErrors };
}

function statusCodeOf(error: ApolloError): number | undefined {
  const network = error.networkError as Partial<ServerError> | null;
  return typeof network?.statusCode === "number" ? network.statusCode : undefined;
}

function errorsInNetworkResponse(error: ApolloError): AppSyncError[] {
  const result = (error.networkError as Partial<ServerError> | null)?.result;
  if (result && typeof result === "object" && Array.isArray((result as { errors?: unknown }).errors)) {
    return (result as { errors: AppSyncError[] }).errors;
  }
  return [];
}

export function describeApiError(error: unknown): ApiProblem {
  if (!(error instanceof ApolloError)) {
    return { kind: "unexpected", message: error instanceof Error ? error.message : "Something went wrong." };
  }
  const graphQLErrors = [...(error.graphQLErrors as readonly AppSyncError[]), ...errorsInNetworkResponse(error)];
  const byType = (type: string) => graphQLErrors.filter((e) => e.errorType === type);

  if (byType("ValidationError").length > 0) return validationProblem(byType("ValidationError"));
  const withFields = graphQLErrors.filter((e) => isOrderField(e.errorInfo?.field) || e.errorInfo?.fieldErrors);
  if (withFields.length > 0) return validationProblem(withFields);
  const notModifiable = byType("OrderNotModifiableError")[0];
  if (notModifiable) return { kind: "notModifiable", message: notModifiable.message };
  const conflict = byType("IdempotencyConflictError")[0];
  if (conflict) return { kind: "conflict", message: conflict.message };
  if (byType("OrderNotFoundError").length > 0) {
    return { kind: "notFound", message: "This order no longer exists. It may have been deleted in another tab." };
  }

  const status = statusCodeOf(error);
  if (status === 401 || status === 403 || graphQLErrors.some((e) => e.errorType?.startsWith("Unauthorized"))) {
    return { kind: "unauthorized", message: "The shop refused this app's API key. The app needs to be set up again." };
  }
  if (status !== undefined && status >= 500) {
    return { kind: "apiDown", message: "The ordering service is down at the moment. Please try again shortly." };
  }
  if (error.networkError) {
    if (status === undefined && error.networkError.name === "ServerParseError") {
      return { kind: "apiDown", message: "The ordering service answered with something unexpected. It may be down." };
    }
    if (status === undefined) {
      return { kind: "offline", message: "Can't reach the ordering service. Check your connection and try again." };
    }
    return { kind: "unexpected", message: `The ordering service answered with status ${status}.` };
  }
  // Should a gateway relabel the error type (AppSync can report a Lambda failure as
  // "Lambda:Unhandled"), a message that names an order field is still a validation message.
  if (graphQLErrors.length > 0 && graphQLErrors.every((e) => e.message.split(/;\s*/).some((part) => fieldOfMessage(part)))) {
    return validationProblem(graphQLErrors);
  }
  const first = graphQLErrors[0];
  return { kind: "unexpected", message: first?.message ?? error.message };
}

// Turns what Apollo reports into something a person can act on: the one place that knows how the
// API's errors look. AppSync puts a resolver error's type in `errorType` next to `message` (not
// under `extensions`). A validation error places its messages by machine-readable data only:
// `errorInfo.fieldErrors` maps each input field's path ("quantity", "toppings.2") to a message a
// customer reads, delivered by graphql/lambdaResolver.js. Messages are never parsed for a field.
import { ApolloError, type ServerError } from "@apollo/client";
import { OrderInputSchema } from "@pizza-orders/core/order/rules";

/** The fields of postOrder's input, as the core's schemas declare them (the one-pizza form, and a cart's lines and fulfilment). */
export type OrderField = keyof typeof OrderInputSchema.shape | "lines" | "fulfilment" | "deliveryAddress";

const ORDER_FIELDS: readonly OrderField[] = [...(Object.keys(OrderInputSchema.shape) as OrderField[]), "lines", "fulfilment", "deliveryAddress"];

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
  errorInfo?: { fieldErrors?: Record<string, string> } | null;
}

function isOrderField(name: string): name is OrderField {
  return (ORDER_FIELDS as readonly string[]).includes(name);
}

/** The form field an error path concerns: its first segment ("toppings.2" → "toppings"). */
function fieldOfPath(path: string): OrderField | undefined {
  const field = path.split(".", 1)[0];
  return isOrderField(field) ? field : undefined;
}

function validationProblem(errors: readonly AppSyncError[]): ApiProblem {
  const fieldErrors: FieldErrors = {};
  const formMessages: string[] = [];
  for (const error of errors) {
    const typedFieldErrors = Object.entries(error.errorInfo?.fieldErrors ?? {});
    for (const [path, message] of typedFieldErrors) {
      const field = fieldOfPath(path);
      if (field) fieldErrors[field] ??= message;
      else formMessages.push(message);
    }
    if (typedFieldErrors.length === 0 && error.message.trim()) formMessages.push(error.message.trim());
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
  const withFields = graphQLErrors.filter((e) => e.errorInfo?.fieldErrors);
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
  const first = graphQLErrors[0];
  return { kind: "unexpected", message: first?.message ?? error.message };
}

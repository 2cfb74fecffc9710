// The GraphQL-over-HTTP body AppSync accepts: a JSON object with a `query` string, optional
// `variables` object and optional `operationName` string. Anything else is a malformed request,
// answered 400 with AppSync's MalformedHttpRequestException before any GraphQL work is done.
export interface GraphqlRequest {
  query: string;
  variables: Record<string, unknown> | undefined;
  operationName: string | undefined;
}

export class MalformedGraphqlRequest extends Error {
  readonly errorType = "MalformedHttpRequestException";
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function parseGraphqlRequest(bodyText: string): GraphqlRequest {
  let body: unknown;
  try {
    body = JSON.parse(bodyText);
  } catch {
    throw new MalformedGraphqlRequest("The request body is not valid JSON.");
  }
  if (!isPlainObject(body)) throw new MalformedGraphqlRequest("The request body must be a JSON object with a query.");
  const { query, variables, operationName } = body;
  if (typeof query !== "string" || query.trim() === "") throw new MalformedGraphqlRequest("The request has no query.");
  if (variables !== undefined && variables !== null && !isPlainObject(variables)) {
    throw new MalformedGraphqlRequest("variables must be a JSON object.");
  }
  if (operationName !== undefined && operationName !== null && typeof operationName !== "string") {
    throw new MalformedGraphqlRequest("operationName must be a string.");
  }
  return { query, variables: variables ?? undefined, operationName: operationName ?? undefined };
}

// How a domain error reaches the client with its type AND machine-readable details.
//
// What AppSync delivers (researched, see the README's API section): a direct Lambda resolver's
// thrown error arrives as `errorType` (the error's name) and `message` only — the Lambda runtime
// serialises nothing else, so `errorInfo` stays null. A resolver with an APPSYNC_JS response
// handler can call `util.error(message, errorType, data, errorInfo)`, and AppSync then delivers
// `errorInfo` as given. So every Lambda resolver runs behind one APPSYNC_JS resolver
// (graphql/lambdaResolver.js, deployed by stacks/Api.ts and executed by the local AppSync
// stand-in), and a handler *returns* a domain error as this envelope instead of throwing it; the
// response handler turns it into `util.error(...)`. Anything else thrown stays a Lambda failure
// (AppSync reports it as `Lambda:Unhandled` with the message).
import { type DomainError, isApiError } from "@pizza-orders/core/errors";
import { type Handler, observedHandler } from "../observability/observedHandler";

/** The property the APPSYNC_JS response handler looks for (graphql/lambdaResolver.js). */
export const RESOLVER_ERROR_KEY = "resolverError";

export interface ResolverErrorEnvelope {
  [RESOLVER_ERROR_KEY]: { errorType: string; message: string; errorInfo: Record<string, unknown> | null };
}

export function resolverErrorEnvelope(error: DomainError): ResolverErrorEnvelope {
  return { [RESOLVER_ERROR_KEY]: { errorType: error.name, message: error.message, errorInfo: error.errorInfo } };
}

/**
 * Wraps a resolver: the API's errors become the envelope; other failures are thrown as Lambda
 * errors. The resolver runs inside the app's one observability setup (observedHandler).
 */
export function resolver<E, R>(resolve: (event: E) => Promise<R>): Handler<E, R | ResolverErrorEnvelope> {
  return observedHandler(async (event: E) => {
    try {
      return await resolve(event);
    } catch (error) {
      if (isApiError(error)) return resolverErrorEnvelope(error);
      throw error;
    }
  });
}

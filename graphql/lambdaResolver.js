// The APPSYNC_JS unit resolver in front of every Lambda resolver (stacks/Api.ts deploys it; the
// local AppSync stand-in runs this very file). Why not direct Lambda resolvers: for those AppSync
// delivers only a thrown error's `errorType` and `message`, while `util.error` here also delivers
// `errorInfo` (which field an input error concerns). The handler receives the same event a direct
// Lambda resolver gets, and returns a domain error as { resolverError } instead of throwing it
// (packages/functions/src/api/resolverError.ts).
import { util } from "@aws-appsync/utils";

export function request(ctx) {
  return {
    operation: "Invoke",
    payload: {
      arguments: ctx.arguments,
      identity: ctx.identity,
      source: ctx.source,
      request: ctx.request,
      info: ctx.info,
      prev: ctx.prev,
      stash: ctx.stash,
    },
  };
}

export function response(ctx) {
  if (ctx.error) {
    util.error(ctx.error.message, ctx.error.type);
  }
  const failure = ctx.result ? ctx.result.resolverError : null;
  if (failure) {
    util.error(failure.message, failure.errorType, null, failure.errorInfo);
  }
  return ctx.result;
}

// AppSync's per-request execution limits, applied field by field as AppSync applies them: a field
// deeper than queryDepthLimit is not resolved (QueryDepthLimitReached), and resolver invocations
// past resolverCountLimit do not run (ResolverExecutionLimitReached); everything before them
// still resolves. See packages/functions/src/api/apiLimits.ts for the numbers and the sources.
import type { GraphQLResolveInfo } from "graphql";

export interface ExecutionLimits {
  queryDepthLimit: number;
  resolverCountLimit: number;
}

export class ExecutionLimitError extends Error {
  constructor(name: "QueryDepthLimitReached" | "ResolverExecutionLimitReached", message: string) {
    super(message);
    this.name = name;
  }
}

/** A root field is level 1; list indexes in the path are not levels. Iterative: the path is as long as the (already bounded) nesting. */
export function fieldDepth(info: GraphQLResolveInfo): number {
  let depth = 0;
  for (let path: GraphQLResolveInfo["path"] | undefined = info.path; path; path = path.prev) {
    if (typeof path.key === "string") depth += 1;
  }
  return depth;
}

/** One per request: counts the resolver invocations it has let run. */
export class ExecutionBudget {
  private resolverInvocations = 0;

  constructor(private readonly limits: ExecutionLimits) {}

  /** Throws when the field may not be resolved; `invokesResolver` fields also use up the resolver budget. */
  enterField(info: GraphQLResolveInfo, invokesResolver: boolean): void {
    if (fieldDepth(info) > this.limits.queryDepthLimit) {
      throw new ExecutionLimitError("QueryDepthLimitReached", `Query depth limit of ${this.limits.queryDepthLimit} reached`);
    }
    if (!invokesResolver) return;
    this.resolverInvocations += 1;
    if (this.resolverInvocations > this.limits.resolverCountLimit) {
      throw new ExecutionLimitError("ResolverExecutionLimitReached", "Resolver execution limit reached");
    }
  }
}

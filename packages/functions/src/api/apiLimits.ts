// How much one GraphQL request may ask of the API. The stack sets these on AppSync (and on the
// production web ACL); the local AppSync stand-in enforces the same numbers from this module, so
// a request refused in one mode is refused in the other.
//
// AppSync semantics being mirrored (docs: "Configuring GraphQL run complexity, query depth, and
// introspection"):
// - queryDepthLimit: a field nested deeper than the limit (a root field is level 1, scalar leaves
//   count) is not resolved; it gets a `QueryDepthLimitReached` error at execution time, its null
//   moving up to the nearest nullable parent. Shallower fields still resolve (partial data).
// - resolverCountLimit: resolver invocations per request (one per field per list item that has a
//   resolver). Invocations past the limit do not run and get `ResolverExecutionLimitReached`; the
//   earlier ones do run. AppSync does not refuse such a request as a whole.
// - introspectionConfig DISABLED: `__schema` / `__type` are validation errors (`__typename` stays).

export const API_LIMITS = {
  /**
   * The deepest operation the web app sends is 4 levels (orders → items → statusHistory → at) and
   * the schema has no recursive types, so 10 leaves room for schema growth and still stops any
   * recursive type added later from being walked without end. AppSync allows 1–75.
   */
  queryDepthLimit: 10,
  /**
   * Every operation the web app sends invokes one resolver (only root fields have resolvers), and
   * a client batching a few root fields stays under 5. So one request does at most 5 requests'
   * work: 1,000 aliased postOrder fields place 5 orders, 200 aliased orders pages read 5 pages.
   * AppSync allows 1–10,000 (default 10,000).
   */
  resolverCountLimit: 5,
  /**
   * Largest request body accepted. AWS WAF inspects at most the first 8 KB of an AppSync
   * request's body (fixed for AppSync), so the production web ACL can only enforce a limit up to
   * that; the largest web-app request (postOrder with every field at its maximum) is under 2 KB.
   */
  maxRequestBodyBytes: 8 * 1024,
} as const;

/** Introspection is for development: production stages answer `__schema` / `__type` with a validation error. */
export function apiIntrospectionEnabled(isProduction: boolean): boolean {
  return !isProduction;
}

// The event AppSync hands a direct Lambda resolver (no mapping templates):
// https://docs.aws.amazon.com/appsync/latest/devguide/resolver-context-reference.html
import type { AppSyncIdentity, AppSyncResolverEvent } from "aws-lambda";
import { type FieldNode, type GraphQLResolveInfo, Kind, print, type SelectionSetNode } from "graphql";

export function directResolverEvent(
  args: Record<string, unknown>,
  info: GraphQLResolveInfo,
  headers: Record<string, string>,
  source: unknown = null,
  /** From the verified credentials (requestAuth); null for an API key. */
  identity: AppSyncIdentity = null,
): AppSyncResolverEvent<Record<string, unknown>> {
  const field = info.fieldNodes[0] as FieldNode;
  // graphql-js builds argument objects without a prototype; they become plain JSON where the
  // event crosses the JSON boundary into the function (LocalFunction.invoke), as in Lambda.
  return {
    arguments: args,
    identity,
    source: source as never,
    request: { headers, domainName: null },
    info: {
      fieldName: info.fieldName,
      parentTypeName: info.parentType.name,
      variables: info.variableValues,
      selectionSetList: field.selectionSet ? selectionPaths(field.selectionSet, info, "") : [],
      selectionSetGraphQL: field.selectionSet ? print(field.selectionSet) : "",
    },
    prev: null,
    stash: {},
  };
}

/** "id", "statusHistory", "statusHistory/status", ... with fragments expanded. */
function selectionPaths(selectionSet: SelectionSetNode, info: GraphQLResolveInfo, prefix: string): string[] {
  const paths: string[] = [];
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      const name = selection.name.value;
      if (name.startsWith("__")) continue;
      const path = `${prefix}${name}`;
      paths.push(path);
      if (selection.selectionSet) paths.push(...selectionPaths(selection.selectionSet, info, `${path}/`));
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      paths.push(...selectionPaths(selection.selectionSet, info, prefix));
    } else {
      const fragment = info.fragments[selection.name.value];
      if (fragment) paths.push(...selectionPaths(fragment.selectionSet, info, prefix));
    }
  }
  return [...new Set(paths)];
}

// Fields resolved by a NONE data source: no function runs; the resolver returns one argument as
// the field's value. The stack wires them to AppSync's NONE data source (request template
// `payload = $ctx.args.<argument>`), and the local API returns the same argument, so a publish
// reaches subscribers the same way in both.
export const NONE_RESOLVERS = [
  // The backend's push of an order change; AppSync delivers its result to the subscriptions.
  { typeName: "Mutation", fieldName: "publishOrderUpdate", returnsArgument: "update" },
] as const;

export type NoneResolver = (typeof NONE_RESOLVERS)[number];

/** AppSync's request mapping template for a NONE resolver that returns the argument as given. */
export function noneRequestTemplate(resolver: NoneResolver): string {
  return `{"version": "2018-05-29", "payload": $util.toJson($context.arguments.${resolver.returnsArgument})}`;
}

export const NONE_RESPONSE_TEMPLATE = "$util.toJson($context.result)";

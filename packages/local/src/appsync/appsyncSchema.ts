// Loads graphql/schema.graphql the way AppSync reads it: AppSync's built-in scalars and
// authorisation directives exist without being declared, so they are added here (only those
// the file does not declare itself) before graphql-js builds the schema.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { buildASTSchema, type GraphQLScalarType, type GraphQLSchema, Kind, parse } from "graphql";
import { APPSYNC_SCALARS } from "./appsyncScalars";

export const SCHEMA_PATH = fileURLToPath(new URL("../../../../graphql/schema.graphql", import.meta.url));

/** AppSync's built-in scalars and directives, declared for tools that build the schema themselves. */
export const APPSYNC_BUILTINS_PATH = fileURLToPath(new URL("../../../../graphql/appsync-builtins.graphql", import.meta.url));

export function loadAppSyncSchema(schemaPath = SCHEMA_PATH): GraphQLSchema {
  const definitions = parse(readFileSync(schemaPath, "utf8")).definitions;
  const declared = new Set(definitions.flatMap((definition) => ("name" in definition && definition.name ? [definition.name.value] : [])));
  const builtins = parse(readFileSync(APPSYNC_BUILTINS_PATH, "utf8")).definitions.filter(
    (definition) => !("name" in definition && definition.name && declared.has(definition.name.value)),
  );
  const schema = buildASTSchema({ kind: Kind.DOCUMENT, definitions: [...builtins, ...definitions] });
  // buildASTSchema gives every custom scalar a pass-through implementation; AppSync validates
  // its scalars, so their behaviour is installed on the built types.
  for (const [name, implementation] of Object.entries(APPSYNC_SCALARS)) {
    const type = schema.getType(name) as GraphQLScalarType | undefined;
    if (type) Object.assign(type, implementation);
  }
  return schema;
}

// Loads graphql/schema.graphql the way AppSync reads it: AppSync's built-in scalars and
// authorisation directives exist without being declared, so they are added here (only those
// the file does not declare itself) before graphql-js builds the schema.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { buildASTSchema, type DefinitionNode, type GraphQLScalarType, type GraphQLSchema, Kind, parse } from "graphql";
import { APPSYNC_SCALARS } from "./appsyncScalars";

const SCHEMA_PATH = fileURLToPath(new URL("../../../../graphql/schema.graphql", import.meta.url));

/** AppSync's built-in scalars and directives, declared for tools that build the schema themselves. */
export const APPSYNC_BUILTINS_PATH = fileURLToPath(new URL("../../../../graphql/appsync-builtins.graphql", import.meta.url));

export function loadAppSyncSchema(): GraphQLSchema {
  return buildAppSyncSchema(readFileSync(SCHEMA_PATH, "utf8"));
}

/** Any schema source as AppSync would read it (tests use small fixture schemas this way). */
export function buildAppSyncSchema(source: string): GraphQLSchema {
  const definitions = parse(source).definitions;
  const builtins = parse(readFileSync(APPSYNC_BUILTINS_PATH, "utf8")).definitions;
  const declared = new Set(definitions.map(nameOf));
  const schema = buildASTSchema({ kind: Kind.DOCUMENT, definitions: [...builtins.filter((definition) => !declared.has(nameOf(definition))), ...definitions] });
  // buildASTSchema gives every custom scalar a pass-through implementation; AppSync validates
  // its scalars, so their behaviour is installed on the built types.
  const builtinScalars = builtins.flatMap((definition) => (definition.kind === Kind.SCALAR_TYPE_DEFINITION ? [definition.name.value] : []));
  const withoutBehaviour = builtinScalars.filter((name) => !APPSYNC_SCALARS[name]);
  const undeclared = Object.keys(APPSYNC_SCALARS).filter((name) => !builtinScalars.includes(name));
  if (withoutBehaviour.length > 0 || undeclared.length > 0) {
    throw new Error(
      `appsync-builtins.graphql and appsyncScalars.ts disagree: declared without behaviour [${withoutBehaviour.join(", ")}], behaviour without declaration [${undeclared.join(", ")}]`,
    );
  }
  for (const name of builtinScalars) Object.assign(schema.getType(name) as GraphQLScalarType, APPSYNC_SCALARS[name]);
  return schema;
}

function nameOf(definition: DefinitionNode): string | undefined {
  return "name" in definition ? definition.name?.value : undefined;
}

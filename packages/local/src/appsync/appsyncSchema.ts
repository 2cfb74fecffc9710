// Loads graphql/schema.graphql the way AppSync reads it: AppSync's built-in scalars and
// authorisation directives exist without being declared, so they are added here (only those
// the file does not declare itself) before graphql-js builds the schema.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { buildASTSchema, type GraphQLScalarType, type GraphQLSchema, Kind, parse } from "graphql";
import { APPSYNC_SCALARS } from "./appsyncScalars";

export const SCHEMA_PATH = fileURLToPath(new URL("../../../../graphql/schema.graphql", import.meta.url));

const APPSYNC_DIRECTIVES = `
directive @aws_api_key on FIELD_DEFINITION | OBJECT
directive @aws_iam on FIELD_DEFINITION | OBJECT
directive @aws_oidc on FIELD_DEFINITION | OBJECT
directive @aws_lambda on FIELD_DEFINITION | OBJECT
directive @aws_cognito_user_pools(cognito_groups: [String]) on FIELD_DEFINITION | OBJECT
directive @aws_auth(cognito_groups: [String]) on FIELD_DEFINITION
directive @aws_subscribe(mutations: [String]) on FIELD_DEFINITION
`;

export function loadAppSyncSchema(schemaPath = SCHEMA_PATH): GraphQLSchema {
  const source = readFileSync(schemaPath, "utf8");
  const declared = new Set(
    parse(source).definitions.flatMap((definition) =>
      definition.kind === Kind.SCALAR_TYPE_DEFINITION || definition.kind === Kind.DIRECTIVE_DEFINITION ? [definition.name.value] : [],
    ),
  );
  const scalarDeclarations = Object.keys(APPSYNC_SCALARS)
    .filter((name) => !declared.has(name))
    .map((name) => `scalar ${name}`)
    .join("\n");
  const directiveDeclarations = APPSYNC_DIRECTIVES.split("\n")
    .filter((line) => {
      const name = /^directive @(\w+)/.exec(line)?.[1];
      return name !== undefined && !declared.has(name);
    })
    .join("\n");
  const schema = buildASTSchema(parse(`${scalarDeclarations}\n${directiveDeclarations}\n${source}`));
  // buildASTSchema gives every custom scalar a pass-through implementation; AppSync validates
  // its scalars, so their behaviour is installed on the built types.
  for (const [name, implementation] of Object.entries(APPSYNC_SCALARS)) {
    const type = schema.getType(name) as GraphQLScalarType | undefined;
    if (type) Object.assign(type, implementation);
  }
  return schema;
}

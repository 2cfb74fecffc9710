// Which auth modes may read each field, from the schema's AppSync directives, decided as AppSync
// decides it (https://docs.aws.amazon.com/appsync/latest/devguide/security-authz.html, "Using
// additional authorization modes"):
// - a field's own auth directives, else its type's, else the API's default mode alone (a type or
//   field that names any mode does not get the default mode unless it names it too);
// - @aws_cognito_user_pools(cognito_groups: [...]) admits a user pool caller only in one of those
//   groups (the token's `cognito:groups`); without the argument every signed-in user;
// - @aws_auth(cognito_groups) is the default-mode form for APIs whose default is a user pool.
// A refused field resolves to null with AppSync's error `Not Authorized to access <field> on type
// <Type>` (errorType `Unauthorized`), and its resolver is not invoked; the rest of the request runs.
import { type DirectiveNode, type GraphQLObjectType, type GraphQLSchema, Kind } from "graphql";

export type AuthMode = "API_KEY" | "AMAZON_COGNITO_USER_POOLS" | "AWS_IAM" | "OPENID_CONNECT" | "AWS_LAMBDA";

/** Who is calling, as far as the directives care: the request's mode and, for a user pool, the caller's groups. */
export interface DirectiveCaller {
  mode: AuthMode;
  groups: readonly string[];
}

interface AuthRule {
  mode: AuthMode;
  /** Only for user pools: the caller must be in one of these. */
  groups?: readonly string[];
}

const DIRECTIVE_MODES: Record<string, AuthMode> = {
  aws_api_key: "API_KEY",
  aws_cognito_user_pools: "AMAZON_COGNITO_USER_POOLS",
  aws_auth: "AMAZON_COGNITO_USER_POOLS",
  aws_iam: "AWS_IAM",
  aws_oidc: "OPENID_CONNECT",
  aws_lambda: "AWS_LAMBDA",
};

/** AppSync's error for a field the caller's mode (or groups) may not read; its name is the errorType. */
export class NotAuthorizedError extends Error {
  constructor(fieldName: string, typeName: string) {
    super(`Not Authorized to access ${fieldName} on type ${typeName}`);
    this.name = "Unauthorized";
  }
}

export class FieldAuthorization {
  private readonly rulesByField = new Map<string, readonly AuthRule[]>();

  constructor(
    private readonly schema: GraphQLSchema,
    readonly defaultMode: AuthMode,
  ) {}

  isAllowed(typeName: string, fieldName: string, caller: DirectiveCaller): boolean {
    return this.rules(typeName, fieldName).some(
      (rule) => rule.mode === caller.mode && (rule.groups === undefined || rule.groups.some((group) => caller.groups.includes(group))),
    );
  }

  /** Throws AppSync's Not Authorized error when the caller may not read the field. */
  check(typeName: string, fieldName: string, caller: DirectiveCaller): void {
    if (!this.isAllowed(typeName, fieldName, caller)) throw new NotAuthorizedError(fieldName, typeName);
  }

  private rules(typeName: string, fieldName: string): readonly AuthRule[] {
    const key = `${typeName}.${fieldName}`;
    let rules = this.rulesByField.get(key);
    if (!rules) {
      const type = this.schema.getType(typeName) as GraphQLObjectType | undefined;
      const field = type?.getFields()[fieldName];
      if (!type || !field) throw new Error(`${key} is not in the schema`);
      const fieldRules = authRules(field.astNode?.directives);
      const typeRules = authRules([...(type.astNode?.directives ?? []), ...type.extensionASTNodes.flatMap((node) => node.directives ?? [])]);
      rules = fieldRules.length > 0 ? fieldRules : typeRules.length > 0 ? typeRules : [{ mode: this.defaultMode }];
      this.rulesByField.set(key, rules);
    }
    return rules;
  }
}

function authRules(directives: readonly DirectiveNode[] | undefined): AuthRule[] {
  return (directives ?? []).flatMap((directive) => {
    const mode = DIRECTIVE_MODES[directive.name.value];
    if (!mode) return [];
    const groupsArgument = directive.arguments?.find((argument) => argument.name.value === "cognito_groups");
    if (!groupsArgument) return [{ mode }];
    const value = groupsArgument.value;
    const groups =
      value.kind === Kind.LIST
        ? value.values.flatMap((item) => (item.kind === Kind.STRING ? [item.value] : []))
        : value.kind === Kind.STRING
          ? [value.value]
          : [];
    return [{ mode, groups }];
  });
}

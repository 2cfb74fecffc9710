// The `identity` AppSync puts in a resolver's event for each auth mode
// (https://docs.aws.amazon.com/appsync/latest/devguide/resolver-context-reference.html#aws-appsync-resolver-context-reference-identity):
// null for API_KEY; for a user pool the verified token's claims; for IAM the signer's account and
// user. Built only from what the shop verified (token or signature), never from request headers.
import type { AppSyncIdentityCognito, AppSyncIdentityIAM } from "aws-lambda";

export function cognitoIdentity(claims: Record<string, unknown>, sourceIp: string): AppSyncIdentityCognito {
  const groups = claims["cognito:groups"];
  return {
    sub: String(claims.sub),
    issuer: String(claims.iss),
    // ID tokens name the user in `cognito:username`, access tokens in `username`.
    username: String(claims["cognito:username"] ?? claims.username),
    claims,
    sourceIp: [sourceIp],
    // The user pool's default action; AppSync reports ALLOW for a user pool that is an additional mode.
    defaultAuthStrategy: "ALLOW",
    groups: Array.isArray(groups) ? groups.map(String) : null,
  };
}

export interface IamPrincipal {
  accountId: string;
  /** The principal's unique id (for a user, the access key's owner). */
  username: string;
  userArn: string;
}

export function iamIdentity(principal: IamPrincipal, sourceIp: string): AppSyncIdentityIAM {
  return {
    accountId: principal.accountId,
    cognitoIdentityPoolId: null as never,
    cognitoIdentityId: null as never,
    sourceIp: [sourceIp],
    username: principal.username,
    userArn: principal.userArn,
    cognitoIdentityAuthType: null as never,
    cognitoIdentityAuthProvider: null as never,
  };
}

// Which auth mode a request uses and whether its credentials hold, as AppSync decides before it
// runs anything (https://docs.aws.amazon.com/appsync/latest/devguide/security-authz.html):
// - `Authorization: AWS4-HMAC-SHA256 …` → AWS_IAM (SigV4 checked against the local credentials);
// - any other `Authorization` value → AMAZON_COGNITO_USER_POOLS (the token verified like AppSync);
// - else `x-api-key` → API_KEY.
// An Authorization header decides the mode even beside an API key: the caller has said who they
// are, and a bad token is refused rather than quietly downgraded to a guest. Nothing else in the
// request (x-amz-user-sub, x-customer-id, arguments…) can name an identity: the identity handed
// to resolvers is built here, from what was verified. Refusals are AppSync's: HTTP 401
// UnauthorizedException for a key or token, HTTP 403 with AWS's signature errors for SigV4.
import type { IncomingMessage } from "node:http";
import type { AppSyncIdentityCognito, AppSyncIdentityIAM } from "aws-lambda";
import { plainHeaders, sameSecret } from "../http/requestHeaders";
import { cognitoIdentity, type IamPrincipal, iamIdentity } from "./appsyncIdentity";
import type { AuthMode, DirectiveCaller } from "./authDirectives";
import { type CognitoTokenVerifier, TokenRefusedError } from "./cognitoTokenVerifier";
import { type IamCredentials, isSigV4, SignatureRefusedError, verifySigV4 } from "./sigV4Verifier";

/** The API's default mode, as the stack configures AppSync (API key; user pools and IAM are additional). */
export const DEFAULT_AUTH_MODE: AuthMode = "API_KEY";

export type AuthenticatedCaller =
  | { mode: "API_KEY"; identity: null; groups: readonly string[] }
  | { mode: "AMAZON_COGNITO_USER_POOLS"; identity: AppSyncIdentityCognito; groups: readonly string[] }
  | { mode: "AWS_IAM"; identity: AppSyncIdentityIAM; groups: readonly string[] };

export interface AuthRefusal {
  status: number;
  body: { errors: Array<{ errorType: string; message: string }> };
}

export type AuthOutcome = { caller: AuthenticatedCaller & DirectiveCaller } | { refusal: AuthRefusal };

export interface RequestAuthSettings {
  apiKey: string;
  /** The user pool mode; without it every token is refused. */
  userPoolTokens?: CognitoTokenVerifier;
  /** The IAM mode: the credentials backend publishers sign with, and who they are. */
  iam?: { credentials: IamCredentials; region: string; principal: IamPrincipal };
}

const unauthorized = (message: string): AuthRefusal => ({ status: 401, body: { errors: [{ errorType: "UnauthorizedException", message }] } });
const NOT_AUTHORIZED = "You are not authorized to make this call.";

export class RequestAuthenticator {
  readonly defaultMode = DEFAULT_AUTH_MODE;

  constructor(private readonly settings: RequestAuthSettings) {}

  /**
   * The refusal AppSync gives from the headers alone — no Authorization and no valid API key — so
   * the local API can answer before reading a body. A request with an Authorization header is
   * decided by `authenticate` (SigV4 needs the body).
   */
  headerRefusal(request: IncomingMessage): AuthRefusal | undefined {
    if (request.headers.authorization !== undefined) return undefined;
    const apiKey = request.headers["x-api-key"];
    const key = Array.isArray(apiKey) ? apiKey.join(",") : apiKey;
    return key !== undefined && sameSecret(key, this.settings.apiKey) ? undefined : unauthorized(NOT_AUTHORIZED);
  }

  async authenticate(request: IncomingMessage, bodyText: string): Promise<AuthOutcome> {
    const header = (name: string) => {
      const value = request.headers[name];
      return Array.isArray(value) ? value.join(",") : value;
    };
    // Only the connection says where a request comes from; X-Forwarded-For is the client's to write.
    const sourceIp = request.socket?.remoteAddress ?? "127.0.0.1";
    const authorization = header("authorization");
    if (authorization !== undefined && isSigV4(authorization)) return this.iam(request, bodyText, sourceIp);
    if (authorization !== undefined) return this.userPool(authorization, sourceIp);
    const apiKey = header("x-api-key");
    if (apiKey !== undefined && sameSecret(apiKey, this.settings.apiKey)) return { caller: { mode: "API_KEY", identity: null, groups: [] } };
    return { refusal: unauthorized(NOT_AUTHORIZED) };
  }

  private userPool(token: string, sourceIp: string): AuthOutcome {
    if (!this.settings.userPoolTokens) return { refusal: unauthorized(NOT_AUTHORIZED) };
    try {
      const identity = cognitoIdentity(this.settings.userPoolTokens.verify(token) as Record<string, unknown>, sourceIp);
      return { caller: { mode: "AMAZON_COGNITO_USER_POOLS", identity, groups: identity.groups ?? [] } };
    } catch (error) {
      if (error instanceof TokenRefusedError) return { refusal: unauthorized(error.message) };
      throw error;
    }
  }

  private async iam(request: IncomingMessage, body: string, sourceIp: string): Promise<AuthOutcome> {
    const iam = this.settings.iam;
    if (!iam) return { refusal: unauthorized(NOT_AUTHORIZED) };
    try {
      await verifySigV4(
        { method: request.method ?? "POST", url: request.url ?? "/graphql", headers: plainHeaders(request), body },
        iam.credentials,
        iam.region,
      );
      return { caller: { mode: "AWS_IAM", identity: iamIdentity(iam.principal, sourceIp), groups: [] } };
    } catch (error) {
      if (error instanceof SignatureRefusedError)
        return { refusal: { status: 403, body: { errors: [{ errorType: error.errorType, message: error.message }] } } };
      throw error;
    }
  }
}

// Verifies a user pool token the way AppSync's AMAZON_COGNITO_USER_POOLS mode does before any
// resolver runs (https://docs.aws.amazon.com/appsync/latest/devguide/security-authz.html#amazon-cognito-user-pools-authorization):
// RS256 signature against the pool's published keys, issuer (the pool), expiry, and a Cognito
// token_use: AppSync accepts ID and access tokens alike. The client id (`aud` of an ID token,
// `client_id` of an access token) must be the web app's client: the local equivalent of an
// `appIdClientRegex` that names that client (CognitoConfig: "if this value isn't set, no filtering
// is applied" — the cloud stack should set it for the two to match).
//
// aws-jwt-verify does the checks. Its CognitoJwtVerifier refuses cognito-local's pool id format
// (`local_…`) and its JwtRsaVerifier fetches keys only over https, so the pool's JWKS is fetched
// here (over loopback) and given to the verifier's cache; the Cognito claims are checked with the
// library's own validateCognitoJwtFields.
import { JwtRsaVerifier } from "aws-jwt-verify";
import { validateCognitoJwtFields } from "aws-jwt-verify/cognito-verifier";
import { JwtExpiredError, JwtParseError } from "aws-jwt-verify/error";
import type { Jwks } from "aws-jwt-verify/jwk";
import type { JwtPayload } from "aws-jwt-verify/jwt-model";

export interface UserPoolTokenSettings {
  issuer: string;
  jwksUri: string;
  clientId: string;
}

/** Why a token was refused, in AppSync's words. */
export class TokenRefusedError extends Error {
  constructor(
    message: string,
    readonly reason: string,
  ) {
    super(message);
    this.name = "TokenRefusedError";
  }
}

export class CognitoTokenVerifier {
  private constructor(private readonly verifier: { verifySync(token: string): JwtPayload }) {}

  static async create(settings: UserPoolTokenSettings): Promise<CognitoTokenVerifier> {
    const response = await fetch(settings.jwksUri);
    if (!response.ok) throw new Error(`The user pool's keys (${settings.jwksUri}) answered ${response.status}`);
    const jwks = (await response.json()) as Jwks;
    return CognitoTokenVerifier.withKeys(settings, jwks);
  }

  /** With keys already at hand (tests give a verifier another pool's keys this way). */
  static withKeys(settings: UserPoolTokenSettings, jwks: Jwks): CognitoTokenVerifier {
    const verifier = JwtRsaVerifier.create({
      issuer: settings.issuer,
      jwksUri: settings.jwksUri,
      // Cognito ID tokens carry `aud`, access tokens do not: the client is checked by token_use below.
      audience: null,
      customJwtCheck: ({ payload }) => {
        const tokenUse = payload.token_use;
        if (tokenUse !== "id" && tokenUse !== "access") throw new Error(`token_use ${JSON.stringify(tokenUse)} is neither id nor access`);
        validateCognitoJwtFields(payload, { tokenUse, clientId: settings.clientId });
      },
    });
    verifier.cacheJwks(jwks);
    return new CognitoTokenVerifier(verifier as unknown as { verifySync(token: string): JwtPayload });
  }

  /** The verified claims; throws TokenRefusedError for anything AppSync would refuse. */
  verify(token: string): JwtPayload {
    try {
      return this.verifier.verifySync(token);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      if (error instanceof JwtExpiredError) throw new TokenRefusedError("Token has expired.", reason);
      // e.g. "Bearer <token>", or not a JWT at all.
      if (error instanceof JwtParseError) throw new TokenRefusedError("Unable to parse JWT token.", reason);
      throw new TokenRefusedError("You are not authorized to make this call.", reason);
    }
  }
}

// The local Cognito user pool: cognito-local (a Cognito API emulator) running inside the shop's
// process, its data under <data>/cognito, set up idempotently at every start: one user pool
// (e-mail as user name, e-mail verified by a code), one app client for the web app
// (USER_PASSWORD_AUTH: cognito-local has no SRP) and one staff group per restaurant of the menu.
// cognito-local's own start-up (createDefaultServer) reads ./.cognito in the working directory
// and prints codes in boxes; the same services are assembled here with the shop's data folder,
// a Cognito-like issuer, the pool's own signing key (poolSigningKey.ts) and a message sender that
// records codes where a person can find them.
import { mkdirSync } from "node:fs";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import {
  CognitoIdentityProviderClient,
  CreateGroupCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  ListGroupsCommand,
  ListUserPoolClientsCommand,
  ListUserPoolsCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { staffGroupName } from "@pizza-orders/core/access/staffGroups";
import { RESTAURANTS } from "@pizza-orders/core/menu/menu";
import { localClientConfig } from "../aws/localClientConfig";
import { LOCAL_REGION } from "../aws/localResources";
import { ConfirmationCodeLog } from "./confirmationCodes";
import { loadOrCreatePoolSigningKey, type PoolSigningKey, resignToken, signJwt } from "./poolSigningKey";

export const USER_POOL_NAME = "pizza-orders-local-customers";
export const WEB_CLIENT_NAME = "pizza-orders-local-web";
/** `iss` of the pool's tokens is `<this>/<pool id>`, as Cognito's is. */
export const COGNITO_ISSUER_DOMAIN = `https://cognito-idp.${LOCAL_REGION}.amazonaws.com`;
const CODES_FILE = "codes.jsonl";
const SIGNING_KEY_FILE = "signing-key.json";

export interface LocalUserPool {
  /** cognito-local's endpoint: the `userPoolEndpoint` of Amplify Auth, the endpoint of SDK clients. */
  url: string;
  port: number;
  region: string;
  userPoolId: string;
  /** The web app's client (no secret; USER_PASSWORD_AUTH and refresh). */
  clientId: string;
  /** The `iss` claim of the pool's tokens. */
  issuer: string;
  /** Where the pool publishes its signing keys. */
  jwksUri: string;
  codes: ConfirmationCodeLog;
  stop(): Promise<void>;
}

export interface LocalUserPoolOptions {
  /** The folder cognito-local keeps its pool, users and clients in (JSON files). */
  dataDir: string;
  port: number;
  host: string;
  log: (line: string) => void;
}

export async function startLocalUserPool(options: LocalUserPoolOptions): Promise<LocalUserPool> {
  const dbDir = join(options.dataDir, "db");
  mkdirSync(dbDir, { recursive: true });
  const codes = new ConfirmationCodeLog(join(options.dataDir, CODES_FILE), options.log);
  const signingKey = loadOrCreatePoolSigningKey(join(options.dataDir, SIGNING_KEY_FILE));
  const server = await startCognitoLocal(dbDir, options, codes, signingKey);
  const port = (server.address() as AddressInfo).port;
  const url = `http://${options.host}:${port}`;
  const stop = () =>
    new Promise<void>((resolve, reject) => {
      server.close((error) => (error ? reject(error) : resolve()));
      server.closeAllConnections();
    });
  try {
    const { userPoolId, clientId } = await ensurePoolSetUp(url);
    return {
      url,
      port,
      region: LOCAL_REGION,
      userPoolId,
      clientId,
      issuer: `${COGNITO_ISSUER_DOMAIN}/${userPoolId}`,
      jwksUri: `${url}/${userPoolId}/.well-known/jwks.json`,
      codes,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * The pool has no Lambda triggers (DefaultConfig.TriggerFunctions is empty), so cognito-local never
 * calls its Lambda client; this one says so if that ever changes.
 */
const NO_LAMBDA_TRIGGERS = {
  invoke: () => {
    throw new Error("the local user pool has no Lambda triggers");
  },
} as never;

async function startCognitoLocal(dbDir: string, options: LocalUserPoolOptions, codes: ConfirmationCodeLog, signingKey: PoolSigningKey): Promise<Server> {
  // cognito-local loads the AWS SDK v2 (for triggers and KMS, unused here); its end-of-support
  // notice is noise in a local run.
  process.env.AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE ??= "1";
  const [
    { default: pino },
    { createServer },
    { Router },
    { DefaultConfig },
    services,
    { CognitoServiceFactoryImpl },
    { StormDBDataStoreFactory },
    { MessageDeliveryService },
    { otp },
    { JwtTokenGenerator },
    { UserPoolServiceFactoryImpl, attribute, attributesAppend, attributeValue },
    { CryptoService },
  ] = await Promise.all([
    import("pino"),
    import("cognito-local/lib/server/server.js"),
    import("cognito-local/lib/server/Router.js"),
    import("cognito-local/lib/server/config.js"),
    import("cognito-local/lib/services/index.js"),
    import("cognito-local/lib/services/cognitoService.js"),
    import("cognito-local/lib/services/dataStore/stormDb.js"),
    import("cognito-local/lib/services/messageDelivery/messageDelivery.js"),
    import("cognito-local/lib/services/otp.js"),
    import("cognito-local/lib/services/tokenGenerator.js"),
    import("cognito-local/lib/services/userPoolService.js"),
    import("cognito-local/lib/services/crypto.js"),
  ]);
  // Only its warnings and errors reach the shop's log.
  const logger = pino({ level: "warn" }, { write: (line: string) => options.log(`[cognito] ${(JSON.parse(line) as { msg?: string }).msg ?? line.trim()}`) });
  const ctx = { logger };
  const config = {
    ...DefaultConfig,
    TokenConfig: { IssuerDomain: COGNITO_ISSUER_DOMAIN },
    ServerConfig: { port: options.port, hostname: options.host, development: false, https: false as const },
  };
  const clock = new services.DateClock();
  const dataStoreFactory = new StormDBDataStoreFactory(dbDir);
  const cognito = await new CognitoServiceFactoryImpl(dbDir, dataStoreFactory, new UserPoolServiceFactoryImpl(clock, dataStoreFactory)).create(
    ctx,
    config.UserPoolDefaults,
  );
  const triggers = new services.TriggersService(
    clock,
    cognito,
    new services.LambdaService(config.TriggerFunctions, NO_LAMBDA_TRIGGERS),
    new CryptoService(config.KMSConfig),
  );
  // The pool verifies e-mail only, but cognito-local's sender interface has both channels.
  const recordCode = async (_ctx: unknown, user: { Username: string }, destination: string, message: { __code?: string }) =>
    codes.record({ username: user.Username, destination, code: message.__code ?? "" });
  const sender = { sendEmail: recordCode, sendSms: recordCode };
  const serviceSet = {
    clock,
    cognito,
    config,
    messages: new services.MessagesService(triggers, new MessageDeliveryService(sender)),
    otp,
    tokenGenerator: poolKeyTokenGenerator(
      new JwtTokenGenerator(clock, triggers, config.TokenConfig),
      signingKey,
      (user) => attributeValue("email_verified", user.Attributes) === "true",
    ),
    triggers,
  };
  const router = Router(serviceSet);
  // Cognito marks the e-mail verified when the code sent to it confirms the sign-up (the pool
  // auto-verifies e-mail); cognito-local confirms the user but leaves email_verified unset, so
  // the ID token would never carry a verified address. Done here, after its own ConfirmSignUp.
  const routeMarkingEmailVerified = (target: string) => {
    const route = router(target);
    if (target !== "ConfirmSignUp") return route;
    return async (ctx: Parameters<typeof route>[0], request: { ClientId: string; Username: string }) => {
      const answer = await route(ctx, request as never);
      const userPool = await cognito.getUserPoolForClientId(ctx, request.ClientId);
      const user = await userPool.getUserByUsername(ctx, request.Username);
      if (user) await userPool.saveUser(ctx, { ...user, Attributes: attributesAppend(user.Attributes, attribute("email_verified", "true")) });
      return answer;
    };
  };
  const server = (await createServer(routeMarkingEmailVerified as typeof router, logger, config.ServerConfig, serviceSet).start()) as Server;
  publishPoolKey(server, signingKey);
  return server;
}

type TokenGeneratorLike = { generate(...args: never[]): Promise<{ IdToken: string; AccessToken: string; RefreshToken: string }> };

type PoolUser = { Attributes?: Array<{ Name: string; Value?: string }> };

/**
 * cognito-local's claims and expiry, signed by the pool's own key (the refresh token stays opaque,
 * as Cognito's is). The ID token's `email_verified` is taken from the user's attribute as Cognito
 * does: cognito-local computes Boolean("false") and would call an unverified address verified.
 */
function poolKeyTokenGenerator<T extends TokenGeneratorLike>(generator: T, key: PoolSigningKey, emailVerified: (user: PoolUser) => boolean): T {
  return {
    generate: async (...args: never[]) => {
      const tokens = await generator.generate(...args);
      const user = (args as unknown[])[1] as PoolUser;
      const idClaims = JSON.parse(Buffer.from(tokens.IdToken.split(".")[1] ?? "", "base64url").toString("utf8")) as Record<string, unknown>;
      const idPayload = Buffer.from(JSON.stringify({ ...idClaims, email_verified: emailVerified(user) })).toString("base64url");
      return { ...tokens, IdToken: signJwt(idPayload, key), AccessToken: resignToken(tokens.AccessToken, key) };
    },
  } as T;
}

/** Answers `/<pool id>/.well-known/jwks.json` with the pool's public key, ahead of cognito-local's route (its packaged key). */
function publishPoolKey(server: Server, key: PoolSigningKey): void {
  const [express] = server.listeners("request") as Array<(request: IncomingMessage, response: ServerResponse) => void>;
  if (!express) throw new Error("cognito-local started without a request handler");
  server.removeAllListeners("request");
  server.on("request", (request: IncomingMessage, response: ServerResponse) => {
    if (request.method === "GET" && /^\/[^/]+\/\.well-known\/jwks\.json$/.test(new URL(request.url ?? "/", "http://local").pathname)) {
      const body = JSON.stringify({ keys: [key.publicJwk] });
      response.writeHead(200, { "content-type": "application/json", "access-control-allow-origin": "*", "content-length": Buffer.byteLength(body) });
      response.end(body);
      return;
    }
    express(request, response);
  });
}

/** Finds the pool, client and groups by name and creates what is missing, so a restart keeps every user. */
async function ensurePoolSetUp(endpoint: string): Promise<{ userPoolId: string; clientId: string }> {
  const cognito = new CognitoIdentityProviderClient(localClientConfig(endpoint));
  try {
    const pools = await cognito.send(new ListUserPoolsCommand({ MaxResults: 60 }));
    let userPoolId = pools.UserPools?.find((pool) => pool.Name === USER_POOL_NAME)?.Id;
    if (!userPoolId) {
      const created = await cognito.send(
        new CreateUserPoolCommand({
          PoolName: USER_POOL_NAME,
          UsernameAttributes: ["email"],
          AutoVerifiedAttributes: ["email"],
          Policies: { PasswordPolicy: { MinimumLength: 8, RequireLowercase: true, RequireUppercase: true, RequireNumbers: true, RequireSymbols: false } },
        }),
      );
      userPoolId = created.UserPool!.Id!;
    }
    const clients = await cognito.send(new ListUserPoolClientsCommand({ UserPoolId: userPoolId, MaxResults: 60 }));
    let clientId = clients.UserPoolClients?.find((client) => client.ClientName === WEB_CLIENT_NAME)?.ClientId;
    if (!clientId) {
      const created = await cognito.send(
        new CreateUserPoolClientCommand({
          UserPoolId: userPoolId,
          ClientName: WEB_CLIENT_NAME,
          GenerateSecret: false,
          ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
        }),
      );
      clientId = created.UserPoolClient!.ClientId!;
    }
    const groups = await cognito.send(new ListGroupsCommand({ UserPoolId: userPoolId, Limit: 60 }));
    const existing = new Set(groups.Groups?.map((group) => group.GroupName));
    for (const restaurant of RESTAURANTS) {
      const groupName = staffGroupName(restaurant.id);
      if (!existing.has(groupName))
        await cognito.send(new CreateGroupCommand({ UserPoolId: userPoolId, GroupName: groupName, Description: `Staff of ${restaurant.name}` }));
    }
    return { userPoolId, clientId };
  } finally {
    cognito.destroy();
  }
}

// Runs graphql/lambdaResolver.js — the APPSYNC_JS resolver AppSync runs in front of every Lambda
// resolver — around a local function, and delivers errors as AppSync does:
// - `util.error(message, type, data, errorInfo)` ends the field with an error carrying exactly
//   those four (AppSync's errors[] entry: errorType, data, errorInfo, message);
// - a failed invocation reaches the response handler as ctx.error {message, type}, type being
//   "Lambda:Unhandled" as AppSync reports a function error to a resolver with code.
//
// The file is evaluated here rather than imported: APPSYNC_JS modules import `util` from
// "@aws-appsync/utils", a module the AppSync runtime provides and npm only types. Its one import
// line is checked and replaced by the local `util` below; nothing else in the file is touched.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { AppSyncResolverEvent } from "aws-lambda";
import { FunctionError, type LocalFunction } from "../lambda/localFunction";

export const LAMBDA_RESOLVER_CODE_PATH = fileURLToPath(new URL("../../../../graphql/lambdaResolver.js", import.meta.url));

const UTIL_IMPORT = 'import { util } from "@aws-appsync/utils";';

/** What `util.error` raises: a field error with AppSync's four parts. */
export class AppSyncResolverError extends Error {
  constructor(
    message: string,
    readonly errorType: string | null,
    readonly data: unknown,
    readonly errorInfo: unknown,
  ) {
    super(message);
    this.name = "AppSyncResolverError";
  }
}

const localUtil = {
  error(message: string, errorType?: string | null, data?: unknown, errorInfo?: unknown): never {
    throw new AppSyncResolverError(message, errorType ?? null, data ?? null, errorInfo ?? null);
  },
};

type ResolverContext = Omit<AppSyncResolverEvent<Record<string, unknown>>, "prev"> & {
  prev: unknown;
  result?: unknown;
  error?: { message: string; type: string };
};

interface ResolverCode {
  request(ctx: ResolverContext): { operation: string; payload: unknown };
  response(ctx: ResolverContext): unknown;
}

function loadResolverCode(): ResolverCode {
  const source = readFileSync(LAMBDA_RESOLVER_CODE_PATH, "utf8");
  if (!source.includes(UTIL_IMPORT)) throw new Error(`${LAMBDA_RESOLVER_CODE_PATH} must import util as: ${UTIL_IMPORT}`);
  const body = source.replace(UTIL_IMPORT, "").replace(/^export function /gm, "function ");
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- see the file comment: the runtime module is provided, not imported
  return new Function("util", `${body}\nreturn { request, response };`)(localUtil) as ResolverCode;
}

let resolverCode: ResolverCode | undefined;

/** Resolves a field as AppSync does with the Lambda resolver code: request → Invoke → response. */
export async function resolveWithLambda(fn: LocalFunction, ctx: ResolverContext): Promise<unknown> {
  resolverCode ??= loadResolverCode();
  const request = resolverCode.request(ctx);
  if (request.operation !== "Invoke") throw new Error(`Unsupported Lambda resolver operation ${request.operation}`);
  try {
    const result = await fn.invoke(request.payload);
    return resolverCode.response({ ...ctx, result });
  } catch (error) {
    if (!(error instanceof FunctionError)) throw error;
    return resolverCode.response({ ...ctx, result: null, error: { message: error.message, type: "Lambda:Unhandled" } });
  }
}

// How every request proves who sends it: a signed-in person's Cognito id token in `Authorization`
// (AppSync's USER_POOL mode), otherwise the public API key (`x-api-key`, guests). The token comes
// from a function rather than from Amplify directly, so this module — in the initial bundle —
// does not pull in the auth library; the auth client loads it only when a session exists.
import { setContext } from "@apollo/client/link/context";

export type IdTokenSource = () => Promise<string | undefined>;

export function createAuthLink(apiKey: string, idToken: IdTokenSource) {
  return setContext(async (_operation, { headers }: { headers?: Record<string, string> }) => {
    const token = await idToken();
    return { headers: { ...headers, ...(token ? { Authorization: token } : { "x-api-key": apiKey }) } };
  });
}

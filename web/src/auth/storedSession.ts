// Whether this browser holds a Cognito session, read without loading Amplify: guests (most
// visitors) then never download the auth library. Amplify Auth v6 keeps its tokens in
// localStorage under `CognitoIdentityServiceProvider.<app client id>.*`, and names the signed-in
// user in `….LastAuthUser` (@aws-amplify/auth, tokenProvider/TokenStore: getLastAuthUserKey).
const AMPLIFY_KEY_PREFIX = "CognitoIdentityServiceProvider";

export function hasStoredSession(userPoolClientId: string, storage: Storage | undefined = globalThis.localStorage): boolean {
  try {
    return Boolean(storage?.getItem(`${AMPLIFY_KEY_PREFIX}.${userPoolClientId}.LastAuthUser`));
  } catch {
    // Storage can be disabled (privacy settings): then there is no stored session either.
    return false;
  }
}
